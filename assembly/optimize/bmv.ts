/**
 * bmv: the product p = M v of the 2col x 2col middle matrix of the compact L-BFGS
 * representation B = theta*I - W M W' with a 2col vector v, using the Cholesky factor J'
 * of T = theta*S'S + L D^-1 L' held in the upper triangle of wt (see formt):
 *   M^-1 = [ -D      L'        ]  =  [  D^1/2     O ] [ -D^1/2   D^-1/2 L' ]
 *          [  L   theta*S'S    ]     [ -L D^-1/2  J ] [  0       J'        ]
 * Overwrites p (2col doubles). Returns 0, or the LINPACK dtrsl info (a zero diagonal of J).
 *
 * References: Byrd, Nocedal & Schnabel (1994), Representations of quasi-Newton matrices
 * and their use in limited memory methods, Math. Prog. 63:129-156; Byrd, Lu, Nocedal & Zhu
 * (1995), section 3.
 */
import { ld, st, ld2 } from "./state";
import { dtrsl } from "./linpack";

export function bmv(m: i32, sy: usize, wt: usize, col: i32, v: usize, p: usize): i32 {
  if (col == 0) return 0;
  // Solve [ D^1/2 O ; -L D^-1/2 J ] [p1; p2] = [v1; v2]: first J p2 = v2 + L D^-1 v1.
  st(p, col + 1, ld(v, col + 1));
  for (let i = 2; i <= col; i++) {
    const i2 = col + i;
    let sum: f64 = 0;
    for (let k = 1; k <= i - 1; k++) sum += ld2(sy, m, i, k) * ld(v, k) / ld2(sy, m, k, k);
    st(p, i2, ld(v, i2) + sum);
  }
  let info = dtrsl(wt, m, col, p + ((<usize>col) << 3), 11);
  if (info != 0) return info;
  for (let i = 1; i <= col; i++) st(p, i, ld(v, i) / Math.sqrt(ld2(sy, m, i, i)));

  // Solve [ -D^1/2 D^-1/2 L' ; 0 J' ] [p1; p2] = [p1; p2].
  info = dtrsl(wt, m, col, p + ((<usize>col) << 3), 1);
  if (info != 0) return info;
  for (let i = 1; i <= col; i++) st(p, i, -ld(p, i) / Math.sqrt(ld2(sy, m, i, i)));
  for (let i = 1; i <= col; i++) {
    let sum: f64 = 0;
    for (let k = i + 1; k <= col; k++) sum += ld2(sy, m, k, i) * ld(p, col + k) / ld2(sy, m, i, i);
    st(p, i, ld(p, i) + sum);
  }
  return 0;
}

/**
 * matupd and formt: the update of the compact L-BFGS representation after an accepted step.
 *
 * matupd stores the new pair s = d (the step), y = r (the gradient change) in the circular
 * buffers ws/wy (moving head/itail once maxcor pairs are kept), sets theta = y'y / y's, and
 * updates the upper triangle of SS = S'S and the lower triangle of SY = S'Y (shifting the
 * old entries when the oldest pair was dropped).
 * formt forms the upper half of T = theta*S'S + L D^-1 L' in wt and factors it in place,
 * T = J J' with J' upper triangular (LINPACK dpofa). Returns 0, or -3 when T is not
 * positive definite.
 *
 * References: Byrd, Nocedal & Schnabel (1994); Byrd, Lu, Nocedal & Zhu (1995), section 3.
 */
import { Lbfgsb, ld2, st2, at2 } from "./state";
import { dpofa } from "./linpack";

export function matupd(s: Lbfgsb, rr: f64, dr: f64): void {
  const n = s.n, m = s.m;
  const ws = s.ws, wy = s.wy, sy = s.sy, ss = s.ss, d = s.d, r = s.r;
  if (s.iupdat <= m) {
    s.col = s.iupdat;
    s.itail = (s.head + s.iupdat - 2) % m + 1;
  } else {
    s.itail = s.itail % m + 1;
    s.head = s.head % m + 1;
  }
  const col = s.col;
  memory.copy(at2(ws, n, 1, s.itail), d, (<usize>n) << 3);
  memory.copy(at2(wy, n, 1, s.itail), r, (<usize>n) << 3);
  s.theta = rr / dr;

  if (s.iupdat > m) {
    // Drop the oldest pair: shift SS's upper triangle and SY's lower triangle.
    for (let j = 1; j <= col - 1; j++) {
      memory.copy(at2(ss, m, 1, j), at2(ss, m, 2, j + 1), (<usize>j) << 3);
      memory.copy(at2(sy, m, j, j), at2(sy, m, j + 1, j + 1), (<usize>(col - j)) << 3);
    }
  }
  let pointr = s.head;
  for (let j = 1; j <= col - 1; j++) {
    // d'y_j and s_j'd, each summed in order, in one pass for instruction-level parallelism.
    const wyc = at2(wy, n, 1, pointr), wsc = at2(ws, n, 1, pointr);
    let sumY: f64 = 0, sumS: f64 = 0;
    for (let i = 0; i < n; i++) {
      const off = (<usize>i) << 3;
      const di = load<f64>(d + off);
      sumY += di * load<f64>(wyc + off);
      sumS += load<f64>(wsc + off) * di;
    }
    st2(sy, m, col, j, sumY);
    st2(ss, m, j, col, sumS);
    pointr = pointr == m ? 1 : pointr + 1;
  }
  if (s.stp == 1) st2(ss, m, col, col, s.dtd);
  else st2(ss, m, col, col, s.stp * s.stp * s.dtd);
  st2(sy, m, col, col, dr);
}

export function formt(s: Lbfgsb): i32 {
  const m = s.m, col = s.col, wt = s.wt, sy = s.sy, ss = s.ss, theta = s.theta;
  for (let j = 1; j <= col; j++) st2(wt, m, 1, j, theta * ld2(ss, m, 1, j));
  for (let i = 2; i <= col; i++) {
    for (let j = i; j <= col; j++) {
      const k1 = Math.min(i, j) - 1;
      let ddum: f64 = 0;
      for (let k = 1; k <= k1; k++) ddum += ld2(sy, m, i, k) * ld2(sy, m, j, k) / ld2(sy, m, k, k);
      st2(wt, m, i, j, ddum + theta * ld2(ss, m, i, j));
    }
  }
  return dpofa(wt, m, col) != 0 ? -3 : 0;
}

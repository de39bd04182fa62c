/**
 * formk: the LEL' factorization of the 2col x 2col indefinite matrix
 *   K = [ -D - Y'ZZ'Y/theta     L_a' - R_z'  ]
 *       [  L_a - R_z         theta*S'AA'S    ]
 * used by subsm for the subspace minimization over the free variables (Z: free, A: active
 * at the Cauchy point). The inner products are kept in snd (WN1, 2m x 2m) and updated
 * incrementally: a new (s, y) pair adds a row/column, and the variables that entered or
 * left the free set since the last iteration (indx2) correct the old entries.
 * Writes the factor into wn (upper triangles: L' in the (1,1) block, L^-1(-L_a'+R_z') in
 * the (1,2) block, the Cholesky factor of the Schur complement in the (2,2) block).
 * Returns 0, -1 when the (1,1) block is not positive definite, -2 for the (2,2) block.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995), section 5.1 (direct primal method);
 * Zhu, Byrd, Lu & Nocedal (1997), algorithm 778.
 */
import { Lbfgsb, ld2, st2, ldi, at2, dot, col0, idx } from "./state";
import { dpofa, dtrsl } from "./linpack";

export function formk(s: Lbfgsb): i32 {
  const n = s.n, m = s.m;
  const nsub = s.nfree, ind = s.index, nenter = s.nenter, ileave = s.ileave, indx2 = s.indx2;
  const wn = s.wn, wn1 = s.snd, ws = s.ws, wy = s.wy, sy = s.sy;
  const theta = s.theta, col = s.col, head = s.head;
  const m2 = 2 * m;
  let upcl: i32;

  if (s.updatd) {
    if (s.iupdat > m) {
      // Shift the old part of WN1 to make room for the newest pair.
      for (let jy = 1; jy <= m - 1; jy++) {
        const js = m + jy;
        memory.copy(at2(wn1, m2, jy, jy), at2(wn1, m2, jy + 1, jy + 1), (<usize>(m - jy)) << 3);
        memory.copy(at2(wn1, m2, js, js), at2(wn1, m2, js + 1, js + 1), (<usize>(m - jy)) << 3);
        memory.copy(at2(wn1, m2, m + 1, jy), at2(wn1, m2, m + 2, jy + 1), (<usize>(m - 1)) << 3);
      }
    }
    // New rows in blocks (1,1), (2,1) and (2,2).
    const pbegin = 1, pend = nsub, dbegin = nsub + 1, dend = n;
    const iy = col, is = m + col;
    let ipntr = head + col - 1;
    if (ipntr > m) ipntr -= m;
    let jpntr = head;
    for (let jy = 1; jy <= col; jy++) {
      const js = m + jy;
      let temp1: f64 = 0, temp2: f64 = 0, temp3: f64 = 0;
      const wyI = col0(wy, n, ipntr), wyJ = col0(wy, n, jpntr);
      const wsI = col0(ws, n, ipntr), wsJ = col0(ws, n, jpntr);
      for (let k = pbegin; k <= pend; k++) {
        const o = idx(ind, k);
        temp1 += load<f64>(wyI + o) * load<f64>(wyJ + o);
      }
      for (let k = dbegin; k <= dend; k++) {
        const o = idx(ind, k);
        temp2 += load<f64>(wsI + o) * load<f64>(wsJ + o);
        temp3 += load<f64>(wsI + o) * load<f64>(wyJ + o);
      }
      st2(wn1, m2, iy, jy, temp1);
      st2(wn1, m2, is, js, temp2);
      st2(wn1, m2, is, jy, temp3);
      jpntr = jpntr == m ? 1 : jpntr + 1;
    }
    // New column in block (2,1).
    const jy = col;
    jpntr = head + col - 1;
    if (jpntr > m) jpntr -= m;
    ipntr = head;
    for (let i = 1; i <= col; i++) {
      const is2 = m + i;
      let temp3: f64 = 0;
      const wsI = col0(ws, n, ipntr), wyJ = col0(wy, n, jpntr);
      for (let k = pbegin; k <= pend; k++) {
        const o = idx(ind, k);
        temp3 += load<f64>(wsI + o) * load<f64>(wyJ + o);
      }
      ipntr = ipntr == m ? 1 : ipntr + 1;
      st2(wn1, m2, is2, jy, temp3);
    }
    upcl = col - 1;
  } else {
    upcl = col;
  }

  // Correct the old parts of blocks (1,1) and (2,2) for the variables that entered
  // (indx2(1:nenter)) or left (indx2(ileave:n)) the free set.
  let ipntr = head;
  for (let iy = 1; iy <= upcl; iy++) {
    const is = m + iy;
    let jpntr = head;
    for (let jy = 1; jy <= iy; jy++) {
      const js = m + jy;
      let temp1: f64 = 0, temp2: f64 = 0, temp3: f64 = 0, temp4: f64 = 0;
      for (let k = 1; k <= nenter; k++) {
        const k1 = ldi(indx2, k);
        temp1 += ld2(wy, n, k1, ipntr) * ld2(wy, n, k1, jpntr);
        temp2 += ld2(ws, n, k1, ipntr) * ld2(ws, n, k1, jpntr);
      }
      for (let k = ileave; k <= n; k++) {
        const k1 = ldi(indx2, k);
        temp3 += ld2(wy, n, k1, ipntr) * ld2(wy, n, k1, jpntr);
        temp4 += ld2(ws, n, k1, ipntr) * ld2(ws, n, k1, jpntr);
      }
      st2(wn1, m2, iy, jy, ld2(wn1, m2, iy, jy) + temp1 - temp3);
      st2(wn1, m2, is, js, ld2(wn1, m2, is, js) - temp2 + temp4);
      jpntr = jpntr == m ? 1 : jpntr + 1;
    }
    ipntr = ipntr == m ? 1 : ipntr + 1;
  }
  // Correct the old part of block (2,1).
  ipntr = head;
  for (let is = m + 1; is <= m + upcl; is++) {
    let jpntr = head;
    for (let jy = 1; jy <= upcl; jy++) {
      let temp1: f64 = 0, temp3: f64 = 0;
      for (let k = 1; k <= nenter; k++) {
        const k1 = ldi(indx2, k);
        temp1 += ld2(ws, n, k1, ipntr) * ld2(wy, n, k1, jpntr);
      }
      for (let k = ileave; k <= n; k++) {
        const k1 = ldi(indx2, k);
        temp3 += ld2(ws, n, k1, ipntr) * ld2(wy, n, k1, jpntr);
      }
      if (is <= jy + m) st2(wn1, m2, is, jy, ld2(wn1, m2, is, jy) + temp1 - temp3);
      else st2(wn1, m2, is, jy, ld2(wn1, m2, is, jy) - temp1 + temp3);
      jpntr = jpntr == m ? 1 : jpntr + 1;
    }
    ipntr = ipntr == m ? 1 : ipntr + 1;
  }

  // Upper triangle of WN = [ D + Y'ZZ'Y/theta   -L_a' + R_z' ]
  //                        [ -L_a + R_z          S'AA'S*theta ]
  for (let iy = 1; iy <= col; iy++) {
    const is = col + iy;
    const is1 = m + iy;
    for (let jy = 1; jy <= iy; jy++) {
      const js = col + jy;
      const js1 = m + jy;
      st2(wn, m2, jy, iy, ld2(wn1, m2, iy, jy) / theta);
      st2(wn, m2, js, is, ld2(wn1, m2, is1, js1) * theta);
    }
    for (let jy = 1; jy <= iy - 1; jy++) st2(wn, m2, jy, is, -ld2(wn1, m2, is1, jy));
    for (let jy = iy; jy <= col; jy++) st2(wn, m2, jy, is, ld2(wn1, m2, is1, jy));
    st2(wn, m2, iy, iy, ld2(wn, m2, iy, iy) + ld2(sy, m, iy, iy));
  }

  // LL' of the (1,1) block, then L^-1(-L_a' + R_z') in the (1,2) block, then the Schur
  // complement S'AA'S*theta + (L^-1(-L_a'+R_z'))'(L^-1(-L_a'+R_z')) factored in place.
  let info = dpofa(wn, m2, col);
  if (info != 0) return -1;
  const col2 = 2 * col;
  for (let js = col + 1; js <= col2; js++) dtrsl(wn, m2, col, at2(wn, m2, 1, js), 11);
  for (let is = col + 1; is <= col2; is++) {
    for (let js = is; js <= col2; js++) {
      st2(wn, m2, is, js, ld2(wn, m2, is, js) + dot(col, at2(wn, m2, 1, is), at2(wn, m2, 1, js)));
    }
  }
  info = dpofa(at2(wn, m2, col + 1, col + 1), m2, col);
  if (info != 0) return -2;
  return 0;
}

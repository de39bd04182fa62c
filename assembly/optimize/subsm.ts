/**
 * cmprlb and subsm: subspace minimization of the L-BFGS-B model over the variables that
 * are free at the Cauchy point z, with the other variables held at their Cauchy values.
 *
 * cmprlb computes the reduced gradient r = -Z'(B(z - x) + g) (into s.r(1:nfree)) from
 * c = W'(z - x) left by cauchy; without bounds (and col > 0) it is simply r = -g.
 * subsm computes the unconstrained Newton step d = -Z'B^-1 Z r on the free variables with
 * the Sherman–Morrison–Woodbury form of the compact representation (the factor of K from
 * formk), projects z + d onto the box, and keeps the projection when it is a descent
 * direction from x (Morales & Nocedal 2011); otherwise it backtracks along d to the first
 * bound, as in the original algorithm. Overwrites s.z (the subspace minimizer), s.r, s.xp
 * (a copy of the Cauchy point) and wa(1:2col); sets s.iword (1 when a bound was hit).
 * Return values: 0, or non-zero for a singular triangular factor.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995), section 5.1; Morales & Nocedal (2011),
 * Remark on "Algorithm 778: L-BFGS-B", ACM TOMS 38(1):7.
 */
import { Lbfgsb, ld, st, ldi, col0, idx } from "./state";
import { bmv } from "./bmv";
import { dtrsl } from "./linpack";

export function cmprlb(s: Lbfgsb): i32 {
  const n = s.n, m = s.m;
  const x = s.x, g = s.g, z = s.z, r = s.r, index = s.index;
  const theta = s.theta, col = s.col;
  if (s.cnstnd == 0 && col > 0) {
    for (let i = 1; i <= n; i++) st(r, i, -ld(g, i));
    return 0;
  }
  for (let i = 1; i <= s.nfree; i++) {
    const k = ldi(index, i);
    st(r, i, -theta * (ld(z, k) - ld(x, k)) - ld(g, k));
  }
  const wa = s.wa;
  const info = bmv(m, s.sy, s.wt, col, wa + ((<usize>(2 * m)) << 3), wa);
  if (info != 0) return -8;
  let pointr = s.head;
  for (let j = 1; j <= col; j++) {
    const a1 = ld(wa, j);
    const a2 = theta * ld(wa, col + j);
    const wyc = col0(s.wy, n, pointr), wsc = col0(s.ws, n, pointr);
    for (let i = 1; i <= s.nfree; i++) {
      const o = idx(index, i);
      st(r, i, ld(r, i) + load<f64>(wyc + o) * a1 + load<f64>(wsc + o) * a2);
    }
    pointr = pointr == m ? 1 : pointr + 1;
  }
  return 0;
}

export function subsm(s: Lbfgsb): i32 {
  const n = s.n, m = s.m, nsub = s.nfree;
  const ind = s.index, l = s.l, u = s.u, nbd = s.nbd;
  const x = s.z, d = s.r, xp = s.xp, xx = s.x, gg = s.g;
  const ws = s.ws, wy = s.wy, theta = s.theta, col = s.col, head = s.head;
  const wv = s.wa, wn = s.wn;
  if (nsub <= 0) return 0;

  // wv = W'Z d
  let pointr = head;
  for (let i = 1; i <= col; i++) {
    let temp1: f64 = 0, temp2: f64 = 0;
    const wyc = col0(wy, n, pointr), wsc = col0(ws, n, pointr);
    for (let j = 1; j <= nsub; j++) {
      const o = idx(ind, j);
      const dj = ld(d, j);
      temp1 += load<f64>(wyc + o) * dj;
      temp2 += load<f64>(wsc + o) * dj;
    }
    st(wv, i, temp1);
    st(wv, col + i, theta * temp2);
    pointr = pointr == m ? 1 : pointr + 1;
  }
  // wv = K^-1 wv
  const m2 = 2 * m, col2 = 2 * col;
  let info = dtrsl(wn, m2, col2, wv, 11);
  if (info != 0) return info;
  for (let i = 1; i <= col; i++) st(wv, i, -ld(wv, i));
  info = dtrsl(wn, m2, col2, wv, 1);
  if (info != 0) return info;

  // d = (1/theta) d + (1/theta^2) Z'W wv
  pointr = head;
  for (let jy = 1; jy <= col; jy++) {
    const js = col + jy;
    const wyc = col0(wy, n, pointr), wsc = col0(ws, n, pointr);
    const wvy = ld(wv, jy), wvs = ld(wv, js);
    for (let i = 1; i <= nsub; i++) {
      const o = idx(ind, i);
      st(d, i, ld(d, i) + load<f64>(wyc + o) * wvy / theta + load<f64>(wsc + o) * wvs);
    }
    pointr = pointr == m ? 1 : pointr + 1;
  }
  const rtheta = 1.0 / theta;
  for (let i = 1; i <= nsub; i++) st(d, i, rtheta * ld(d, i));

  // Project the Newton point onto the box (Morales & Nocedal 2011).
  s.iword = 0;
  memory.copy(xp, x, (<usize>n) << 3);
  for (let i = 1; i <= nsub; i++) {
    const k = ldi(ind, i);
    const dk = ld(d, i);
    const xk = ld(x, k);
    const nb = ldi(nbd, k);
    if (nb != 0) {
      if (nb == 1) {
        st(x, k, Math.max(ld(l, k), xk + dk));
        if (ld(x, k) == ld(l, k)) s.iword = 1;
      } else if (nb == 2) {
        const xk2 = Math.max(ld(l, k), xk + dk);
        st(x, k, Math.min(ld(u, k), xk2));
        if (ld(x, k) == ld(l, k) || ld(x, k) == ld(u, k)) s.iword = 1;
      } else if (nb == 3) {
        st(x, k, Math.min(ld(u, k), xk + dk));
        if (ld(x, k) == ld(u, k)) s.iword = 1;
      }
    } else {
      st(x, k, xk + dk);
    }
  }
  if (s.iword == 0) return 0;

  // Keep the projected point only if it is a descent direction from the iterate.
  let ddP: f64 = 0;
  for (let i = 1; i <= n; i++) ddP += (ld(x, i) - ld(xx, i)) * ld(gg, i);
  if (ddP <= 0) return 0;
  memory.copy(x, xp, (<usize>n) << 3);

  // Backtrack along d to the first bound (the 1995 subspace step).
  let alpha: f64 = 1;
  let temp1 = alpha;
  let ibd = 0;
  for (let i = 1; i <= nsub; i++) {
    const k = ldi(ind, i);
    const dk = ld(d, i);
    const nb = ldi(nbd, k);
    if (nb != 0) {
      if (dk < 0 && nb <= 2) {
        const temp2 = ld(l, k) - ld(x, k);
        if (temp2 >= 0) temp1 = 0;
        else if (dk * alpha < temp2) temp1 = temp2 / dk;
      } else if (dk > 0 && nb >= 2) {
        const temp2 = ld(u, k) - ld(x, k);
        if (temp2 <= 0) temp1 = 0;
        else if (dk * alpha > temp2) temp1 = temp2 / dk;
      }
      if (temp1 < alpha) {
        alpha = temp1;
        ibd = i;
      }
    }
  }
  if (alpha < 1) {
    const dk = ld(d, ibd);
    const k = ldi(ind, ibd);
    if (dk > 0) {
      st(x, k, ld(u, k));
      st(d, ibd, 0);
    } else if (dk < 0) {
      st(x, k, ld(l, k));
      st(d, ibd, 0);
    }
  }
  for (let i = 1; i <= nsub; i++) {
    const k = ldi(ind, i);
    st(x, k, ld(x, k) + alpha * ld(d, i));
  }
  s.iword = alpha < 1 ? 1 : 0;
  return 0;
}

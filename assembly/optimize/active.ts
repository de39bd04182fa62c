/**
 * Bound bookkeeping for L-BFGS-B.
 * - active: project the starting point onto the box and classify each variable
 *   (iwhere -1: unbounded, 3: fixed by l == u, 0: otherwise); sets prjctd, cnstnd, boxed.
 * - projgr: the sup-norm of the projected gradient P(x - g) - x.
 * - freev: the free/active index sets at the Cauchy point (index(1:nfree) free,
 *   index(nfree+1:n) active) and, after the first iteration, the variables that entered
 *   (indx2(1:nenter)) or left (indx2(ileave:n)) the free set; sets wrk when the factor of
 *   K must be recomputed.
 * Bound kinds (nbd): 0 none, 1 lower only, 2 both, 3 upper only.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995); Zhu, Byrd, Lu & Nocedal (1997).
 */
import { Lbfgsb, ld, st, ldi, sti } from "./state";

export function active(s: Lbfgsb): void {
  const n = s.n, x = s.x, l = s.l, u = s.u, nbd = s.nbd, iwhere = s.iwhere;
  s.prjctd = 0;
  s.cnstnd = 0;
  s.boxed = 1;
  for (let i = 1; i <= n; i++) {
    const nb = ldi(nbd, i);
    if (nb > 0) {
      if (nb <= 2 && ld(x, i) <= ld(l, i)) {
        if (ld(x, i) < ld(l, i)) {
          s.prjctd = 1;
          st(x, i, ld(l, i));
        }
      } else if (nb >= 2 && ld(x, i) >= ld(u, i)) {
        if (ld(x, i) > ld(u, i)) {
          s.prjctd = 1;
          st(x, i, ld(u, i));
        }
      }
    }
  }
  for (let i = 1; i <= n; i++) {
    const nb = ldi(nbd, i);
    if (nb != 2) s.boxed = 0;
    if (nb == 0) {
      sti(iwhere, i, -1);
    } else {
      s.cnstnd = 1;
      if (nb == 2 && ld(u, i) - ld(l, i) <= 0) sti(iwhere, i, 3);
      else sti(iwhere, i, 0);
    }
  }
}

export function projgr(s: Lbfgsb): f64 {
  const n = s.n, x = s.x, l = s.l, u = s.u, nbd = s.nbd, g = s.g;
  let norm: f64 = 0;
  for (let i = 1; i <= n; i++) {
    let gi = ld(g, i);
    const nb = ldi(nbd, i);
    if (nb != 0) {
      if (gi < 0) {
        if (nb >= 2) gi = Math.max(ld(x, i) - ld(u, i), gi);
      } else {
        if (nb <= 2) gi = Math.min(ld(x, i) - ld(l, i), gi);
      }
    }
    norm = Math.max(norm, Math.abs(gi));
  }
  return norm;
}

export function freev(s: Lbfgsb): void {
  const n = s.n, index = s.index, indx2 = s.indx2, iwhere = s.iwhere;
  s.nenter = 0;
  s.ileave = n + 1;
  if (s.iter > 0 && s.cnstnd != 0) {
    for (let i = 1; i <= s.nfree; i++) {
      const k = ldi(index, i);
      if (ldi(iwhere, k) > 0) {
        s.ileave--;
        sti(indx2, s.ileave, k);
      }
    }
    for (let i = 1 + s.nfree; i <= n; i++) {
      const k = ldi(index, i);
      if (ldi(iwhere, k) <= 0) {
        s.nenter++;
        sti(indx2, s.nenter, k);
      }
    }
  }
  s.wrk = (s.ileave < n + 1 || s.nenter > 0 || s.updatd != 0) ? 1 : 0;
  let nfree = 0;
  let iact = n + 1;
  for (let i = 1; i <= n; i++) {
    if (ldi(iwhere, i) <= 0) {
      nfree++;
      sti(index, nfree, i);
    } else {
      iact--;
      sti(index, iact, i);
    }
  }
  s.nfree = nfree;
}

/**
 * dsteql: eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by
 * the implicit QL method with Wilkinson-type shifts (EISPACK tql2 as published by Bowdler,
 * Martin, Reinsch & Wilkinson).
 *
 * d[0..n-1] is the diagonal, e[0..n-1] the subdiagonal (e[i] couples i and i+1; e[n-1] is
 * used as scratch and must be 0). On return d holds the eigenvalues (unsorted) and e is
 * destroyed. With wantz != 0 each QL sweep's rotations are recorded in `stream` (capacity
 * `cap` doubles) and applied in batches by planes.ts to the `npairs` interleaved row pairs
 * at `x` (the rows of Q from dorgtr): x becomes Q W, the eigenvectors as columns.
 *
 * `maxit` is the total number of QL iterations allowed (LAPACK dsteqr allows 30 n).
 * Returns 0 on success, or l + 1 when the iteration budget ran out while eigenvalue l was
 * still unconverged (d, x are then incomplete).
 *
 * References: Bowdler, Martin, Reinsch & Wilkinson, "The QR and QL algorithms for
 * symmetric matrices", Numer. Math. 11 (1968), in Wilkinson & Reinsch, Handbook for
 * Automatic Computation II, contribution II/3; Golub & Van Loan, Matrix Computations
 * (4th ed.) §8.3.
 */
import { PLANE_QL, applyPlanes, planeRecordSize } from "./planes";

const EPS: f64 = 2.220446049250313e-16;

@inline function gd(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}
@inline function sd(p: usize, i: i32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

export function dsteql(
  n: i32, d: usize, e: usize, wantz: i32,
  x: usize, npairs: i32, stream: usize, cap: i32, maxit: i32,
): i32 {
  if (n <= 1) return 0;
  sd(e, n - 1, 0.0);
  let used: i32 = 0;
  let budget = maxit;
  let f: f64 = 0;
  let tst1: f64 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(gd(d, l)) + Math.abs(gd(e, l)));
    let m = l;
    while (m < n - 1 && Math.abs(gd(e, m)) > EPS * tst1) m++;
    if (m > l) {
      do {
        if (budget <= 0) return l + 1;
        budget--;
        // shift from the leading 2x2 block
        const g0 = gd(d, l);
        let p = (gd(d, l + 1) - g0) / (2.0 * gd(e, l));
        let r = Math.hypot(p, 1.0);
        if (p < 0) r = -r;
        sd(d, l, gd(e, l) / (p + r));
        sd(d, l + 1, gd(e, l) * (p + r));
        const dl1 = gd(d, l + 1);
        let h = g0 - gd(d, l);
        for (let i = l + 2; i < n; i++) sd(d, i, gd(d, i) - h);
        f += h;
        // implicit QL sweep from m up to l
        if (wantz != 0) {
          const need = planeRecordSize(PLANE_QL, l, m);
          if (used + need > cap) {
            applyPlanes(stream, used, x, npairs, n);
            used = 0;
          }
          const rec = stream + ((<usize>used) << 3);
          store<f64>(rec, <f64>PLANE_QL);
          store<f64>(rec + 8, <f64>l);
          store<f64>(rec + 16, <f64>m);
        }
        let cf = stream + ((<usize>(used + 3)) << 3);
        p = gd(d, m);
        let c: f64 = 1;
        let c2: f64 = 1;
        let c3: f64 = 1;
        const el1 = gd(e, l + 1);
        let s: f64 = 0;
        let s2: f64 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = gd(e, i);
          const di = gd(d, i);
          const g = c * ei;
          h = c * p;
          r = Math.hypot(p, ei);
          sd(e, i + 1, s * r);
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          sd(d, i + 1, h + s * (c * g + s * di));
          if (wantz != 0) {
            store<f64>(cf, c);
            store<f64>(cf + 8, s);
            cf += 16;
          }
        }
        if (wantz != 0) used += planeRecordSize(PLANE_QL, l, m);
        p = (-s * s2 * c3 * el1 * gd(e, l)) / dl1;
        sd(e, l, s * p);
        sd(d, l, c * p);
      } while (Math.abs(gd(e, l)) > EPS * tst1);
    }
    sd(d, l, gd(d, l) + f);
    sd(e, l, 0.0);
  }
  if (wantz != 0 && used > 0) applyPlanes(stream, used, x, npairs, n);
  return 0;
}

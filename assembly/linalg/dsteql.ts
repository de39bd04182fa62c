/**
 * dsteql: eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by
 * the implicit QL method (the QL branch of LAPACK dsteqr; EISPACK tql2 is the same method).
 *
 * d[0..n-1] is the diagonal, e[0..n-1] the subdiagonal (e[i] couples i and i+1; e[n-1] is
 * used as scratch). On return d holds the eigenvalues (unsorted) and e is destroyed.
 * With wantz != 0 each QL sweep's rotations are recorded in `stream` (capacity `cap`
 * doubles) and applied in batches by planes.ts to the `npairs` interleaved row pairs at
 * `x` (the rows of Q from dorgtr): x becomes Q W, the eigenvectors as columns.
 *
 * Shifts: Wilkinson's (the eigenvalue of the leading 2x2 block nearer its top entry), or,
 * when hints[0..nh-1] holds the eigenvalues computed beforehand (a run without vectors,
 * O(n²)), the unused hint nearest to it for the first HINTED_TRIES sweeps on each
 * eigenvalue: an exact shift deflates in one sweep, so the run that accumulates the
 * O(n³) rotations needs about half the sweeps (`taken`: nh bytes of scratch).
 *
 * `maxit` is the total number of QL sweeps allowed (LAPACK dsteqr allows 30 n). Returns 0
 * on success, or l + 1 when the budget ran out while eigenvalue l was still unconverged.
 *
 * References: Bowdler, Martin, Reinsch & Wilkinson, "The QR and QL algorithms for
 * symmetric matrices", Numer. Math. 11 (1968), in Wilkinson & Reinsch, Handbook for
 * Automatic Computation II, contribution II/3; Golub & Van Loan, Matrix Computations
 * (4th ed.) §8.3; LAPACK Users' Guide (dsteqr).
 */
import { PLANE_QL, applyPlanes, planeRecordSize } from "./planes";

const EPS: f64 = 2.220446049250313e-16;
/** Sweeps on one eigenvalue that use a precomputed eigenvalue as the shift. */
const HINTED_TRIES: i32 = 2;

@inline function gd(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}
@inline function sd(p: usize, i: i32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

/** Index of the unused hint nearest to v (-1 if none); with `take` it is marked used. */
function nearest(hints: usize, taken: usize, nh: i32, v: f64, take: bool): i32 {
  let best = -1;
  let bestD = Infinity;
  for (let k = 0; k < nh; k++) {
    if (load<u8>(taken + <usize>k) != 0) continue;
    const dd = Math.abs(load<f64>(hints + ((<usize>k) << 3)) - v);
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  if (take && best >= 0) store<u8>(taken + <usize>best, 1);
  return best;
}

export function dsteql(
  n: i32, d: usize, e: usize, wantz: i32,
  x: usize, npairs: i32, stream: usize, cap: i32, maxit: i32,
  hints: usize, taken: usize, nh: i32,
): i32 {
  if (n <= 1) return 0;
  sd(e, n - 1, 0.0);
  for (let i = 0; i < nh; i++) store<u8>(taken + <usize>i, 0);
  // one absolute threshold for negligible couplings: eps times the largest row sum of T
  let tst1: f64 = 0;
  for (let i = 0; i < n; i++) {
    tst1 = Math.max(tst1, Math.abs(gd(d, i)) + Math.abs(gd(e, i)) + (i > 0 ? Math.abs(gd(e, i - 1)) : 0.0));
  }
  const small = EPS * tst1;
  let used: i32 = 0;
  let budget = maxit;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    while (true) {
      let m = l;
      while (m < n - 1 && Math.abs(gd(e, m)) > small) m++;
      if (m == l) break;
      if (budget <= 0) return l + 1;
      budget--;
      // Wilkinson's shift from the 2x2 block at l, or the nearest precomputed eigenvalue
      const dl = gd(d, l);
      const el = gd(e, l);
      let g = (gd(d, l + 1) - dl) / (2.0 * el);
      let r = Math.hypot(g, 1.0);
      let sigma = dl - el / (g + (g >= 0 ? r : -r));
      if (nh > 0 && iter < HINTED_TRIES) {
        const k = nearest(hints, taken, nh, sigma, false);
        if (k >= 0) sigma = load<f64>(hints + ((<usize>k) << 3));
      }
      iter++;
      let cf: usize = 0;
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
        cf = rec + 24;
        used += need;
      }
      // implicit QL sweep from m up to l, chasing the bulge with rotations (c, s)
      g = gd(d, m) - sigma;
      let s: f64 = 1;
      let c: f64 = 1;
      let p: f64 = 0;
      for (let i = m - 1; i >= l; i--) {
        const f = s * gd(e, i);
        const b = c * gd(e, i);
        if (f == 0) {
          c = 1;
          s = 0;
          r = g;
        } else if (g == 0) {
          c = 0;
          s = 1;
          r = f;
        } else {
          r = Math.hypot(g, f);
          c = g / r;
          s = f / r;
        }
        if (i != m - 1) sd(e, i + 1, r);
        g = gd(d, i + 1) - p;
        r = (gd(d, i) - g) * s + 2.0 * c * b;
        p = s * r;
        sd(d, i + 1, g + p);
        g = c * r - b;
        if (wantz != 0) {
          store<f64>(cf, c);
          store<f64>(cf + 8, s);
          cf += 16;
        }
      }
      sd(d, l, gd(d, l) - p);
      sd(e, l, g);
    }
    sd(e, l, 0.0);
    if (nh > 0) nearest(hints, taken, nh, gd(d, l), true);
  }
  if (wantz != 0 && used > 0) applyPlanes(stream, used, x, npairs, n);
  return 0;
}

/**
 * dsyev: all eigenvalues and, optionally, eigenvectors of a real symmetric matrix.
 *
 * A is the row-major n x n matrix at `a`; only its lower triangle (j <= i) is read. The
 * method: scale A into a safe range if its largest entry is tiny or huge, Householder
 * tridiagonalization (dsytrd), the explicit Q (dorgtr), implicit QL with shifts on the
 * tridiagonal matrix with the rotations applied to Q in batches (dsteql + planes; with
 * vectors, a first eigenvalues-only run provides near-exact shifts for it), then
 * the eigenvalues are sorted ascending together with their vectors.
 *
 * Outputs: w[0..n-1] the eigenvalues in ascending order; with wantz != 0, z (row-major
 * n x n) has in column k the unit eigenvector of w[k]. Overwrites `a` and the workspace
 * `work` of dsyev_workspace_size(n, wantz) doubles (16-byte aligned).
 *
 * Returns 0 on success, or i > 0 when the QL iteration did not converge within `maxit`
 * iterations in total (i - 1 is the unconverged eigenvalue); outputs are then undefined.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §8.3; Wilkinson & Reinsch,
 * Handbook for Automatic Computation II (tred2, tql2); LAPACK Users' Guide (dsyev:
 * scaling, dsytrd, dorgtr, dsteqr).
 */
import { dsytrd } from "./dsytrd";
import { dorgtr } from "./dorgtr";
import { dsteql } from "./dsteql";
import { pairsSize, rowsToPairs } from "./pairs";

const SAFMIN: f64 = 2.2250738585072014e-308;
const EPS: f64 = 1.1102230246251565e-16;
/** Stream capacity (doubles) for deferred rotations: about 256 KiB, L2-resident. */
const STREAM_CAP: i32 = 32768;

function streamCap(n: i32): i32 {
  const small = 2 * n * n + 16;
  if (small < STREAM_CAP) return small;
  return 2 * n + 16 > STREAM_CAP ? 2 * n + 16 : STREAM_CAP;
}

@inline function even(k: i32): i32 {
  return (k + 1) & ~1;
}

/** Doubles of workspace dsyev needs. */
export function dsyev_workspace_size(n: i32, wantz: i32): i32 {
  let size = 6 * even(n);
  if (wantz != 0) size += even(n * n) + even(pairsSize(n, n)) + even(streamCap(n)) + 3 * even(n);
  return size;
}

export function dsyev(n: i32, a: usize, w: usize, z: usize, work: usize, wantz: i32, maxit: i32): i32 {
  if (n <= 0) return 0;
  const nn = <usize>n;
  const d = work;
  const e = d + ((<usize>even(n)) << 3);
  const tau = e + ((<usize>even(n)) << 3);
  const p = tau + ((<usize>even(n)) << 3);
  const perm = p + ((<usize>(2 * even(n))) << 3); // p: 2n doubles
  const q = perm + ((<usize>even(n)) << 3);
  const x = q + ((<usize>even(n * n)) << 3);
  const stream = x + ((<usize>even(pairsSize(n, n))) << 3);
  const hints = stream + ((<usize>even(streamCap(n))) << 3); // n: eigenvalues of a first run
  const he = hints + ((<usize>even(n)) << 3); // n: its copy of e
  const taken = he + ((<usize>even(n)) << 3); // n bytes

  // scale into [rmin, rmax] as LAPACK dsyev does, so that squares neither overflow nor underflow
  let anrm: f64 = 0;
  for (let i: usize = 0; i < nn; i++) {
    for (let j: usize = 0; j <= i; j++) anrm = Math.max(anrm, Math.abs(load<f64>(a + ((i * nn + j) << 3))));
  }
  const smlnum = SAFMIN / EPS;
  const rmin = Math.sqrt(smlnum);
  const rmax = Math.sqrt(1.0 / smlnum);
  let sigma: f64 = 1;
  if (anrm > 0 && anrm < rmin) sigma = rmin / anrm;
  else if (anrm > rmax) sigma = rmax / anrm;
  if (sigma != 1) {
    for (let i: usize = 0; i < nn; i++) {
      for (let j: usize = 0; j <= i; j++) {
        const o = a + ((i * nn + j) << 3);
        store<f64>(o, load<f64>(o) * sigma);
      }
    }
  }

  dsytrd(n, a, d, e, tau, p);
  const npairs = (n + 1) >> 1;
  if (wantz != 0) {
    dorgtr(n, a, tau, q, p);
    rowsToPairs(q, n, n, n, x);
  }
  let nh = 0;
  if (wantz != 0 && n > 2) {
    // The eigenvalues alone cost O(n²); computed first, they serve as (nearly) exact
    // shifts for the run that accumulates the O(n³) rotations, halving its sweeps.
    memory.copy(hints, d, (<usize>n) << 3);
    memory.copy(he, e, (<usize>n) << 3);
    const first = dsteql(n, hints, he, 0, x, npairs, stream, 0, maxit, 0, 0, 0);
    if (first != 0) return first;
    nh = n;
  }
  const info = dsteql(n, d, e, wantz, x, npairs, stream, streamCap(n), maxit, hints, taken, nh);
  if (info != 0) return info;
  if (sigma != 1) {
    for (let i = 0; i < n; i++) {
      const o = d + ((<usize>i) << 3);
      store<f64>(o, load<f64>(o) / sigma);
    }
  }

  // ascending order (insertion sort of the permutation; n is small next to the O(n³) work)
  for (let i = 0; i < n; i++) store<i32>(perm + ((<usize>i) << 2), i);
  for (let i = 1; i < n; i++) {
    const pi = load<i32>(perm + ((<usize>i) << 2));
    const v = load<f64>(d + ((<usize>pi) << 3));
    let j = i - 1;
    while (j >= 0) {
      const pj = load<i32>(perm + ((<usize>j) << 2));
      if (load<f64>(d + ((<usize>pj) << 3)) <= v) break;
      store<i32>(perm + ((<usize>(j + 1)) << 2), pj);
      j--;
    }
    store<i32>(perm + ((<usize>(j + 1)) << 2), pi);
  }
  for (let k = 0; k < n; k++) {
    store<f64>(w + ((<usize>k) << 3), load<f64>(d + ((<usize>load<i32>(perm + ((<usize>k) << 2))) << 3)));
  }
  if (wantz != 0) {
    for (let i = 0; i < n; i++) {
      const src = x + ((<usize>(i >> 1) * nn) << 4) + ((<usize>(i & 1)) << 3);
      const out = z + ((<usize>i * nn) << 3);
      for (let k = 0; k < n; k++) {
        const pk = load<i32>(perm + ((<usize>k) << 2));
        store<f64>(out + ((<usize>k) << 3), load<f64>(src + ((<usize>pk) << 4)));
      }
    }
  }
  return 0;
}

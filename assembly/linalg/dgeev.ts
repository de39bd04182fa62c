/**
 * dgeev: eigenvalues and, optionally, right eigenvectors of a general real matrix.
 *
 * A is the row-major n x n matrix at `a` (overwritten). The method, as LAPACK dgeev and
 * EISPACK rg: scale A into a safe range when its largest entry is tiny or huge; balance
 * (dgebal: permutations isolating eigenvalues, then diagonal scaling by powers of 2);
 * reduce to Hessenberg form with the orthogonal Q (dgehrd); Francis double-shift QR to the
 * real Schur form with Q accumulated (dhseqr, its transformations batched by planes.ts);
 * back substitution for the eigenvectors of T and multiplication by the Schur vectors
 * (dtrevc); undo the balancing (dgebak); normalize.
 *
 * Outputs: wr/wi[0..n-1] the eigenvalues, complex-conjugate pairs adjacent with the
 * positive imaginary part first. With wantv != 0, vre/vim (row-major n x n) hold in
 * column k the real and imaginary parts of the eigenvector of eigenvalue k, scaled to unit
 * 2-norm with its largest component real (the LAPACK dgeev convention; the component of
 * largest modulus, first on ties, has zero imaginary part). For a real eigenvalue the
 * imaginary part is zero.
 *
 * Workspace: dgeev_workspace_size(n, wantv) doubles at `work` (16-byte aligned).
 * Returns 0 on success, or k > 0 when the QR iteration used up `maxit` iterations in
 * total with eigenvalues 0..k-1 not converged; outputs are then undefined.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §7.4-7.6; Wilkinson &
 * Reinsch, Handbook for Automatic Computation II (balanc, orthes, ortran, hqr2, balbak);
 * Parlett & Reinsch, Numer. Math. 13 (1969); LAPACK Users' Guide (dgeev).
 */
import { dgebal } from "./dgebal";
import { dgehrd } from "./dgehrd";
import { dhseqr } from "./dhseqr";
import { dtrevc } from "./dtrevc";
import { dgebak } from "./dgebak";
import { pairsSize, pairsToRows, rowsToPairs } from "./pairs";
import { aedScratchSize } from "./dlaqr2";

const SAFMIN: f64 = 2.2250738585072014e-308;
const EPS: f64 = 1.1102230246251565e-16;
/** Stream capacity (doubles) for deferred reflectors: about 256 KiB, L2-resident. */
const STREAM_CAP: i32 = 32768;

/** Largest window of the aggressive early deflation (dlaqr2). */
const AED_WINDOW: i32 = 32;

/** AED window for an n x n matrix: 24 up to n = 800, then 32 (measured at n = 200-1000). */
function aedWindow(n: i32): i32 {
  return n >= 800 ? AED_WINDOW : 24;
}

function streamCap(n: i32): i32 {
  // room for a sweep (5 per reflector) or a window's dense record
  const least = 5 * n + (AED_WINDOW + 2) * (AED_WINDOW + 2) + 16;
  const small = 5 * n * n + 16;
  if (small < STREAM_CAP && small >= least) return small;
  return least > STREAM_CAP ? least : STREAM_CAP;
}

@inline function even(k: i32): i32 {
  return (k + 1) & ~1;
}

/** Doubles of workspace dgeev needs. */
export function dgeev_workspace_size(n: i32, wantv: i32): i32 {
  let size = 10 * even(n) + 8 + even(aedScratchSize(n, AED_WINDOW));
  if (wantv != 0) size += even(n * n) + even(pairsSize(n, n)) + even(streamCap(n));
  return size;
}

@inline function g(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}

export function dgeev(
  n: i32, a: usize, wr: usize, wi: usize, vre: usize, vim: usize, work: usize, wantv: i32, maxit: i32,
): i32 {
  if (n <= 0) return 0;
  const nn = <usize>n;
  const ne = <usize>even(n) << 3;
  const scale = work;
  const ort = scale + ne;
  const f = ort + ne; // n doubles (also xr)
  const xi = f + ne;
  const out = xi + ne; // 4n doubles
  const nrm = out + 4 * ne;
  const c2 = nrm + ne; // 2 doubles, lohi after
  const lohi = c2 + 16;
  const v = c2 + 64;
  const x = v + ((<usize>even(n * n)) << 3);
  const stream = x + ((<usize>even(pairsSize(n, n))) << 3);
  const aedWs = wantv != 0 ? stream + ((<usize>even(streamCap(n))) << 3) : v;

  // scale into [smlnum, bignum] as LAPACK dgeev does
  let anrm: f64 = 0;
  for (let k: usize = 0; k < nn * nn; k++) anrm = Math.max(anrm, Math.abs(load<f64>(a + (k << 3))));
  const smlnum = Math.sqrt(SAFMIN) / EPS;
  const bignum = 1.0 / smlnum;
  let sigma: f64 = 1;
  if (anrm > 0 && anrm < smlnum) sigma = smlnum / anrm;
  else if (anrm > bignum) sigma = bignum / anrm;
  if (sigma != 1) {
    for (let k: usize = 0; k < nn * nn; k++) store<f64>(a + (k << 3), load<f64>(a + (k << 3)) * sigma);
  }

  dgebal(n, a, scale, lohi);
  const low = load<i32>(lohi);
  const high = load<i32>(lohi + 4);
  dgehrd(n, low, high, a, wantv != 0 ? v : 0, ort, f);
  const npairs = (n + 1) >> 1;
  if (wantv != 0) rowsToPairs(v, n, n, n, x);
  const info = dhseqr(n, low, high, a, wr, wi, wantv, x, npairs, stream, streamCap(n), maxit, aedWs, aedWindow(n));
  if (info != 0) return info;
  if (wantv != 0) {
    pairsToRows(x, n, n, v, n);
    dtrevc(n, low, high, a, wr, wi, v, f, xi, out, c2);
  }
  if (sigma != 1) {
    for (let i = 0; i < n; i++) {
      store<f64>(wr + ((<usize>i) << 3), g(wr, i) / sigma);
      store<f64>(wi + ((<usize>i) << 3), g(wi, i) / sigma);
    }
  }
  if (wantv == 0) return 0;
  dgebak(n, low, high, scale, v);

  // column 2-norms, scaled by the column maxima so that nothing overflows
  for (let j = 0; j < n; j++) {
    store<f64>(out + ((<usize>j) << 3), 0.0);
    store<f64>(nrm + ((<usize>j) << 3), 0.0);
  }
  for (let i: usize = 0; i < nn; i++) {
    const row = v + ((i * nn) << 3);
    for (let j: usize = 0; j < nn; j++) {
      const o = out + (j << 3);
      store<f64>(o, Math.max(load<f64>(o), Math.abs(load<f64>(row + (j << 3)))));
    }
  }
  for (let i: usize = 0; i < nn; i++) {
    const row = v + ((i * nn) << 3);
    for (let j: usize = 0; j < nn; j++) {
      const m = load<f64>(out + (j << 3));
      if (m == 0) continue;
      const t = load<f64>(row + (j << 3)) / m;
      const o = nrm + (j << 3);
      store<f64>(o, load<f64>(o) + t * t);
    }
  }
  // per column: the factor to multiply by (f), and for pairs the rotation (cs, sn) in out/xi
  let j = 0;
  while (j < n) {
    const m0 = g(out, j);
    if (g(wi, j) == 0) {
      const norm = m0 * Math.sqrt(g(nrm, j));
      store<f64>(f + ((<usize>j) << 3), norm > 0 ? 1.0 / norm : 1.0);
      j++;
      continue;
    }
    // complex pair (j, j+1): ‖re‖² + ‖im‖² with a common scale
    const m1 = g(out, j + 1);
    const big = Math.max(m0, m1);
    let ssq: f64 = 0;
    if (big > 0) {
      const r0 = m0 / big;
      const r1 = m1 / big;
      ssq = g(nrm, j) * r0 * r0 + g(nrm, j + 1) * r1 * r1;
    }
    const norm = big * Math.sqrt(ssq);
    const inv = norm > 0 ? 1.0 / norm : 1.0;
    // the component of largest modulus becomes real
    let kmax = 0;
    let best: f64 = -1;
    for (let i = 0; i < n; i++) {
      const re = load<f64>(v + ((<usize>i * nn + <usize>j) << 3)) * inv;
      const im = load<f64>(v + ((<usize>i * nn + <usize>(j + 1)) << 3)) * inv;
      const mod2 = re * re + im * im;
      if (mod2 > best) {
        best = mod2;
        kmax = i;
      }
    }
    const fr = load<f64>(v + ((<usize>kmax * nn + <usize>j) << 3)) * inv;
    const gi = load<f64>(v + ((<usize>kmax * nn + <usize>(j + 1)) << 3)) * inv;
    let cs: f64 = 1;
    let sn: f64 = 0;
    if (gi != 0) {
      if (fr == 0) {
        cs = 0;
        sn = gi > 0 ? 1.0 : -1.0;
      } else {
        const d = Math.hypot(fr, gi);
        cs = Math.abs(fr) / d;
        const r = fr > 0 ? d : -d;
        sn = gi / r;
      }
    }
    store<f64>(f + ((<usize>j) << 3), inv);
    store<f64>(f + ((<usize>(j + 1)) << 3), inv);
    store<f64>(xi + ((<usize>j) << 3), cs);
    store<f64>(xi + ((<usize>(j + 1)) << 3), sn);
    store<i32>(nrm + ((<usize>j) << 3), kmax);
    j += 2;
  }
  for (let i = 0; i < n; i++) {
    const row = v + ((<usize>i * nn) << 3);
    const ore = vre + ((<usize>i * nn) << 3);
    const oim = vim + ((<usize>i * nn) << 3);
    let k = 0;
    while (k < n) {
      const ok = (<usize>k) << 3;
      if (g(wi, k) == 0) {
        store<f64>(ore + ok, load<f64>(row + ok) * g(f, k));
        store<f64>(oim + ok, 0.0);
        k++;
        continue;
      }
      const inv = g(f, k);
      const cs = g(xi, k);
      const sn = g(xi, k + 1);
      const re = load<f64>(row + ok) * inv;
      const im = load<f64>(row + ok + 8) * inv;
      const nr = cs * re + sn * im;
      const ni = i == load<i32>(nrm + ok) ? 0.0 : cs * im - sn * re;
      store<f64>(ore + ok, nr);
      store<f64>(oim + ok, ni);
      store<f64>(ore + ok + 8, nr);
      store<f64>(oim + ok + 8, -ni);
      k += 2;
    }
  }
  return 0;
}

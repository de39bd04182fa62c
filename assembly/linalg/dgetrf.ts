/**
 * dgetrf: LU factorization with partial pivoting, P A = L U, of a row-major n x n matrix.
 *
 * On return the strict lower triangle of A holds L (unit diagonal not stored) and the upper
 * triangle holds U. piv (n i32) gets LAPACK's row interchanges, 0-based: row i was
 * swapped with row piv[i], in order i = 0, 1, ..., n-1. The pivot of column j is the
 * first row of largest |a_ij| among rows j..n-1 (LAPACK's idamax choice), and the column
 * below the pivot is multiplied by the reciprocal of the pivot, or divided by it when the
 * pivot is below the smallest safe number, as LAPACK's dgetrf2 does.
 *
 * Returns 0 on success, or j + 1 when U(j, j) is exactly zero for the first such j (the
 * factorization is completed anyway, as LAPACK's info > 0: U is exactly singular).
 *
 * Row-major storage is A^T in LAPACK's column-major view; rather than factor that, this
 * routine runs the right-looking blocked algorithm on rows directly, because every
 * operation that dominates the cost is then along contiguous memory: row interchanges
 * swap whole contiguous rows, U12 := L11^-1 A12 is a sequence of row axpys, and the
 * trailing update A22 := A22 - L21 U12 (dgemm_sub) loads U12 rows as f64x2 vectors and
 * broadcasts entries of L21. Each panel is itself factored by recursive halving (as
 * LAPACK's dgetrf2), so that most of its work also runs in dgemm_sub; the leaves of the
 * recursion (at most PANEL_LEAF columns) are copied column-major into scratch, where the
 * pivot search, the scaling and the rank-1 updates run down contiguous columns. Each
 * entry receives its updates in the same order as in the unblocked algorithm, so the
 * result does not depend on the block sizes, and the SIMD and scalar builds agree bitwise.
 *
 * `work` must hold dgetrf_workspace_size(n) doubles (GEMM packing buffers, then the
 * column-major leaf).
 *
 * References: Golub & Van Loan, Matrix Computations, 4th ed., §3.2 and §3.4 (blocked
 * and partial-pivoting LU); Anderson et al., LAPACK Users' Guide, 3rd ed. (1999), dgetrf;
 * Toledo, "Locality of reference in LU decomposition with partial pivoting", SIAM J.
 * Matrix Anal. Appl. 18 (1997) (recursive panels, LAPACK's dgetrf2).
 */
import { daxpy } from "../blas/daxpy";
import { dswap } from "../blas/dswap";
import { dgemm_sub, dgemm_workspace_size } from "../blas/dgemm";

/**
 * Panel width (columns factored before each trailing GEMM update): narrow panels for
 * small matrices, where the panel and the row solves dominate, wider ones for large
 * matrices, where fewer passes of the trailing update over memory pay. Measured on the
 * development machine (n = 100 and 1000, see docs/linalg.md).
 */
const NB_SMALL = 16;
const NB_LARGE = 32;
const NB_SWITCH = 400;

// @ts-ignore: decorator
@inline
function blockSize(n: i32): i32 {
  return n < NB_SWITCH ? NB_SMALL : NB_LARGE;
}

/** LAPACK dlamch('S'): the smallest double whose reciprocal does not overflow. */
const SFMIN: f64 = 2.2250738585072014e-308;
/** Panels at most this wide are factored column by column. */
const PANEL_LEAF = 8;

export function dgetrf_workspace_size(n: i32): i32 {
  return dgemm_workspace_size(n, NB_LARGE) + n * PANEL_LEAF;
}

/**
 * Unblocked LU of the columns j0..j0+jb-1, rows j0..n-1 (a leaf of the recursive panel).
 * The leaf is first copied into `buf` column-major (m = n - j0 rows, column c at buf + 8mc)
 * so that the pivot search, the scaling of the multipliers and the rank-1 updates all run
 * down contiguous columns (f64x2 axpys of length m); then the interchanges are applied to
 * whole rows of A and the factored leaf is copied back.
 */
function panelLeaf(n: i32, a: usize, lda: i32, j0: i32, jb: i32, piv: usize, info: i32, buf: usize): i32 {
  const sa = <usize>lda << 3;
  const m = n - j0;
  const sm = <usize>m << 3;
  for (let r = 0; r < m; r++) {
    const row = a + <usize>(j0 + r) * sa + (<usize>j0 << 3);
    const dst = buf + (<usize>r << 3);
    for (let c = 0; c < jb; c++) store<f64>(dst + <usize>c * sm, load<f64>(row + (<usize>c << 3)));
  }
  for (let j = 0; j < jb; j++) {
    const colj = buf + <usize>j * sm;
    // idamax: the first row of largest magnitude.
    let p = j;
    let best = abs(load<f64>(colj + (<usize>j << 3)));
    for (let r = j + 1; r < m; r++) {
      const v = abs(load<f64>(colj + (<usize>r << 3)));
      if (v > best) {
        best = v;
        p = r;
      }
    }
    store<i32>(piv + (<usize>(j0 + j) << 2), j0 + p);
    const below = m - j - 1;
    const lj = colj + (<usize>(j + 1) << 3);
    if (best != 0) {
      if (p != j) {
        for (let c = 0; c < jb; c++) {
          const x = buf + <usize>c * sm + (<usize>j << 3);
          const y = buf + <usize>c * sm + (<usize>p << 3);
          const t = load<f64>(x);
          store<f64>(x, load<f64>(y));
          store<f64>(y, t);
        }
      }
      const d = load<f64>(colj + (<usize>j << 3));
      if (abs(d) >= SFMIN) scaleBy(below, 1.0 / d, lj);
      else divideBy(below, d, lj);
    } else if (info == 0) {
      info = j0 + j + 1;
    }
    for (let c = j + 1; c < jb; c++) {
      const colc = buf + <usize>c * sm;
      const u = load<f64>(colc + (<usize>j << 3));
      if (u != 0) daxpy(below, -u, lj, colc + (<usize>(j + 1) << 3));
    }
  }
  for (let j = 0; j < jb; j++) {
    const p = load<i32>(piv + (<usize>(j0 + j) << 2));
    if (p != j0 + j) dswap(n, a + <usize>(j0 + j) * sa, a + <usize>p * sa);
  }
  for (let r = 0; r < m; r++) {
    const row = a + <usize>(j0 + r) * sa + (<usize>j0 << 3);
    const src = buf + (<usize>r << 3);
    for (let c = 0; c < jb; c++) store<f64>(row + (<usize>c << 3), load<f64>(src + <usize>c * sm));
  }
  return info;
}

function scaleBy(n: i32, s: f64, x: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vs = f64x2.splat(s);
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      v128.store(x + off, f64x2.mul(v128.load(x + off), vs));
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(x + off, load<f64>(x + off) * s);
  }
}

function divideBy(n: i32, d: f64, x: usize): void {
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(x + off, load<f64>(x + off) / d);
  }
}

/** U12 := L11^-1 A12 for rows j0..j0+k-1 and columns c0..c0+w-1 (row axpys). */
function trsmRows(a: usize, lda: i32, j0: i32, k: i32, c0: i32, w: i32): void {
  const sa = <usize>lda << 3;
  for (let i = j0 + 1; i < j0 + k; i++) {
    const ri = a + <usize>i * sa;
    for (let p = j0; p < i; p++) {
      const l = load<f64>(ri + (<usize>p << 3));
      if (l != 0) daxpy(w, -l, a + <usize>p * sa + (<usize>c0 << 3), ri + (<usize>c0 << 3));
    }
  }
}

/**
 * LU of the panel made of columns j0..j0+jb-1, rows j0..n-1, by recursive halving
 * (LAPACK dgetrf2): factor the left half, update the right half (row solve, then GEMM),
 * factor the right half. Most of the panel's work then runs in the GEMM kernel.
 */
function panel(n: i32, a: usize, lda: i32, j0: i32, jb: i32, piv: usize, info: i32, work: usize): i32 {
  if (jb <= PANEL_LEAF) return panelLeaf(n, a, lda, j0, jb, piv, info, work + (<usize>dgemm_workspace_size(n, NB_LARGE) << 3));
  const sa = <usize>lda << 3;
  const n1 = jb >> 1;
  const n2 = jb - n1;
  const c1 = j0 + n1;
  info = panel(n, a, lda, j0, n1, piv, info, work);
  trsmRows(a, lda, j0, n1, c1, n2);
  dgemm_sub(0, n - c1, n2, n1, a + <usize>c1 * sa + (<usize>j0 << 3), lda, a + <usize>j0 * sa + (<usize>c1 << 3), lda,
    a + <usize>c1 * sa + (<usize>c1 << 3), lda, work);
  return panel(n, a, lda, c1, n2, piv, info, work);
}

export function dgetrf(n: i32, a: usize, lda: i32, piv: usize, work: usize): i32 {
  const sa = <usize>lda << 3;
  let info = 0;
  const nb = blockSize(n);
  for (let j0 = 0; j0 < n; j0 += nb) {
    const jb = min(nb, n - j0);
    info = panel(n, a, lda, j0, jb, piv, info, work);
    const j1 = j0 + jb;
    if (j1 < n) {
      const n2 = n - j1;
      // U12 := L11^-1 A12, row by row (rows j0..j1-1, columns j1..n-1).
      for (let i = j0 + 1; i < j1; i++) {
        const ri = a + <usize>i * sa;
        for (let p = j0; p < i; p++) {
          const l = load<f64>(ri + (<usize>p << 3));
          if (l != 0) daxpy(n2, -l, a + <usize>p * sa + (<usize>j1 << 3), ri + (<usize>j1 << 3));
        }
      }
      // A22 := A22 - L21 U12.
      dgemm_sub(0, n2, n2, jb, a + <usize>j1 * sa + (<usize>j0 << 3), lda, a + <usize>j0 * sa + (<usize>j1 << 3), lda,
        a + <usize>j1 * sa + (<usize>j1 << 3), lda, work);
    }
  }
  return info;
}

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
 * broadcasts entries of L21. Only the pivot search and the column scaling are strided
 * (O(n^2) in all). Each entry receives its updates in the same order as in the unblocked
 * algorithm, so the result does not depend on the block size.
 *
 * `work` must hold dgetrf_workspace_size(n) doubles (GEMM packing buffers).
 *
 * References: Golub & Van Loan, Matrix Computations, 4th ed., §3.2 and §3.4 (blocked
 * and partial-pivoting LU); Anderson et al., LAPACK Users' Guide, 3rd ed. (1999), dgetrf;
 * Toledo, "Locality of reference in LU decomposition with partial pivoting", SIAM J.
 * Matrix Anal. Appl. 18 (1997) (recursive panels, LAPACK's dgetrf2).
 */
import { daxpy } from "../blas/daxpy";
import { dswap } from "../blas/dswap";
import { dgemm_sub, dgemm_workspace_size } from "../blas/dgemm";

/** Panel width (columns factored before each trailing GEMM update). */
const NB = 48;
/** LAPACK dlamch('S'): the smallest double whose reciprocal does not overflow. */
const SFMIN: f64 = 2.2250738585072014e-308;

export function dgetrf_workspace_size(n: i32): i32 {
  return dgemm_workspace_size(n, NB);
}

/**
 * Unblocked LU of the panel made of columns j0..j0+jb-1, rows j0..n-1: interchanges swap
 * whole rows (length n), rank-1 updates touch only the panel's columns.
 */
function panel(n: i32, a: usize, lda: i32, j0: i32, jb: i32, piv: usize, info: i32): i32 {
  const sa = <usize>lda << 3;
  const jend = j0 + jb;
  for (let j = j0; j < jend; j++) {
    const colj = a + (<usize>j << 3);
    let p = j;
    let best = abs(load<f64>(colj + <usize>j * sa));
    for (let i = j + 1; i < n; i++) {
      const v = abs(load<f64>(colj + <usize>i * sa));
      if (v > best) {
        best = v;
        p = i;
      }
    }
    store<i32>(piv + (<usize>j << 2), p);
    const rowj = a + <usize>j * sa;
    if (best != 0) {
      if (p != j) dswap(n, rowj, a + <usize>p * sa);
      const d = load<f64>(colj + <usize>j * sa);
      if (abs(d) >= SFMIN) {
        const r = 1.0 / d;
        for (let i = j + 1; i < n; i++) {
          const q = colj + <usize>i * sa;
          store<f64>(q, load<f64>(q) * r);
        }
      } else {
        for (let i = j + 1; i < n; i++) {
          const q = colj + <usize>i * sa;
          store<f64>(q, load<f64>(q) / d);
        }
      }
    } else if (info == 0) {
      info = j + 1;
    }
    // Rank-1 update of the panel columns right of j.
    const w = jend - j - 1;
    if (w > 0) {
      const uj = rowj + (<usize>(j + 1) << 3);
      for (let i = j + 1; i < n; i++) {
        const ri = a + <usize>i * sa;
        const l = load<f64>(ri + (<usize>j << 3));
        if (l != 0) daxpy(w, -l, uj, ri + (<usize>(j + 1) << 3));
      }
    }
  }
  return info;
}

export function dgetrf(n: i32, a: usize, lda: i32, piv: usize, work: usize): i32 {
  const sa = <usize>lda << 3;
  let info = 0;
  for (let j0 = 0; j0 < n; j0 += NB) {
    const jb = min(NB, n - j0);
    info = panel(n, a, lda, j0, jb, piv, info);
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

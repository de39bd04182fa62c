/**
 * dgetrs: solve A X = B (trans = 0) or A^T X = B (trans = 1) with the factors of dgetrf.
 *
 * `lu` (n x n, row stride lda) and `piv` are dgetrf's output; B is n x nrhs row-major
 * (row stride ldb) and is overwritten by X. `work` must hold dgetrs_workspace_size(nrhs)
 * doubles. A = P^T L U, so A X = B is L U X = P B (interchanges applied to B's rows in
 * order 0..n-1, then the two triangular solves) and A^T X = B is U^T L^T (P X) = B
 * (the triangular solves, then the interchanges in reverse order). The factors must be
 * non-singular: the caller checks dgetrf's status first.
 *
 * References: Anderson et al., LAPACK Users' Guide, 3rd ed. (1999), dgetrs; Golub & Van
 * Loan, Matrix Computations, 4th ed., §3.1-3.2.
 */
import { dswap } from "../blas/dswap";
import { dtrsm, dtrsm_workspace_size } from "../blas/dtrsm";

export function dgetrs_workspace_size(nrhs: i32): i32 {
  return dtrsm_workspace_size(nrhs);
}

export function dgetrs(trans: i32, n: i32, nrhs: i32, lu: usize, lda: i32, piv: usize, b: usize, ldb: i32, work: usize): void {
  const sb = <usize>ldb << 3;
  if (trans == 0) {
    for (let i = 0; i < n; i++) {
      const p = load<i32>(piv + (<usize>i << 2));
      if (p != i) dswap(nrhs, b + <usize>i * sb, b + <usize>p * sb);
    }
    dtrsm(0, 0, 1, n, nrhs, lu, lda, b, ldb, work);
    dtrsm(1, 0, 0, n, nrhs, lu, lda, b, ldb, work);
  } else {
    dtrsm(1, 1, 0, n, nrhs, lu, lda, b, ldb, work);
    dtrsm(0, 1, 1, n, nrhs, lu, lda, b, ldb, work);
    for (let i = n - 1; i >= 0; i--) {
      const p = load<i32>(piv + (<usize>i << 2));
      if (p != i) dswap(nrhs, b + <usize>i * sb, b + <usize>p * sb);
    }
  }
}

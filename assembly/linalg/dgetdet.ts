/**
 * dgetdet: the determinant from dgetrf's factors, det(A) = (-1)^s * prod U(i, i), where s
 * counts the interchanges with piv[i] != i. Reads lu's diagonal and piv; writes nothing.
 * The product is formed left to right (it can overflow or underflow for large n, as the
 * same product in SciPy's det does).
 *
 * References: Golub & Van Loan, Matrix Computations, 4th ed., §3.2.
 */
export function dgetdet(n: i32, lu: usize, lda: i32, piv: usize): f64 {
  let d: f64 = 1;
  const step = (<usize>lda + 1) << 3;
  for (let i = 0; i < n; i++) {
    d *= load<f64>(lu + <usize>i * step);
    if (load<i32>(piv + (<usize>i << 2)) != i) d = -d;
  }
  return d;
}

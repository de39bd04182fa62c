/**
 * The two LINPACK routines L-BFGS-B relies on, for small dense column-major matrices:
 * dpofa (Cholesky factorization A = R'R of a symmetric positive definite matrix, R upper
 * triangular, overwriting the upper triangle of A) and dtrsl (triangular solves with an
 * upper triangular T, in place on b).
 *
 * References: Dongarra, Bunch, Moler & Stewart (1979), LINPACK Users' Guide, SIAM.
 */
import { ld2, st2, at2, dot } from "./state";

/**
 * Cholesky factor of the n x n leading block of a (leading dimension lda), upper triangle.
 * Returns 0, or k > 0 when the leading minor of order k is not positive definite.
 */
export function dpofa(a: usize, lda: i32, n: i32): i32 {
  for (let j = 1; j <= n; j++) {
    let s: f64 = 0;
    for (let k = 1; k <= j - 1; k++) {
      let t = ld2(a, lda, k, j) - dot(k - 1, at2(a, lda, 1, k), at2(a, lda, 1, j));
      t = t / ld2(a, lda, k, k);
      st2(a, lda, k, j, t);
      s += t * t;
    }
    s = ld2(a, lda, j, j) - s;
    if (s <= 0) return j;
    st2(a, lda, j, j, Math.sqrt(s));
  }
  return 0;
}

/**
 * Solve T x = b (job 1) or T' x = b (job 11) for upper triangular T (n x n, leading
 * dimension ldt), overwriting b. Returns 0, or the index of the first zero diagonal entry.
 */
export function dtrsl(t: usize, ldt: i32, n: i32, b: usize, job: i32): i32 {
  const colStride = (<usize>ldt) << 3;
  // A zero on the diagonal makes the system singular.
  let diag = t;
  for (let k = 1; k <= n; k++) {
    if (load<f64>(diag) == 0) return k;
    diag += colStride + 8;
  }
  if (job == 1) {
    // Back substitution by columns: b(j) /= T(j,j), then b(1:j-1) -= b(j) * T(1:j-1, j).
    let tcol = t + (<usize>(n - 1)) * colStride;
    let bj = b + ((<usize>(n - 1)) << 3);
    store<f64>(bj, load<f64>(bj) / load<f64>(tcol + ((<usize>(n - 1)) << 3)));
    for (let j = n - 1; j >= 1; j--) {
      const temp = -load<f64>(bj);
      for (let i = 0; i < j; i++) {
        const off = (<usize>i) << 3;
        store<f64>(b + off, load<f64>(b + off) + temp * load<f64>(tcol + off));
      }
      tcol -= colStride;
      bj -= 8;
      store<f64>(bj, load<f64>(bj) / load<f64>(tcol + ((<usize>(j - 1)) << 3)));
    }
  } else {
    // Forward substitution with T': b(j) = (b(j) - T(1:j-1, j)' b(1:j-1)) / T(j,j).
    store<f64>(b, load<f64>(b) / load<f64>(t));
    let tcol = t;
    for (let j = 2; j <= n; j++) {
      tcol += colStride;
      const bj = b + ((<usize>(j - 1)) << 3);
      const sum = dot(j - 1, tcol, b);
      store<f64>(bj, (load<f64>(bj) - sum) / load<f64>(tcol + ((<usize>(j - 1)) << 3)));
    }
  }
  return 0;
}

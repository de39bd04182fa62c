/**
 * The two LINPACK routines L-BFGS-B relies on, for small dense column-major matrices:
 * dpofa (Cholesky factorization A = R'R of a symmetric positive definite matrix, R upper
 * triangular, overwriting the upper triangle of A) and dtrsl (triangular solves with an
 * upper triangular T, in place on b).
 *
 * References: Dongarra, Bunch, Moler & Stewart (1979), LINPACK Users' Guide, SIAM.
 */
import { ld2, st2, ld, st, at2, dot } from "./state";

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
  for (let k = 1; k <= n; k++) if (ld2(t, ldt, k, k) == 0) return k;
  if (job == 1) {
    st(b, n, ld(b, n) / ld2(t, ldt, n, n));
    for (let jj = 2; jj <= n; jj++) {
      const j = n - jj + 1;
      const temp = -ld(b, j + 1);
      for (let i = 1; i <= j; i++) st(b, i, ld(b, i) + temp * ld2(t, ldt, i, j + 1));
      st(b, j, ld(b, j) / ld2(t, ldt, j, j));
    }
  } else {
    st(b, 1, ld(b, 1) / ld2(t, ldt, 1, 1));
    for (let j = 2; j <= n; j++) {
      let s: f64 = 0;
      for (let i = 1; i <= j - 1; i++) s += ld2(t, ldt, i, j) * ld(b, i);
      st(b, j, (ld(b, j) - s) / ld2(t, ldt, j, j));
    }
  }
  return 0;
}

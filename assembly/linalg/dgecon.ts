/**
 * dgecon: estimate the reciprocal of the 1-norm condition number of A from dgetrf's
 * factors, rcond = 1 / (||A||_1 * est(||A^-1||_1)), as LAPACK dgecon with norm = '1'.
 *
 * `lu` (n x n, row stride lda) holds L and U; anorm is ||A||_1 of the original matrix
 * (dlange_one). ||A^-1||_1 = ||U^-1 L^-1||_1 (the interchanges only permute columns) is
 * estimated by Higham's refinement of Hager's method, LAPACK's dlacn2: at most ITMAX
 * iterations of x -> A^-1 x, sign vector, A^-T x, the unit vector of the largest entry,
 * stopping when the sign vector repeats or the estimate stops growing, and finally the
 * alternating-sign vector x_i = (-1)^i (1 + i/(n-1)) as a safeguard. Every product is a
 * pair of O(n^2) triangular solves on contiguous rows (dtrsm's one-vector path), so the
 * whole estimate is O(n^2). `work` must hold dgecon_workspace_size(n) doubles.
 *
 * Returns rcond in [0, 1]: 1 for n = 0, 0 when anorm is 0 or the estimate is not finite
 * (U has a zero or tiny diagonal: numerically singular). LAPACK's dlatrs also rescales
 * to avoid overflow in the solves; here an overflow simply gives rcond = 0.
 *
 * References: W. W. Hager, "Condition estimates", SIAM J. Sci. Stat. Comput. 5 (1984);
 * N. J. Higham, "FORTRAN codes for estimating the one-norm of a real or complex matrix,
 * with applications to condition estimation" (Algorithm 674), ACM TOMS 14 (1988);
 * Anderson et al., LAPACK Users' Guide, 3rd ed. (1999), dgecon and dlacn2.
 */
import { dtrsm } from "../blas/dtrsm";

/** Maximum number of iterations of the estimator (dlacn2's ITMAX). */
const ITMAX = 5;

export function dgecon_workspace_size(n: i32): i32 {
  return 3 * n;
}

function applyInverse(n: i32, lu: usize, lda: i32, x: usize): void {
  dtrsm(0, 0, 1, n, 1, lu, lda, x, 1, 0);
  dtrsm(1, 0, 0, n, 1, lu, lda, x, 1, 0);
}

function applyInverseTransposed(n: i32, lu: usize, lda: i32, x: usize): void {
  dtrsm(1, 1, 0, n, 1, lu, lda, x, 1, 0);
  dtrsm(0, 1, 1, n, 1, lu, lda, x, 1, 0);
}

function asum(n: i32, x: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += abs(load<f64>(x + (<usize>i << 3)));
  return s;
}

/** First index of the largest |x_i| (BLAS idamax, 0-based). */
function idamax(n: i32, x: usize): i32 {
  let k = 0;
  let best = abs(load<f64>(x));
  for (let i = 1; i < n; i++) {
    const v = abs(load<f64>(x + (<usize>i << 3)));
    if (v > best) {
      best = v;
      k = i;
    }
  }
  return k;
}

/** x_i := sign(x_i) (+1 for x_i >= 0), copied into sgn. */
function signs(n: i32, x: usize, sgn: usize): void {
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const s: f64 = load<f64>(x + off) >= 0 ? 1.0 : -1.0;
    store<f64>(x + off, s);
    store<f64>(sgn + off, s);
  }
}

function estimateInverseNorm(n: i32, lu: usize, lda: i32, x: usize, v: usize, sgn: usize): f64 {
  for (let i = 0; i < n; i++) store<f64>(x + (<usize>i << 3), 1.0 / <f64>n);
  applyInverse(n, lu, lda, x);
  if (n == 1) return abs(load<f64>(x));
  let est = asum(n, x);
  signs(n, x, sgn);
  applyInverseTransposed(n, lu, lda, x);
  let j = idamax(n, x);
  let iter = 2;
  while (true) {
    for (let i = 0; i < n; i++) store<f64>(x + (<usize>i << 3), 0.0);
    store<f64>(x + (<usize>j << 3), 1.0);
    applyInverse(n, lu, lda, x);
    memory.copy(v, x, <usize>n << 3);
    const estold = est;
    est = asum(n, v);
    let repeated = true;
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      const s: f64 = load<f64>(x + off) >= 0 ? 1.0 : -1.0;
      if (s != load<f64>(sgn + off)) {
        repeated = false;
        break;
      }
    }
    // A repeated sign vector means convergence; a non-increasing estimate means cycling.
    if (repeated || est <= estold) break;
    signs(n, x, sgn);
    applyInverseTransposed(n, lu, lda, x);
    const jlast = j;
    j = idamax(n, x);
    if (load<f64>(x + (<usize>jlast << 3)) == abs(load<f64>(x + (<usize>j << 3))) || iter >= ITMAX) break;
    iter++;
  }
  // Safeguard: the alternating vector catches matrices the iteration underestimates.
  let alt: f64 = 1;
  for (let i = 0; i < n; i++) {
    store<f64>(x + (<usize>i << 3), alt * (1.0 + <f64>i / <f64>(n - 1)));
    alt = -alt;
  }
  applyInverse(n, lu, lda, x);
  const temp = 2.0 * (asum(n, x) / <f64>(3 * n));
  return temp > est ? temp : est;
}

export function dgecon(n: i32, lu: usize, lda: i32, anorm: f64, work: usize): f64 {
  if (n == 0) return 1.0;
  if (anorm == 0 || !isFinite(anorm)) return 0.0;
  const x = work;
  const v = work + (<usize>n << 3);
  const sgn = v + (<usize>n << 3);
  const ainvnm = estimateInverseNorm(n, lu, lda, x, v, sgn);
  if (!isFinite(ainvnm)) return 0.0;
  if (ainvnm == 0) return 0.0;
  return (1.0 / ainvnm) / anorm;
}

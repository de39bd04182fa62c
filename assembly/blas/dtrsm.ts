/**
 * dtrsm: solve op(T) X = B in place for a triangular n x n matrix T and n x nrhs
 * right-hand sides B, both row-major (BLAS dtrsm with side = 'L').
 *
 *   uplo  0: T is lower triangular, 1: upper triangular (the other triangle is not read)
 *   trans 0: op(T) = T,             1: op(T) = T^T
 *   diag  0: use T's diagonal,      1: unit diagonal (not read)
 *
 * B (row stride ldb) is overwritten by X. `work` must hold dtrsm_workspace_size(nrhs)
 * doubles. No scaling against overflow is done (unlike LAPACK dlatrs): a zero diagonal
 * gives Infinity/NaN, which callers rule out first.
 *
 * With one right-hand side (nrhs = 1, ldb = 1) the solve runs on contiguous rows of T:
 * dot products for op(T) = T (row i of T against the solved part of x) and axpy updates
 * for op(T) = T^T (row k of T scaled into the unsolved part). With several right-hand
 * sides it is blocked: a block of NB rows of X is solved with row axpys, then every
 * remaining row is updated at once by dgemm_sub (the SIMD GEMM kernel), which reads op(T)
 * with the transposed packing when trans = 1.
 *
 * References: Golub & Van Loan, Matrix Computations, 4th ed., §3.1 (triangular systems,
 * blocked forms); Dongarra, Du Croz, Duff & Hammarling, "A set of level 3 BLAS",
 * ACM TOMS 16 (1990).
 */
import { daxpy } from "./daxpy";
import { dgemm_sub, dgemm_workspace_size } from "./dgemm";

const NB = 48;

export function dtrsm_workspace_size(nrhs: i32): i32 {
  return dgemm_workspace_size(nrhs, NB);
}

// @ts-ignore: decorator
@inline
function at(t: usize, lda: i32, i: i32, j: i32): f64 {
  return load<f64>(t + ((<usize>i * <usize>lda + <usize>j) << 3));
}

function divRow(n: i32, d: f64, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vd = f64x2.splat(d);
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      v128.store(y + off, f64x2.div(v128.load(y + off), vd));
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(y + off, load<f64>(y + off) / d);
  }
}

/**
 * x . y for n contiguous doubles with four partial sums (two f64x2 accumulators), which
 * hides the add latency that a single accumulator chains on.
 */
function dot4(n: i32, x: usize, y: usize): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    for (; i + 3 < n; i += 4) {
      const off = <usize>i << 3;
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(x + off), v128.load(y + off)));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(x + off, 16), v128.load(y + off, 16)));
    }
    const acc = f64x2.add(acc0, acc1);
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    let s0: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    let s3: f64 = 0;
    for (; i + 3 < n; i += 4) {
      const off = <usize>i << 3;
      s0 += load<f64>(x + off) * load<f64>(y + off);
      s1 += load<f64>(x + off, 8) * load<f64>(y + off, 8);
      s2 += load<f64>(x + off, 16) * load<f64>(y + off, 16);
      s3 += load<f64>(x + off, 24) * load<f64>(y + off, 24);
    }
    s = (s0 + s2) + (s1 + s3);
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    s += load<f64>(x + off) * load<f64>(y + off);
  }
  return s;
}

function vectorSolve(uplo: i32, trans: i32, diag: i32, n: i32, t: usize, lda: i32, x: usize): void {
  const st = <usize>lda << 3;
  if (trans == 0) {
    if (uplo == 0) {
      for (let i = 0; i < n; i++) {
        const xi = x + (<usize>i << 3);
        let v = load<f64>(xi) - dot4(i, t + <usize>i * st, x);
        if (diag == 0) v /= at(t, lda, i, i);
        store<f64>(xi, v);
      }
    } else {
      for (let i = n - 1; i >= 0; i--) {
        const xi = x + (<usize>i << 3);
        let v = load<f64>(xi) - dot4(n - 1 - i, t + <usize>i * st + (<usize>(i + 1) << 3), xi + 8);
        if (diag == 0) v /= at(t, lda, i, i);
        store<f64>(xi, v);
      }
    }
  } else {
    if (uplo == 1) {
      // T^T is lower: x_k is final once the rows above have been scattered into it.
      for (let k = 0; k < n; k++) {
        const xk = x + (<usize>k << 3);
        let v = load<f64>(xk);
        if (diag == 0) {
          v /= at(t, lda, k, k);
          store<f64>(xk, v);
        }
        daxpy(n - 1 - k, -v, t + <usize>k * st + (<usize>(k + 1) << 3), xk + 8);
      }
    } else {
      for (let k = n - 1; k >= 0; k--) {
        const xk = x + (<usize>k << 3);
        let v = load<f64>(xk);
        if (diag == 0) {
          v /= at(t, lda, k, k);
          store<f64>(xk, v);
        }
        daxpy(k, -v, t + <usize>k * st, x);
      }
    }
  }
}

export function dtrsm(
  uplo: i32, trans: i32, diag: i32, n: i32, nrhs: i32,
  t: usize, lda: i32, b: usize, ldb: i32, work: usize,
): void {
  if (n <= 0 || nrhs <= 0) return;
  if (nrhs == 1 && ldb == 1) {
    vectorSolve(uplo, trans, diag, n, t, lda, b);
    return;
  }
  const st = <usize>lda << 3;
  const sb = <usize>ldb << 3;
  const nblocks = (n + NB - 1) / NB;
  // "forward" when op(T) is lower triangular.
  const forward = (uplo == 0) == (trans == 0);
  for (let q = 0; q < nblocks; q++) {
    const blk = forward ? q : nblocks - 1 - q;
    const i0 = blk * NB;
    const ib = min(NB, n - i0);
    const i1 = i0 + ib;
    // Solve the diagonal block row by row: op(T)(i, p) is T(i, p) or T(p, i).
    if (forward) {
      for (let i = i0; i < i1; i++) {
        const bi = b + <usize>i * sb;
        for (let p = i0; p < i; p++) {
          const tip = trans == 0 ? at(t, lda, i, p) : at(t, lda, p, i);
          daxpy(nrhs, -tip, b + <usize>p * sb, bi);
        }
        if (diag == 0) divRow(nrhs, at(t, lda, i, i), bi);
      }
      // The rows below take this block's contribution in one GEMM.
      if (i1 < n) {
        if (trans == 0) dgemm_sub(0, n - i1, nrhs, ib, t + <usize>i1 * st + (<usize>i0 << 3), lda, b + <usize>i0 * sb, ldb, b + <usize>i1 * sb, ldb, work);
        else dgemm_sub(1, n - i1, nrhs, ib, t + <usize>i0 * st + (<usize>i1 << 3), lda, b + <usize>i0 * sb, ldb, b + <usize>i1 * sb, ldb, work);
      }
    } else {
      for (let i = i1 - 1; i >= i0; i--) {
        const bi = b + <usize>i * sb;
        for (let p = i + 1; p < i1; p++) {
          const tip = trans == 0 ? at(t, lda, i, p) : at(t, lda, p, i);
          daxpy(nrhs, -tip, b + <usize>p * sb, bi);
        }
        if (diag == 0) divRow(nrhs, at(t, lda, i, i), bi);
      }
      if (i0 > 0) {
        if (trans == 0) dgemm_sub(0, i0, nrhs, ib, t + (<usize>i0 << 3), lda, b + <usize>i0 * sb, ldb, b, ldb, work);
        else dgemm_sub(1, i0, nrhs, ib, t + <usize>i0 * st, lda, b + <usize>i0 * sb, ldb, b, ldb, work);
      }
    }
  }
}

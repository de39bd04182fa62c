/**
 * dgemm_sub: C := C - op(A) * B for row-major matrices (the trailing update of blocked LU
 * and of blocked triangular solves).
 *
 * C is m x n (row stride ldc), B is k x n (row stride ldb), op(A) is m x k: A itself
 * (row stride lda) when transA = 0, or A^T when transA = 1 (A is then k x m with row
 * stride lda). Only C is overwritten; `work` must hold dgemm_workspace_size(n, k) doubles.
 *
 * SIMD build: Goto-style. B is packed once into panels of NR = 4 columns (k x 4, contiguous),
 * each MR = 4 row slice of op(A) into a k x 4 micro-panel, and a 4 x 4 register block of C
 * (eight f64x2 accumulators) is updated with rank-1 steps: two vector loads of B, four
 * broadcast loads of A, eight multiplies and eight subtractions per step. Edge tiles run
 * the same kernel on a zero-padded 4 x 4 copy. Each C entry receives its k products in
 * order p = 0, 1, ..., k-1, one rounding per multiply and per subtraction: the scalar build
 * (plain i-p-j loops) and the SIMD build give bitwise the same result, and both equal a
 * sequence of rank-1 updates (the order reference BLAS/LAPACK use).
 *
 * References: K. Goto and R. van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34 (2008); Golub & Van Loan, Matrix Computations, 4th ed., §1.5.
 */

const MR = 4;
const NR = 4;

/** Doubles of scratch dgemm_sub needs for n columns of B and inner dimension k. */
export function dgemm_workspace_size(n: i32, k: i32): i32 {
  return ((n + NR - 1) / NR) * NR * k + MR * k + MR * NR;
}

// @ts-ignore: decorator
@inline
function kernel4x4(k: i32, ap: usize, bp: usize, c: usize, ldc: usize): void {
  const c1 = c + ldc;
  const c2 = c1 + ldc;
  const c3 = c2 + ldc;
  let c00 = v128.load(c);
  let c01 = v128.load(c, 16);
  let c10 = v128.load(c1);
  let c11 = v128.load(c1, 16);
  let c20 = v128.load(c2);
  let c21 = v128.load(c2, 16);
  let c30 = v128.load(c3);
  let c31 = v128.load(c3, 16);
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load64_splat(ap);
    c00 = f64x2.sub(c00, f64x2.mul(a, b0));
    c01 = f64x2.sub(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 8);
    c10 = f64x2.sub(c10, f64x2.mul(a, b0));
    c11 = f64x2.sub(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 16);
    c20 = f64x2.sub(c20, f64x2.mul(a, b0));
    c21 = f64x2.sub(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 24);
    c30 = f64x2.sub(c30, f64x2.mul(a, b0));
    c31 = f64x2.sub(c31, f64x2.mul(a, b1));
    ap += 32;
    bp += 32;
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
}

export function dgemm_sub(
  transA: i32, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, work: usize,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const sa = <usize>lda << 3;
  const sb = <usize>ldb << 3;
  const sc = <usize>ldc << 3;
  if (ASC_FEATURE_SIMD) {
    const npanels = (n + NR - 1) / NR;
    const panelBytes = <usize>k * NR * 8;
    const bp = work;
    const ap = bp + <usize>npanels * panelBytes;
    const tile = ap + <usize>k * MR * 8;
    // Pack B: panel q holds columns 4q..4q+3, row p at offset 32p (zero padded).
    for (let q = 0; q < npanels; q++) {
      const j = q * NR;
      const w = min(NR, n - j);
      let dst = bp + <usize>q * panelBytes;
      let src = b + (<usize>j << 3);
      if (w == NR) {
        for (let p = 0; p < k; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
          src += sb;
        }
      } else {
        for (let p = 0; p < k; p++) {
          for (let t = 0; t < NR; t++) store<f64>(dst + (<usize>t << 3), t < w ? load<f64>(src + (<usize>t << 3)) : 0.0);
          dst += 32;
          src += sb;
        }
      }
    }
    for (let i = 0; i < m; i += MR) {
      const h = min(MR, m - i);
      // Pack rows i..i+3 of op(A): entry (r, p) at ap + 8 (4p + r).
      for (let r = 0; r < MR; r++) {
        const dst = ap + (<usize>r << 3);
        if (r >= h) {
          for (let p = 0; p < k; p++) store<f64>(dst + (<usize>p << 5), 0.0);
        } else if (transA == 0) {
          const src = a + <usize>(i + r) * sa;
          for (let p = 0; p < k; p++) store<f64>(dst + (<usize>p << 5), load<f64>(src + (<usize>p << 3)));
        } else {
          const src = a + (<usize>(i + r) << 3);
          for (let p = 0; p < k; p++) store<f64>(dst + (<usize>p << 5), load<f64>(src + <usize>p * sa));
        }
      }
      const crow = c + <usize>i * sc;
      for (let q = 0; q < npanels; q++) {
        const j = q * NR;
        const w = min(NR, n - j);
        const cptr = crow + (<usize>j << 3);
        const bq = bp + <usize>q * panelBytes;
        if (h == MR && w == NR) {
          kernel4x4(k, ap, bq, cptr, sc);
        } else {
          for (let r = 0; r < MR; r++) {
            for (let t = 0; t < NR; t++) {
              store<f64>(tile + (<usize>(r * NR + t) << 3), r < h && t < w ? load<f64>(cptr + <usize>r * sc + (<usize>t << 3)) : 0.0);
            }
          }
          kernel4x4(k, ap, bq, tile, NR * 8);
          for (let r = 0; r < h; r++) {
            for (let t = 0; t < w; t++) {
              store<f64>(cptr + <usize>r * sc + (<usize>t << 3), load<f64>(tile + (<usize>(r * NR + t) << 3)));
            }
          }
        }
      }
    }
    return;
  }
  // Scalar build: row i of C takes the rank-1 steps p = 0..k-1 in order.
  for (let i = 0; i < m; i++) {
    const crow = c + <usize>i * sc;
    for (let p = 0; p < k; p++) {
      const aip = transA == 0
        ? load<f64>(a + <usize>i * sa + (<usize>p << 3))
        : load<f64>(a + <usize>p * sa + (<usize>i << 3));
      const brow = b + <usize>p * sb;
      for (let j = 0; j < n; j++) {
        const off = <usize>j << 3;
        store<f64>(crow + off, load<f64>(crow + off) - aip * load<f64>(brow + off));
      }
    }
  }
}

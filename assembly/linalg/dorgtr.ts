/**
 * dorgtr: form the orthogonal matrix Q = H_0 H_1 ... H_{n-2} of dsytrd explicitly
 * (row-major n x n at `q`), by backward accumulation: Q <- H_i Q for i = n-2 down to 0.
 * Each H_i = I - tau_i u uᵀ only touches rows and columns i+1..n-1, and the update
 * w = uᵀ Q22, Q22 -= tau u w runs along rows (f64x2 in the SIMD build).
 *
 * Reads u from the strictly upper part of row i of `a` (as dsytrd left it) and tau.
 * Overwrites q; `w` is 2n doubles of scratch. Reflectors are applied two at a time
 * (reflect2), which halves the passes over Q.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §5.1.6 (backward
 * accumulation); LAPACK Users' Guide (dorgtr, dorg2l/dorg2r).
 */
import { reflect2 } from "./reflect2";

export function dorgtr(n: i32, a: usize, tau: usize, q: usize, w: usize): void {
  const nn = <usize>n;
  for (let i: usize = 0; i < nn * nn; i++) store<f64>(q + (i << 3), 0.0);
  for (let i: usize = 0; i < nn; i++) store<f64>(q + ((i * nn + i) << 3), 1.0);
  let i = n - 2;
  // two reflectors per pass over the block (reflect2), then a single one if left over
  for (; i >= 1; i -= 2) {
    const t2 = load<f64>(tau + ((<usize>i) << 3));
    const t1 = load<f64>(tau + ((<usize>(i - 1)) << 3));
    const M = n - i;
    const u1 = a + ((<usize>(i - 1) * nn + <usize>i) << 3);
    const u2 = a + ((<usize>i * nn + <usize>(i + 1)) << 3);
    const blk = q + ((<usize>i * nn + <usize>i) << 3);
    reflect2(M, blk, n, u1, t1, u2, t2, w, w + ((<usize>n) << 3));
  }
  if (i == 0) {
    const t = load<f64>(tau);
    if (t != 0) {
      const m = n - 1;
      const u = a + 8;
      const blk = q + ((nn + 1) << 3);
      for (let c = 0; c < m; c++) store<f64>(w + ((<usize>c) << 3), 0.0);
      for (let r = 0; r < m; r++) {
        const ur = load<f64>(u + ((<usize>r) << 3));
        if (ur != 0) axpy(m, ur, blk + ((<usize>r * nn) << 3), w);
      }
      for (let r = 0; r < m; r++) {
        const f = -t * load<f64>(u + ((<usize>r) << 3));
        if (f != 0) axpy(m, f, w, blk + ((<usize>r * nn) << 3));
      }
    }
  }
}

/** y += alpha x over m contiguous doubles. */
function axpy(m: i32, alpha: f64, x: usize, y: usize): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const a2 = f64x2.splat(alpha);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(a2, v128.load(x + o))));
    }
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    store<f64>(y + o, load<f64>(y + o) + alpha * load<f64>(x + o));
  }
}

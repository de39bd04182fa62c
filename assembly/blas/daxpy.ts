/**
 * daxpy: y := y + alpha * x for n contiguous doubles (BLAS level 1).
 *
 * Each y[i] gets exactly one rounded product and one rounded sum, so the SIMD (f64x2) and
 * scalar builds give bitwise the same result. Overwrites y.
 *
 * References: Lawson, Hanson, Kincaid & Krogh, "Basic Linear Algebra Subprograms for
 * Fortran usage", ACM TOMS 5 (1979).
 */
export function daxpy(n: i32, alpha: f64, x: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 3 < n; i += 4) {
      const off = <usize>i << 3;
      v128.store(y + off, f64x2.add(v128.load(y + off), f64x2.mul(va, v128.load(x + off))));
      v128.store(y + off, f64x2.add(v128.load(y + off, 16), f64x2.mul(va, v128.load(x + off, 16))), 16);
    }
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      v128.store(y + off, f64x2.add(v128.load(y + off), f64x2.mul(va, v128.load(x + off))));
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(y + off, load<f64>(y + off) + alpha * load<f64>(x + off));
  }
}

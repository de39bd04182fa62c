/**
 * dswap: exchange n contiguous doubles of x and y (BLAS level 1). Overwrites both.
 */
export function dswap(n: i32, x: usize, y: usize): void {
  if (x == y) return;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      const t = v128.load(x + off);
      v128.store(x + off, v128.load(y + off));
      v128.store(y + off, t);
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    const t = load<f64>(x + off);
    store<f64>(x + off, load<f64>(y + off));
    store<f64>(y + off, t);
  }
}

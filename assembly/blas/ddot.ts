/**
 * ddot: x·y for n contiguous doubles.
 * SIMD builds sum two lanes at a time (f64x2); the scalar build is the plain loop.
 */
export function ddot(n: i32, x: usize, y: usize): f64 {
  let s: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      acc = f64x2.add(acc, f64x2.mul(v128.load(x + off), v128.load(y + off)));
    }
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    s += load<f64>(x + off) * load<f64>(y + off);
  }
  return s;
}

/**
 * dlange_one: the 1-norm (largest absolute column sum) of a row-major n x n matrix, as
 * LAPACK dlange with norm = '1'. `work` must hold n doubles (column sums; overwritten).
 * Rows are summed into the column accumulators with f64x2 abs/add in the SIMD build;
 * every column sum is accumulated in row order in both builds.
 */
export function dlange_one(n: i32, a: usize, lda: i32, work: usize): f64 {
  for (let j = 0; j < n; j++) store<f64>(work + (<usize>j << 3), 0.0);
  const sa = <usize>lda << 3;
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * sa;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 1 < n; j += 2) {
        const off = <usize>j << 3;
        v128.store(work + off, f64x2.add(v128.load(work + off), f64x2.abs(v128.load(row + off))));
      }
    }
    for (; j < n; j++) {
      const off = <usize>j << 3;
      store<f64>(work + off, load<f64>(work + off) + abs(load<f64>(row + off)));
    }
  }
  let norm: f64 = 0;
  for (let j = 0; j < n; j++) {
    const s = load<f64>(work + (<usize>j << 3));
    // A NaN column sum makes the norm NaN, as dlange's disnan check does.
    if (s > norm || s != s) norm = s;
  }
  return norm;
}

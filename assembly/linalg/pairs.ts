/**
 * pairs: the interleaved row-pair layout used by planes.ts.
 *
 * Rows 2p and 2p+1 of a row-major matrix with `cols` columns are stored side by side:
 * element k of row 2p + lane sits at x + (p*cols + k)*16 + lane*8. An odd last row is
 * paired with a row of zeros. The layout takes ceil(rows/2)*cols*2 doubles.
 */

/** Doubles needed for `rows` rows of `cols` in the pair layout. */
export function pairsSize(rows: i32, cols: i32): i32 {
  return ((rows + 1) >> 1) * cols * 2;
}

/** Copy row-major src (rows x cols, leading dimension ld) into the pair layout at x. */
export function rowsToPairs(src: usize, rows: i32, cols: i32, ld: i32, x: usize): void {
  const npairs = (rows + 1) >> 1;
  for (let p = 0; p < npairs; p++) {
    const r0 = src + (<usize>(2 * p * ld) << 3);
    const r1 = r0 + ((<usize>ld) << 3);
    const hasSecond = 2 * p + 1 < rows;
    const out = x + (<usize>(p * cols) << 4);
    for (let k = 0; k < cols; k++) {
      const o = out + ((<usize>k) << 4);
      store<f64>(o, load<f64>(r0 + ((<usize>k) << 3)));
      store<f64>(o + 8, hasSecond ? load<f64>(r1 + ((<usize>k) << 3)) : 0.0);
    }
  }
}

/** Copy the pair layout at x back into row-major dst (leading dimension ld). */
export function pairsToRows(x: usize, rows: i32, cols: i32, dst: usize, ld: i32): void {
  for (let r = 0; r < rows; r++) {
    const src = x + (<usize>((r >> 1) * cols) << 4) + ((<usize>(r & 1)) << 3);
    const out = dst + (<usize>(r * ld) << 3);
    for (let k = 0; k < cols; k++) store<f64>(out + ((<usize>k) << 3), load<f64>(src + ((<usize>k) << 4)));
  }
}

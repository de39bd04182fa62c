/**
 * Dense output of the explicit Runge–Kutta pairs: on a step from t_old to t_old + h,
 *   y(t) = y_old + h Σ_k Q_k x^(k+1),  x = (t - t_old) / h,
 * evaluated in the order SciPy's RkDenseOutput uses (powers by cumulative product, the
 * sum in k order, then the scaling by h, then y_old), so values agree with SciPy's bit for
 * bit when Q does. `odeSolution` chooses the segment as SciPy's OdeSolution does
 * (extrapolating with the first or last piece outside the span).
 *
 * A step's interpolant is a record of doubles, kept in one growing array for the whole
 * solution (no allocation per step): [t_old, h, Q_0 (n), ..., Q_{cols-1} (n), y_old (n)].
 */

export const segmentWidth = (n: number, cols: number): number => 2 + (cols + 1) * n;

/** Evaluate the interpolant stored at rec[base...] at t into out (length n). */
export function evalSegment(rec: Float64Array, base: number, n: number, cols: number, t: number, out: Float64Array): Float64Array {
  const tOld = rec[base]!;
  const h = rec[base + 1]!;
  const q = base + 2;
  const yOld = q + cols * n;
  const x = (t - tOld) / h;
  const p1 = x * x;
  const p2 = p1 * x;
  const p3 = p2 * x;
  if (cols === 4) {
    for (let i = 0; i < n; i++) {
      const s = rec[q + i]! * x + rec[q + n + i]! * p1 + rec[q + 2 * n + i]! * p2 + rec[q + 3 * n + i]! * p3;
      out[i] = h * s + rec[yOld + i]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const s = rec[q + i]! * x + rec[q + n + i]! * p1 + rec[q + 2 * n + i]! * p2;
      out[i] = h * s + rec[yOld + i]!;
    }
  }
  return out;
}

/**
 * Evaluate the interpolant of record rec[0...] at ts[from..to) into out, component-major
 * with row length ts.length: out[i * ts.length + k]. Same arithmetic as evalSegment.
 */
export function evalSegmentAt(rec: Float64Array, n: number, cols: number, ts: Float64Array, from: number, to: number, out: Float64Array): void {
  const tOld = rec[0]!;
  const h = rec[1]!;
  const m = ts.length;
  const yOld = 2 + cols * n;
  for (let i = 0; i < n; i++) {
    const q0 = rec[2 + i]!;
    const q1 = rec[2 + n + i]!;
    const q2 = rec[2 + 2 * n + i]!;
    const q3 = cols === 4 ? rec[2 + 3 * n + i]! : 0;
    const y0 = rec[yOld + i]!;
    const row = i * m;
    for (let k = from; k < to; k++) {
      const x = (ts[k]! - tOld) / h;
      const p1 = x * x;
      const p2 = p1 * x;
      const s = cols === 4 ? q0 * x + q1 * p1 + q2 * p2 + q3 * (p2 * x) : q0 * x + q1 * p1 + q2 * p2;
      out[row + k] = h * s + y0;
    }
  }
}

/** A growable store of fixed-width records (one per accepted step). */
export class RecordStore {
  data: Float64Array;
  count = 0;
  constructor(readonly width: number, capacity = Math.max(4, Math.min(64, Math.floor(2048 / Math.max(1, width))))) {
    this.data = new Float64Array(Math.max(1, width * capacity));
  }
  push(src: Float64Array): void {
    const need = (this.count + 1) * this.width;
    if (need > this.data.length) {
      const grown = new Float64Array(Math.max(need, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    const base = this.count * this.width;
    const w = this.width;
    if (w < 64) for (let k = 0; k < w; k++) this.data[base + k] = src[k]!;
    else this.data.set(src.length === w ? src : src.subarray(0, w), base);
    this.count++;
  }
  /**
   * Column split: out[i][k] = record k, entry i. The columns are disjoint subarrays of one
   * fresh buffer (one allocation instead of one per component).
   */
  columns(): Float64Array[] {
    const m = this.count;
    const w = this.width;
    const all = new Float64Array(w * m);
    const src = this.data;
    // Transpose in tiles of TILE records so that both sides stay in cache for wide systems.
    const TILE = 16;
    for (let k0 = 0; k0 < m; k0 += TILE) {
      const k1 = Math.min(m, k0 + TILE);
      for (let i = 0; i < w; i++) {
        const row = i * m;
        for (let k = k0; k < k1; k++) all[row + k] = src[k * w + i]!;
      }
    }
    const out: Float64Array[] = new Array(w);
    for (let i = 0; i < w; i++) out[i] = all.subarray(i * m, (i + 1) * m);
    return out;
  }
}

/** The continuous solution assembled from the step interpolants (ts: segment boundaries). */
export function odeSolution(ts: Float64Array, store: RecordStore, n: number, cols: number): (t: number) => Float64Array {
  const nSeg = store.count;
  const rec = store.data.slice(0, nSeg * store.width);
  const width = store.width;
  const ascending = ts[ts.length - 1]! >= ts[0]!;
  // ts in ascending order for the search (SciPy's ts_sorted).
  const sorted = ascending ? ts : ts.slice().reverse();
  return (t: number): Float64Array => {
    if (typeof t !== 'number') throw new TypeError(`sol: t must be a number, got ${typeof t}`);
    // searchsorted: 'left' when ascending, 'right' when descending (as SciPy).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sorted[mid]!;
      if (ascending ? v < t : v <= t) lo = mid + 1;
      else hi = mid;
    }
    let seg = Math.min(Math.max(lo - 1, 0), nSeg - 1);
    if (!ascending) seg = nSeg - 1 - seg;
    return evalSegment(rec, seg * width, n, cols, t, new Float64Array(n));
  };
}

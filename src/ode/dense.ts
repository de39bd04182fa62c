/**
 * Dense output of the explicit Runge–Kutta pairs: on a step from t_old to t_old + h,
 *   y(t) = y_old + h Σ_k Q_k x^(k+1),  x = (t - t_old) / h,
 * evaluated in the order SciPy's RkDenseOutput uses (powers by cumulative product, the
 * sum in k order, then the scaling by h, then y_old), so values agree with SciPy's bit for
 * bit when Q does. `OdeSolution` chooses the segment as SciPy's does (extrapolating with
 * the first or last piece outside the span).
 */

/** One step's interpolant, copied out of the workspace (owned by JS, survives callbacks). */
export interface Segment {
  tOld: number;
  h: number;
  /** Q_k of component i at q[k * n + i]. */
  q: Float64Array;
  yOld: Float64Array;
}

/** Evaluate the interpolant at t into out (length n). */
export function evalSegment(q: Float64Array, yOld: Float64Array, cols: number, tOld: number, h: number, t: number, out: Float64Array): Float64Array {
  const n = yOld.length;
  const x = (t - tOld) / h;
  const p1 = x * x;
  const p2 = p1 * x;
  const p3 = p2 * x;
  if (cols === 4) {
    for (let i = 0; i < n; i++) {
      const s = q[i]! * x + q[n + i]! * p1 + q[2 * n + i]! * p2 + q[3 * n + i]! * p3;
      out[i] = h * s + yOld[i]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const s = q[i]! * x + q[n + i]! * p1 + q[2 * n + i]! * p2;
      out[i] = h * s + yOld[i]!;
    }
  }
  return out;
}

/** The continuous solution assembled from the step interpolants. */
export function odeSolution(ts: Float64Array, segs: Segment[], cols: number): (t: number) => Float64Array {
  const nSeg = segs.length;
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
    const s = segs[seg]!;
    return evalSegment(s.q, s.yOld, cols, s.tOld, s.h, t, new Float64Array(s.yOld.length));
  };
}

/**
 * Step-size control for the explicit Runge–Kutta pairs, as in SciPy's `RungeKutta`
 * (scipy/integrate/_ivp/rk.py and common.py, SciPy 1.10), so that a problem ported from
 * SciPy takes the same steps:
 *   - error norm: RMS of err_i / (atol_i + rtol * max(|y_i|, |y_new_i|));
 *   - accepted (norm < 1): h *= min(MAX_FACTOR, SAFETY * norm^(-1/(q+1))), capped at 1
 *     when the step already had a rejected attempt; norm == 0 gives MAX_FACTOR;
 *   - rejected: h *= max(MIN_FACTOR, SAFETY * norm^(-1/(q+1)));
 *   - the smallest allowed step is 10 * |nextafter(t, dir * inf) - t|;
 *   - the initial step follows Hairer, Nørsett & Wanner I, §II.4 (d0, d1, d2 estimates).
 * q is the order of the embedded error estimator (4 for Dormand–Prince, 2 for
 * Bogacki–Shampine). Norms are summed in index order (no SIMD lanes) so that they agree
 * bit for bit with a sequential dot product.
 *
 * References: E. Hairer, S. P. Nørsett, G. Wanner, Solving Ordinary Differential
 * Equations I, 2nd ed., Springer 1993, §II.4 (automatic step size control, starting step
 * size); SciPy 1.10 `scipy.integrate.solve_ivp`.
 */

/** Multiplies the asymptotically optimal step factor. */
export const SAFETY: f64 = 0.9;
/** Smallest allowed factor after a rejected attempt. */
export const MIN_FACTOR: f64 = 0.2;
/** Largest allowed growth of the step after an accepted attempt. */
export const MAX_FACTOR: f64 = 10.0;

/** sqrt(sum (x_i / s_i)^2) / sqrt(n) — SciPy's `norm(x / scale)`. */
export function rmsRatio(n: i32, x: usize, s: usize): f64 {
  let acc: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const r = load<f64>(x + off) / load<f64>(s + off);
    acc += r * r;
  }
  return Math.sqrt(acc) / Math.sqrt(<f64>n);
}

/** The step factor after an attempt with error norm `errNorm`; see the file header. */
export function stepFactor(errNorm: f64, exponent: f64, rejectedBefore: bool): f64 {
  if (errNorm < 1) {
    let factor = errNorm == 0 ? MAX_FACTOR : SAFETY * Math.pow(errNorm, exponent);
    if (!(factor < MAX_FACTOR)) factor = MAX_FACTOR;
    if (rejectedBefore && factor > 1) factor = 1;
    return factor;
  }
  const factor = SAFETY * Math.pow(errNorm, exponent);
  // NaN compares false: like Python's max(MIN_FACTOR, nan) it falls back to MIN_FACTOR.
  return factor > MIN_FACTOR ? factor : MIN_FACTOR;
}

/** |nextafter(t, dir * inf) - t|: the spacing of doubles at t in the direction of travel. */
export function spacing(t: f64, dir: f64): f64 {
  if (t == 0) return 5e-324;
  const bits = reinterpret<i64>(t);
  // Moving away from zero increments the magnitude bits, towards zero decrements them.
  const away = (t > 0) == (dir > 0);
  const next = reinterpret<f64>(away ? bits + 1 : bits - 1);
  return Math.abs(next - t);
}

/** The minimum step SciPy allows at t: ten times the spacing of doubles there. */
export function minStep(t: f64, dir: f64): f64 {
  return 10 * spacing(t, dir);
}

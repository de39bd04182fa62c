/**
 * Event handling as SciPy's solve_ivp: an event is active over a step when its value
 * changes sign (or touches zero) between the step ends in an allowed direction; its zero
 * is located on the step's interpolant with Brent's method (xtol = rtol = 4 eps, as SciPy's
 * brentq call), and a terminal event truncates the integration at the earliest zero that
 * reaches its event's count.
 *
 * References: R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall
 * 1973, ch. 4; SciPy 1.10 scipy/integrate/_ivp/ivp.py (find_active_events, handle_events).
 */

const EPS = 2.220446049250313e-16;
const XTOL = 4 * EPS;
const RTOL = 4 * EPS;
const MAX_ITER = 100;

/** Indices of the events that fire between values g and gNew. */
export function activeEvents(g: Float64Array, gNew: Float64Array, direction: Float64Array): number[] {
  const out: number[] = [];
  for (let e = 0; e < g.length; e++) {
    const a = g[e]!;
    const b = gNew[e]!;
    const d = direction[e]!;
    const up = a <= 0 && b >= 0;
    const down = a >= 0 && b <= 0;
    if ((up && d > 0) || (down && d < 0) || ((up || down) && d === 0)) out.push(e);
  }
  return out;
}

/**
 * A zero of f in [a, b] by Brent's method (inverse quadratic interpolation / secant with
 * bisection safeguard), stopping when the bracket is below xtol + rtol |x| or f hits 0.
 * Follows the structure of the classic zeroin: xcur is the best estimate, xblk the
 * contrapoint, xpre the previous iterate.
 */
export function brentRoot(f: (t: number) => number, a: number, b: number): number {
  let xpre = a;
  let xcur = b;
  let fpre = f(xpre);
  let fcur = f(xcur);
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  if (fpre === 0) return xpre;
  if (fcur === 0) return xcur;
  for (let i = 0; i < MAX_ITER; i++) {
    if (fpre !== 0 && fcur !== 0 && Math.sign(fpre) !== Math.sign(fcur)) {
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (XTOL + RTOL * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0 || Math.abs(sbis) < delta) return xcur;
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // secant
      } else {
        const dpre = (fpre - fcur) / (xpre - xcur);
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre)); // inverse quadratic
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur;
        scur = stry;
      } else {
        spre = sbis;
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
  }
  return xcur;
}

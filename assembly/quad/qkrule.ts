/**
 * qkrule: the pieces shared by the Gauss–Kronrod rules qk21.ts and qk15i.ts — reading the
 * node/weight tables and values, and the closing step: resasc, the scaling by the
 * half-length and QUADPACK's error estimate.
 *
 * `qkFinish(out, wgk, n, fv, fc, resk, resg, resabs, hlgth)` takes the Kronrod sum resk,
 * the Gauss sum resg and Σ w|f| (resabs) over the 2n + 1 nodes, the centre value fc and the
 * values fv[1..n] left and fv[n+1..2n] right of the centre (pairs at ±xgk[j], weight wgk[j];
 * wgk[n] is the centre's), and writes
 *   out[0] result = resk·hlgth
 *   out[1] abserr = resasc·min(1, (200·|(resk - resg)·hlgth| / resasc)^1.5),
 *                   never below 50·eps·resabs (when resabs is not tiny)
 *   out[2] resabs·|hlgth|
 *   out[3] resasc = |hlgth|·Σ w|f - resk/2|
 * with the operations of QUADPACK's dqk21/dqk15i in their order, so the numbers agree bit
 * for bit with SciPy's. Overwrites out[0..3] only.
 *
 * References: Piessens et al., QUADPACK (Springer 1983), §2.2 (dqk21, dqk15i).
 */
import { EPMACH, UFLOW } from "./layout";

/** Element j (0-based) of the f64 array at p. */
@inline export function at(p: usize, j: i32): f64 {
  return load<f64>(p + (<usize>j << 3));
}

@inline export function qkFinish(out: usize, wgk: usize, n: i32, fv: usize, fc: f64, resk: f64, resg: f64, resabs: f64,
  hlgth: f64): void {
  const dhlgth = Math.abs(hlgth);
  const reskh = resk * 0.5;
  let resasc = at(wgk, n) * Math.abs(fc - reskh);
  for (let j = 0; j < n; j++) {
    resasc += at(wgk, j) * (Math.abs(at(fv, 1 + j) - reskh) + Math.abs(at(fv, 1 + n + j) - reskh));
  }
  resabs *= dhlgth;
  resasc *= dhlgth;
  let abserr = Math.abs((resk - resg) * hlgth);
  // Math.pow here is musl's (the same algorithm as glibc's pow since 2.28), so the estimate
  // agrees bit for bit with SciPy's; a cheaper t·√t changes errsum in its last digits.
  if (resasc != 0 && abserr != 0) {
    // min(1, t^1.5) is 1 for t >= 1: the power is only needed below.
    const t = (200.0 * abserr) / resasc;
    abserr = resasc * (t >= 1.0 ? 1.0 : Math.pow(t, 1.5));
  }
  if (resabs > UFLOW / (50.0 * EPMACH)) abserr = Math.max(EPMACH * 50.0 * resabs, abserr);
  store<f64>(out, resk * hlgth);
  store<f64>(out + 8, abserr);
  store<f64>(out + 16, resabs);
  store<f64>(out + 24, resasc);
}

/**
 * qkerr: the closing step shared by the Gauss–Kronrod rules (qk21.ts, qk15i.ts) —
 * QUADPACK's error estimate and the four rule outputs.
 *
 * Given the Kronrod sum resk, the Gauss sum resg, the half-length hlgth and the already
 * scaled resabs (≈ ∫ |f|) and resasc (≈ ∫ |f - mean|), `qkFinish` writes
 *   out[0] result = resk·hlgth
 *   out[1] abserr = resasc·min(1, (200·|(resk - resg)·hlgth| / resasc)^1.5),
 *                   never below 50·eps·resabs (when resabs is not tiny)
 *   out[2] resabs, out[3] resasc
 * with the operations of QUADPACK's dqk21/dqk15i in their order, so the numbers agree bit
 * for bit with SciPy's. Overwrites out[0..3] only.
 *
 * References: Piessens et al., QUADPACK (Springer 1983), §2.2 (the dqk rules' estimate).
 */
import { EPMACH, UFLOW } from "./layout";

@inline export function qkFinish(out: usize, resk: f64, resg: f64, hlgth: f64, resabs: f64, resasc: f64): void {
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

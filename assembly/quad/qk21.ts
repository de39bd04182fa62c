/**
 * qk21: the 21-point Gauss–Kronrod rule on a finite interval (a, b), with QUADPACK's
 * error estimate, split for reverse communication.
 *
 * `qk21Nodes(a, b, x)` writes the 21 abscissae to x[0..20]: the centre first, then the
 * ten points left of it (centr - hlgth*xgk[j], j = 0..9), then the ten to the right.
 * The caller evaluates f there (TypeScript, in one batch) and `qk21(a, b, fv, out)` forms
 *   out[0] result  — the 21-point Kronrod approximation of ∫ f over (a, b)
 *   out[1] abserr  — QUADPACK's estimate: |K21 - G10| scaled by resasc·min(1, (200·err/resasc)^1.5),
 *                    never below 50·eps·resabs
 *   out[2] resabs  — approximation of ∫ |f|
 *   out[3] resasc  — approximation of ∫ |f - result/(b-a)|
 * in the summation order of QUADPACK's dqk21, so decisions taken on these numbers (and
 * therefore the subdivision sequence and neval) agree with SciPy's.
 * Overwrites out[0..3] only. No status.
 *
 * References: R. Piessens, E. de Doncker-Kapenga, C. W. Überhuber, D. K. Kahaner,
 * QUADPACK: A Subroutine Package for Automatic Integration, Springer 1983, §2.2 (rule
 * dqk21); nodes and weights as tabulated there (computed by L. W. Fullerton to 80 digits
 * for the 61-point rule family; the 21-point values are Kronrod's).
 */
import { at, qkFinish } from "./qkrule";

/** Abscissae of the 21-point Kronrod rule on (-1, 1): xgk[1], xgk[3], ... are the 10-point Gauss nodes. */
const XGK: usize = memory.data<f64>([
  0.995657163025808080735527280689003,
  0.973906528517171720077964012084452,
  0.930157491355708226001207180059508,
  0.865063366688984510732096688423493,
  0.780817726586416897063717578345042,
  0.679409568299024406234327365114874,
  0.562757134668604683339000099272694,
  0.433395394129247190799265943165784,
  0.294392862701460198131126603103866,
  0.148874338981631210884826001129720,
  0.0,
]);

/** Weights of the 21-point Kronrod rule (wgk[10] belongs to the centre). */
const WGK: usize = memory.data<f64>([
  0.011694638867371874278064396062192,
  0.032558162307964727478818972459390,
  0.054755896574351996031381300244580,
  0.075039674810919952767043140916190,
  0.093125454583697605535065465083366,
  0.109387158802297641899210590325805,
  0.123491976262065851077958109831074,
  0.134709217311473325928054001771707,
  0.142775938577060080797094273138717,
  0.147739104901338491374841515972068,
  0.149445554002916905664936468389821,
]);

/** Weights of the 10-point Gauss rule, for the nodes xgk[1], xgk[3], ..., xgk[9]. */
const WG: usize = memory.data<f64>([
  0.066671344308688137593568809893332,
  0.149451349150580593145776339657697,
  0.219086362515982043995534934228163,
  0.269266719309996355091226921569469,
  0.295524224714752870173892994651338,
]);

export const QK21_NODES: i32 = 21;

/** Write the 21 abscissae of the rule on (a, b) to x[0..20]. */
export function qk21Nodes(a: f64, b: f64, x: usize): void {
  const centr = 0.5 * (a + b);
  const hlgth = 0.5 * (b - a);
  store<f64>(x, centr);
  for (let j = 0; j < 10; j++) {
    const absc = hlgth * at(XGK, j);
    store<f64>(x + (<usize>(1 + j) << 3), centr - absc);
    store<f64>(x + (<usize>(11 + j) << 3), centr + absc);
  }
}

/** Apply the rule to the 21 values fv[0..20] (at the abscissae of qk21Nodes) and write out[0..3]. */
export function qk21(a: f64, b: f64, fv: usize, out: usize): void {
  const hlgth = 0.5 * (b - a);
  const fc = at(fv, 0);
  let resg: f64 = 0;
  let resk = at(WGK, 10) * fc;
  let resabs = Math.abs(resk);
  // Gauss nodes first (xgk[1], xgk[3], ...), then the Kronrod extension, as dqk21 sums them.
  for (let j = 0; j < 5; j++) {
    const jtw = 2 * j + 1;
    const fval1 = at(fv, 1 + jtw);
    const fval2 = at(fv, 11 + jtw);
    const fsum = fval1 + fval2;
    resg += at(WG, j) * fsum;
    resk += at(WGK, jtw) * fsum;
    resabs += at(WGK, jtw) * (Math.abs(fval1) + Math.abs(fval2));
  }
  for (let j = 0; j < 5; j++) {
    const jtwm1 = 2 * j;
    const fval1 = at(fv, 1 + jtwm1);
    const fval2 = at(fv, 11 + jtwm1);
    const fsum = fval1 + fval2;
    resk += at(WGK, jtwm1) * fsum;
    resabs += at(WGK, jtwm1) * (Math.abs(fval1) + Math.abs(fval2));
  }
  qkFinish(out, WGK, 10, fv, fc, resk, resg, resabs, hlgth);
}

/**
 * qk15i: the 15-point Gauss–Kronrod rule applied to an infinite range mapped onto (0, 1],
 * split for reverse communication (QUADPACK dqk15i).
 *
 * The range (bound, +∞) is mapped by x = boun + (1 - t)/t, (-∞, bound) by
 * x = boun - (1 - t)/t, and (-∞, +∞) (inf = 2, boun = 0) is folded onto (0, +∞) by
 * integrating f(x) + f(-x). The transformed integrand is f(x(t))/t².
 *
 * `qk15iNodes(boun, inf, a, b, x)` writes the abscissae x(t) for the 15 nodes t of the
 * rule on the sub-range (a, b) ⊂ (0, 1]: the centre first, then the seven nodes left of it,
 * then the seven to the right; for inf = 2 the 15 mirrored points -x follow, so the batch
 * has 30 points. `qk15i(inf, a, b, fv, out)` forms out[0..3] = result, abserr, resabs,
 * resasc exactly as dqk15i does. It overwrites fv[0..14] with the transformed values.
 *
 * References: Piessens et al., QUADPACK (Springer 1983), §2.2 and §3.3 (dqk15i, dqagi).
 */
import { at, qkFinish } from "./qkrule";

/** Abscissae of the 15-point Kronrod rule; xgk[1], xgk[3], xgk[5] (and 0) are the 7-point Gauss nodes. */
const XGK: usize = memory.data<f64>([
  0.991455371120812639206854697526329,
  0.949107912342758524526189684047851,
  0.864864423359769072789712788640926,
  0.741531185599394439863864773280788,
  0.586087235467691130294144838258730,
  0.405845151377397166906606412076961,
  0.207784955007898467600689403773245,
  0.0,
]);

/** Weights of the 15-point Kronrod rule (wgk[7] belongs to the centre). */
const WGK: usize = memory.data<f64>([
  0.022935322010529224963732008058970,
  0.063092092629978553290700663189204,
  0.104790010322250183839876322541518,
  0.140653259715525918745189590510238,
  0.169004726639267902826583426598550,
  0.190350578064785409913256402421014,
  0.204432940075298892414161999234649,
  0.209482141084727828012999174891714,
]);

/** Weights of the 7-point Gauss rule aligned with XGK (zero at the Kronrod-only nodes). */
const WG: usize = memory.data<f64>([
  0.0,
  0.129484966168869693270611432679082,
  0.0,
  0.279705391489276667901467771423780,
  0.0,
  0.381830050505118944950369775488975,
  0.0,
  0.417959183673469387755102040816327,
]);

@inline function put(p: usize, j: i32, val: f64): void {
  store<f64>(p + (<usize>j << 3), val);
}

/** Number of integrand values one application needs: 15, or 30 for (-∞, +∞). */
export function qk15iCount(inf: i32): i32 {
  return inf == 2 ? 30 : 15;
}

/** Write the abscissae of the rule on (a, b) ⊂ (0, 1] to x[0..qk15iCount(inf)-1]. */
export function qk15iNodes(boun: f64, inf: i32, a: f64, b: f64, x: usize): void {
  const dinf: f64 = inf < 1 ? <f64>inf : 1.0;
  const centr = 0.5 * (a + b);
  const hlgth = 0.5 * (b - a);
  put(x, 0, boun + (dinf * (1.0 - centr)) / centr);
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    // Two nodes per lane pair; each lane does exactly the scalar operations.
    const vc = f64x2.splat(centr);
    const vh = f64x2.splat(hlgth);
    const vb = f64x2.splat(boun);
    const vd = f64x2.splat(dinf);
    const one = f64x2.splat(1.0);
    for (; j + 1 < 7; j += 2) {
      const absc = f64x2.mul(vh, v128.load(XGK + (<usize>j << 3)));
      const absc1 = f64x2.sub(vc, absc);
      const absc2 = f64x2.add(vc, absc);
      v128.store(x + (<usize>(1 + j) << 3), f64x2.add(vb, f64x2.div(f64x2.mul(vd, f64x2.sub(one, absc1)), absc1)));
      v128.store(x + (<usize>(8 + j) << 3), f64x2.add(vb, f64x2.div(f64x2.mul(vd, f64x2.sub(one, absc2)), absc2)));
    }
  }
  for (; j < 7; j++) {
    const absc = hlgth * at(XGK, j);
    const absc1 = centr - absc;
    const absc2 = centr + absc;
    put(x, 1 + j, boun + (dinf * (1.0 - absc1)) / absc1);
    put(x, 8 + j, boun + (dinf * (1.0 - absc2)) / absc2);
  }
  if (inf == 2) {
    for (let k = 0; k < 15; k++) put(x, 15 + k, -at(x, k));
  }
}

/** Apply the rule to the values at the abscissae of qk15iNodes and write out[0..3]. */
export function qk15i(inf: i32, a: f64, b: f64, fv: usize, out: usize): void {
  const centr = 0.5 * (a + b);
  const hlgth = 0.5 * (b - a);
  let fval1 = at(fv, 0);
  if (inf == 2) fval1 = fval1 + at(fv, 15);
  const fc = fval1 / centr / centr;
  let resg = at(WG, 7) * fc;
  let resk = at(WGK, 7) * fc;
  let resabs = Math.abs(resk);
  // Transformed values f(x(t))/t² first (two per lane pair under SIMD, the same
  // operations per lane), then the sums in dqk15i's order.
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const vc = f64x2.splat(centr);
    const vh = f64x2.splat(hlgth);
    for (; j + 1 < 7; j += 2) {
      const absc = f64x2.mul(vh, v128.load(XGK + (<usize>j << 3)));
      const absc1 = f64x2.sub(vc, absc);
      const absc2 = f64x2.add(vc, absc);
      let f1 = v128.load(fv + (<usize>(1 + j) << 3));
      let f2 = v128.load(fv + (<usize>(8 + j) << 3));
      if (inf == 2) {
        f1 = f64x2.add(f1, v128.load(fv + (<usize>(16 + j) << 3)));
        f2 = f64x2.add(f2, v128.load(fv + (<usize>(23 + j) << 3)));
      }
      v128.store(fv + (<usize>(1 + j) << 3), f64x2.div(f64x2.div(f1, absc1), absc1));
      v128.store(fv + (<usize>(8 + j) << 3), f64x2.div(f64x2.div(f2, absc2), absc2));
    }
  }
  for (; j < 7; j++) {
    const absc = hlgth * at(XGK, j);
    const absc1 = centr - absc;
    const absc2 = centr + absc;
    let f1 = at(fv, 1 + j);
    let f2 = at(fv, 8 + j);
    if (inf == 2) {
      f1 = f1 + at(fv, 16 + j);
      f2 = f2 + at(fv, 23 + j);
    }
    put(fv, 1 + j, f1 / absc1 / absc1);
    put(fv, 8 + j, f2 / absc2 / absc2);
  }
  for (let k = 0; k < 7; k++) {
    const f1 = at(fv, 1 + k);
    const f2 = at(fv, 8 + k);
    const fsum = f1 + f2;
    resg += at(WG, k) * fsum;
    resk += at(WGK, k) * fsum;
    resabs += at(WGK, k) * (Math.abs(f1) + Math.abs(f2));
  }
  // hlgth > 0 here (a < b within (0, 1]), so the scaling by |hlgth| is dqk15i's by hlgth.
  qkFinish(out, WGK, 7, fv, fc, resk, resg, resabs, hlgth);
}

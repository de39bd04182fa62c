/**
 * dhseqr: eigenvalues of an upper Hessenberg matrix by the Francis double-shift QR
 * algorithm, and with wantt != 0 the real Schur form T = Zᵀ H Z with the transformations
 * accumulated into Z (EISPACK hqr / hqr2 iteration, LAPACK dlahqr's role).
 *
 * `h` is the row-major n x n Hessenberg matrix (zero below the subdiagonal); rows and
 * columns outside low..high are already triangular (dgebal). wr/wi receive the
 * eigenvalues: complex-conjugate pairs adjacent with the positive imaginary part first.
 * With wantt != 0, h is overwritten by the quasi-triangular T (full, so that dtrevc can
 * back-substitute) and the transformations are applied to the rows of Z held in the
 * interleaved pair layout at `x` (`npairs` pairs), batched through `stream` (capacity
 * `cap` doubles, see planes.ts). With wantt == 0 only the active window is updated.
 *
 * aedWs/aedW: scratch (aedScratchSize(n, aedW) doubles) and window size for aggressive
 * early deflation on active blocks of AED_MIN or more; aedW = 0 turns it off.
 * `maxit` is the total number of QR iterations allowed (EISPACK allows 30 n). Returns 0
 * on success, or en + 1 > 0 when the budget ran out with eigenvalues 0..en unconverged.
 *
 * References: Francis, "The QR transformation" I-II, Computer J. 4 (1961-62); Martin,
 * Peters & Wilkinson, "The QR algorithm for real Hessenberg matrices", Numer. Math. 14
 * (1970), in Wilkinson & Reinsch, Handbook II/14 (hqr, hqr2); Golub & Van Loan, Matrix
 * Computations (4th ed.) §7.5.
 */
import { PLANE_DENSE, PLANE_FRANCIS, PLANE_ROT, applyPlanesWide, planeRecordSize } from "./planes";
import { aed, aedShifts } from "./dlaqr2";

const EPS: f64 = 2.220446049250313e-16;
/** Active blocks at least this large try aggressive early deflation (dlaqr2) first. */
const AED_MIN: i32 = 64;
/** Iterations on one eigenvalue between exceptional shifts. */
const EXCEPTIONAL_EVERY: i32 = 10;

@inline function at(a: usize, i: i32, j: i32, n: i32): usize {
  return a + ((<usize>i * <usize>n + <usize>j) << 3);
}
@inline function H(a: usize, i: i32, j: i32, n: i32): f64 {
  return load<f64>(at(a, i, j, n));
}
@inline function setH(a: usize, i: i32, j: i32, n: i32, v: f64): void {
  store<f64>(at(a, i, j, n), v);
}

export function dhseqr(
  n: i32, low: i32, high: i32, h: usize, wr: usize, wi: usize, wantt: i32,
  x: usize, npairs: i32, stream: usize, cap: i32, maxit: i32, aedWs: usize, aedW: i32,
): i32 {
  let aedArmed = true;
  let used: i32 = 0;
  let budget = maxit;
  let norm: f64 = 0;
  for (let i = 0; i < n; i++) {
    if (i < low || i > high) {
      store<f64>(wr + ((<usize>i) << 3), H(h, i, i, n));
      store<f64>(wi + ((<usize>i) << 3), 0.0);
    }
    for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(H(h, i, j, n));
  }
  let en = high;
  let iter = 0;
  let exshift: f64 = 0;
  let p: f64 = 0, q: f64 = 0, r: f64 = 0, s: f64 = 0, z: f64 = 0, w: f64 = 0, xx: f64 = 0, y: f64 = 0;
  while (en >= low) {
    // a single small subdiagonal element splits off the active window l..en
    let l = en;
    while (l > low) {
      s = Math.abs(H(h, l - 1, l - 1, n)) + Math.abs(H(h, l, l, n));
      if (s == 0) s = norm;
      if (Math.abs(H(h, l, l - 1, n)) < EPS * s) break;
      l--;
    }
    if (l == en) {
      // one root
      const v = H(h, en, en, n) + exshift;
      setH(h, en, en, n, v);
      store<f64>(wr + ((<usize>en) << 3), v);
      store<f64>(wi + ((<usize>en) << 3), 0.0);
      en--;
      iter = 0;
      aedArmed = true;
      continue;
    }
    if (l == en - 1) {
      // two roots: a real pair or a complex-conjugate pair from the trailing 2x2 block
      w = H(h, en, en - 1, n) * H(h, en - 1, en, n);
      p = (H(h, en - 1, en - 1, n) - H(h, en, en, n)) / 2.0;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      setH(h, en, en, n, H(h, en, en, n) + exshift);
      setH(h, en - 1, en - 1, n, H(h, en - 1, en - 1, n) + exshift);
      xx = H(h, en, en, n);
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        const a = xx + z;
        store<f64>(wr + ((<usize>(en - 1)) << 3), a);
        store<f64>(wr + ((<usize>en) << 3), z != 0 ? xx - w / z : a);
        store<f64>(wi + ((<usize>(en - 1)) << 3), 0.0);
        store<f64>(wi + ((<usize>en) << 3), 0.0);
        if (wantt != 0) {
          // rotate the block to upper triangular form
          xx = H(h, en, en - 1, n);
          s = Math.abs(xx) + Math.abs(z);
          p = xx / s;
          q = z / s;
          r = Math.sqrt(p * p + q * q);
          p /= r;
          q /= r;
          for (let j = en - 1; j < n; j++) {
            const t = H(h, en - 1, j, n);
            setH(h, en - 1, j, n, q * t + p * H(h, en, j, n));
            setH(h, en, j, n, q * H(h, en, j, n) - p * t);
          }
          for (let i = 0; i <= en; i++) {
            const t = H(h, i, en - 1, n);
            setH(h, i, en - 1, n, q * t + p * H(h, i, en, n));
            setH(h, i, en, n, q * H(h, i, en, n) - p * t);
          }
          const need = planeRecordSize(PLANE_ROT, en - 1, en);
          if (used + need > cap) {
            applyPlanesWide(stream, used, x, npairs, n);
            used = 0;
          }
          const rec = stream + ((<usize>used) << 3);
          store<f64>(rec, <f64>PLANE_ROT);
          store<f64>(rec + 8, <f64>(en - 1));
          store<f64>(rec + 16, <f64>en);
          store<f64>(rec + 24, q);
          store<f64>(rec + 32, p);
          used += need;
        }
      } else {
        store<f64>(wr + ((<usize>(en - 1)) << 3), xx + p);
        store<f64>(wr + ((<usize>en) << 3), xx + p);
        store<f64>(wi + ((<usize>(en - 1)) << 3), z);
        store<f64>(wi + ((<usize>en) << 3), -z);
      }
      en -= 2;
      iter = 0;
      aedArmed = true;
      continue;
    }

    // aggressive early deflation on a trailing window; disarmed until the next ordinary
    // deflation so that it cannot repeat without progress
    let suggested = false;
    if (aedW > 0 && aedArmed && en - l + 1 >= AED_MIN) {
      aedArmed = false;
      const w = aedW < en - l ? aedW : en - l;
      const nd = aed(n, h, l, en, wantt, aedWs, w);
      suggested = nd == 0;
      if (nd > 0) {
        if (wantt != 0) {
          const kw = en - w + 1;
          const need = planeRecordSize(PLANE_DENSE, kw, en);
          if (used + need > cap) {
            applyPlanesWide(stream, used, x, npairs, n);
            used = 0;
          }
          const rec = stream + ((<usize>used) << 3);
          store<f64>(rec, <f64>PLANE_DENSE);
          store<f64>(rec + 8, <f64>kw);
          store<f64>(rec + 16, <f64>en);
          memory.copy(rec + 24, aedWs, (<usize>(w * w)) << 3);
          used += need;
        }
        continue;
      }
    }

    // no convergence yet: one more double-shift QR step on rows/columns l..en
    if (budget <= 0) {
      if (wantt != 0 && used > 0) applyPlanesWide(stream, used, x, npairs, n);
      return en + 1;
    }
    budget--;
    xx = H(h, en, en, n);
    y = H(h, en - 1, en - 1, n);
    w = H(h, en, en - 1, n) * H(h, en - 1, en, n);
    if (suggested && !(iter > 0 && iter % EXCEPTIONAL_EVERY == 0)) {
      const sug = aedShifts(aedWs, n, aedW < en - l ? aedW : en - l);
      xx = load<f64>(sug);
      y = load<f64>(sug + 8);
      w = load<f64>(sug + 16);
    } else if (iter > 0 && iter % EXCEPTIONAL_EVERY == 0) {
      if ((iter / EXCEPTIONAL_EVERY) % 2 == 1) {
        // Wilkinson's ad hoc shift (EISPACK hqr)
        exshift += xx;
        for (let i = low; i <= en; i++) setH(h, i, i, n, H(h, i, i, n) - xx);
        s = Math.abs(H(h, en, en - 1, n)) + Math.abs(H(h, en - 1, en - 2, n));
        xx = 0.75 * s;
        y = xx;
        w = -0.4375 * s * s;
      } else {
        // the shift MATLAB uses after 30 iterations (as in JAMA)
        s = (y - xx) / 2.0;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < xx) s = -s;
          s = xx - w / ((y - xx) / 2.0 + s);
          for (let i = low; i <= en; i++) setH(h, i, i, n, H(h, i, i, n) - s);
          exshift += s;
          xx = 0.964;
          y = xx;
          w = xx;
        }
      }
    }
    iter++;
    // two consecutive small subdiagonal elements: start the bulge at m
    let m = en - 2;
    while (m >= l) {
      z = H(h, m, m, n);
      r = xx - z;
      s = y - z;
      p = (r * s - w) / H(h, m + 1, m, n) + H(h, m, m + 1, n);
      q = H(h, m + 1, m + 1, n) - z - r - s;
      r = H(h, m + 2, m + 1, n);
      s = Math.abs(p) + Math.abs(q) + Math.abs(r);
      if (s == 0) s = 1;
      p /= s;
      q /= s;
      r /= s;
      if (m == l) break;
      if (
        Math.abs(H(h, m, m - 1, n)) * (Math.abs(q) + Math.abs(r)) <
        EPS * (Math.abs(p) * (Math.abs(H(h, m - 1, m - 1, n)) + Math.abs(z) + Math.abs(H(h, m + 1, m + 1, n))))
      ) break;
      m--;
    }
    for (let i = m + 2; i <= en; i++) {
      setH(h, i, i - 2, n, 0.0);
      if (i > m + 2) setH(h, i, i - 3, n, 0.0);
    }

    let cf: usize = 0;
    if (wantt != 0) {
      const need = planeRecordSize(PLANE_FRANCIS, m, en);
      if (used + need > cap) {
        applyPlanesWide(stream, used, x, npairs, n);
        used = 0;
      }
      const rec = stream + ((<usize>used) << 3);
      store<f64>(rec, <f64>PLANE_FRANCIS);
      store<f64>(rec + 8, <f64>m);
      store<f64>(rec + 16, <f64>en);
      cf = rec + 24;
      used += need;
    }
    const jEnd = wantt != 0 ? n - 1 : en;
    const iStart = wantt != 0 ? 0 : l;
    for (let k = m; k <= en - 1; k++) {
      const notlast = k != en - 1;
      let skip = false;
      if (k != m) {
        p = H(h, k, k - 1, n);
        q = H(h, k + 1, k - 1, n);
        r = notlast ? H(h, k + 2, k - 1, n) : 0.0;
        xx = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (xx == 0) {
          skip = true;
        } else {
          p /= xx;
          q /= xx;
          r /= xx;
        }
      }
      if (!skip) {
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s == 0) skip = true;
      }
      if (skip) {
        if (wantt != 0) {
          for (let t = 0; t < 5; t++) store<f64>(cf + ((<usize>t) << 3), 0.0);
          cf += 40;
        }
        continue;
      }
      if (k != m) setH(h, k, k - 1, n, -s * xx);
      else if (l != m) setH(h, k, k - 1, n, -H(h, k, k - 1, n));
      p = p + s;
      xx = p / s;
      y = q / s;
      z = r / s;
      q = q / p;
      r = r / p;
      // rows k..k+2, columns k..jEnd (contiguous)
      rowReflect(at(h, k, k, n), n, jEnd - k + 1, notlast, xx, y, z, q, r);
      // columns k..k+2, rows iStart..min(en, k+3) (strided)
      const iEnd = en < k + 3 ? en : k + 3;
      for (let i = iStart; i <= iEnd; i++) {
        const o = at(h, i, k, n);
        const a0 = load<f64>(o);
        const a1 = load<f64>(o + 8);
        if (notlast) {
          const a2 = load<f64>(o + 16);
          const pp = xx * a0 + y * a1 + z * a2;
          store<f64>(o + 16, a2 - pp * r);
          store<f64>(o, a0 - pp);
          store<f64>(o + 8, a1 - pp * q);
        } else {
          const pp = xx * a0 + y * a1;
          store<f64>(o, a0 - pp);
          store<f64>(o + 8, a1 - pp * q);
        }
      }
      if (wantt != 0) {
        store<f64>(cf, xx);
        store<f64>(cf + 8, y);
        store<f64>(cf + 16, notlast ? z : 0.0);
        store<f64>(cf + 24, q);
        store<f64>(cf + 32, notlast ? r : 0.0);
        cf += 40;
      }
    }
  }
  if (wantt != 0 && used > 0) applyPlanesWide(stream, used, x, npairs, n);
  return 0;
}

/**
 * Apply the reflector (x, y, z; q, r) to rows k, k+1 (and k+2 when notlast) of H over
 * `len` contiguous columns starting at r0 (row stride n).
 */
function rowReflect(r0: usize, n: i32, len: i32, notlast: bool, x: f64, y: f64, z: f64, q: f64, r: f64): void {
  const r1 = r0 + ((<usize>n) << 3);
  const r2 = r1 + ((<usize>n) << 3);
  let j = 0;
  if (notlast) {
    if (ASC_FEATURE_SIMD) {
      const x2 = f64x2.splat(x);
      const y2 = f64x2.splat(y);
      const z2 = f64x2.splat(z);
      const q2 = f64x2.splat(q);
      const rr = f64x2.splat(r);
      for (; j + 1 < len; j += 2) {
        const o = (<usize>j) << 3;
        const a0 = v128.load(r0 + o);
        const a1 = v128.load(r1 + o);
        const a2 = v128.load(r2 + o);
        const pp = f64x2.add(f64x2.add(a0, f64x2.mul(q2, a1)), f64x2.mul(rr, a2));
        v128.store(r2 + o, f64x2.sub(a2, f64x2.mul(pp, z2)));
        v128.store(r0 + o, f64x2.sub(a0, f64x2.mul(pp, x2)));
        v128.store(r1 + o, f64x2.sub(a1, f64x2.mul(pp, y2)));
      }
    }
    for (; j < len; j++) {
      const o = (<usize>j) << 3;
      const a0 = load<f64>(r0 + o);
      const a1 = load<f64>(r1 + o);
      const a2 = load<f64>(r2 + o);
      const pp = a0 + q * a1 + r * a2;
      store<f64>(r2 + o, a2 - pp * z);
      store<f64>(r0 + o, a0 - pp * x);
      store<f64>(r1 + o, a1 - pp * y);
    }
  } else {
    if (ASC_FEATURE_SIMD) {
      const x2 = f64x2.splat(x);
      const y2 = f64x2.splat(y);
      const q2 = f64x2.splat(q);
      for (; j + 1 < len; j += 2) {
        const o = (<usize>j) << 3;
        const a0 = v128.load(r0 + o);
        const a1 = v128.load(r1 + o);
        const pp = f64x2.add(a0, f64x2.mul(q2, a1));
        v128.store(r0 + o, f64x2.sub(a0, f64x2.mul(pp, x2)));
        v128.store(r1 + o, f64x2.sub(a1, f64x2.mul(pp, y2)));
      }
    }
    for (; j < len; j++) {
      const o = (<usize>j) << 3;
      const a0 = load<f64>(r0 + o);
      const a1 = load<f64>(r1 + o);
      const pp = a0 + q * a1;
      store<f64>(r0 + o, a0 - pp * x);
      store<f64>(r1 + o, a1 - pp * y);
    }
  }
}

/**
 * dtrevc: right eigenvectors of a real upper quasi-triangular (Schur) matrix T by back
 * substitution, multiplied back by the Schur vectors Z (EISPACK hqr2's final part, LAPACK
 * dtrevc with HOWMNY = 'B').
 *
 * `t` is the row-major n x n Schur form from dhseqr (2x2 diagonal blocks for
 * complex-conjugate pairs), wr/wi its eigenvalues. For a real eigenvalue k column k of
 * the eigenvector matrix X of T is computed; for a pair (k, k+1) with wi[k] > 0 columns k
 * and k+1 hold the real and imaginary parts of the eigenvector of wr[k] + i wi[k].
 * X overwrites the upper triangle of `t` (column by column, from the last). Then the rows
 * low..high of `z` (row-major n x n) become Z X, the eigenvectors of the balanced matrix;
 * rows outside low..high take X's rows (isolated eigenvalues).
 *
 * Scratch: xr, xi (n doubles each), out (4 n doubles), c2 (2 doubles).
 * Singular 2x2 solves are perturbed to eps·‖T‖ as in hqr2, and components growing beyond
 * 1/sqrt(eps) are rescaled, so nothing overflows.
 *
 * References: Peters & Wilkinson, "Eigenvectors of real and complex matrices by LR and QR
 * triangularizations", Numer. Math. 16 (1970), in Wilkinson & Reinsch, Handbook II/15;
 * Golub & Van Loan, Matrix Computations (4th ed.) §7.6.4; LAPACK Users' Guide (dtrevc).
 */

const EPS: f64 = 2.220446049250313e-16;

@inline function at(a: usize, i: i32, j: i32, n: i32): usize {
  return a + ((<usize>i * <usize>n + <usize>j) << 3);
}
@inline function T(a: usize, i: i32, j: i32, n: i32): f64 {
  return load<f64>(at(a, i, j, n));
}
@inline function g(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}
@inline function s(p: usize, i: i32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

/** (ar + i ai) / (br + i bi) by Smith's algorithm, into c2[0], c2[1]. */
function cdiv(ar: f64, ai: f64, br: f64, bi: f64, c2: usize): void {
  if (Math.abs(br) > Math.abs(bi)) {
    const r = bi / br;
    const d = br + r * bi;
    store<f64>(c2, (ar + r * ai) / d);
    store<f64>(c2 + 8, (ai - r * ar) / d);
  } else {
    const r = br / bi;
    const d = bi + r * br;
    store<f64>(c2, (r * ar + ai) / d);
    store<f64>(c2 + 8, (r * ai - ar) / d);
  }
}

function dot(m: i32, x: usize, y: usize): f64 {
  let acc: f64 = 0;
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    let a2 = f64x2.splat(0);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      a2 = f64x2.add(a2, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    }
    acc = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1);
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    acc += load<f64>(x + o) * load<f64>(y + o);
  }
  return acc;
}

export function dtrevc(
  n: i32, low: i32, high: i32, t: usize, wr: usize, wi: usize, z: usize,
  xr: usize, xi: usize, out: usize, c2: usize,
): void {
  let norm: f64 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i > 0 ? i - 1 : 0; j < n; j++) norm += Math.abs(T(t, i, j, n));
  }
  if (norm == 0) return;
  let zz: f64 = 0, rr: f64 = 0, ss: f64 = 0;
  for (let en = n - 1; en >= 0; en--) {
    const p = g(wr, en);
    const q = g(wi, en);
    if (q == 0) {
      let l = en;
      s(xr, en, 1.0);
      for (let i = en - 1; i >= 0; i--) {
        const w = T(t, i, i, n) - p;
        const r = dot(en - l + 1, at(t, i, l, n), xr + ((<usize>l) << 3));
        const wii = g(wi, i);
        if (wii < 0) {
          zz = w;
          ss = r;
          continue;
        }
        l = i;
        if (wii == 0) {
          s(xr, i, w != 0 ? -r / w : -r / (EPS * norm));
        } else {
          const x = T(t, i, i + 1, n);
          const y = T(t, i + 1, i, n);
          const dr = g(wr, i) - p;
          const qq = dr * dr + wii * wii;
          const tt = (x * ss - zz * r) / qq;
          s(xr, i, tt);
          s(xr, i + 1, Math.abs(x) > Math.abs(zz) ? (-r - w * tt) / x : (-ss - y * tt) / zz);
        }
        const big = Math.abs(g(xr, i));
        if (EPS * big * big > 1) {
          for (let j = i; j <= en; j++) s(xr, j, g(xr, j) / big);
        }
      }
      for (let i = 0; i <= en; i++) store<f64>(at(t, i, en, n), g(xr, i));
    } else if (q < 0) {
      let l = en - 1;
      if (Math.abs(T(t, en, en - 1, n)) > Math.abs(T(t, en - 1, en, n))) {
        s(xr, en - 1, q / T(t, en, en - 1, n));
        s(xi, en - 1, -(T(t, en, en, n) - p) / T(t, en, en - 1, n));
      } else {
        cdiv(0.0, -T(t, en - 1, en, n), T(t, en - 1, en - 1, n) - p, q, c2);
        s(xr, en - 1, load<f64>(c2));
        s(xi, en - 1, load<f64>(c2 + 8));
      }
      s(xr, en, 0.0);
      s(xi, en, 1.0);
      for (let i = en - 2; i >= 0; i--) {
        const len = en - l + 1;
        const ra = dot(len, at(t, i, l, n), xr + ((<usize>l) << 3));
        const sa = dot(len, at(t, i, l, n), xi + ((<usize>l) << 3));
        const w = T(t, i, i, n) - p;
        const wii = g(wi, i);
        if (wii < 0) {
          zz = w;
          rr = ra;
          ss = sa;
          continue;
        }
        l = i;
        if (wii == 0) {
          cdiv(-ra, -sa, w, q, c2);
          s(xr, i, load<f64>(c2));
          s(xi, i, load<f64>(c2 + 8));
        } else {
          const x = T(t, i, i + 1, n);
          const y = T(t, i + 1, i, n);
          const dr = g(wr, i) - p;
          let vr = dr * dr + wii * wii - q * q;
          const vi = dr * 2.0 * q;
          if (vr == 0 && vi == 0) {
            vr = EPS * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(zz));
          }
          cdiv(x * rr - zz * ra + q * sa, x * ss - zz * sa - q * ra, vr, vi, c2);
          const ur = load<f64>(c2);
          const ui = load<f64>(c2 + 8);
          s(xr, i, ur);
          s(xi, i, ui);
          if (Math.abs(x) > Math.abs(zz) + Math.abs(q)) {
            s(xr, i + 1, (-ra - w * ur + q * ui) / x);
            s(xi, i + 1, (-sa - w * ui - q * ur) / x);
          } else {
            cdiv(-rr - y * ur, -ss - y * ui, zz, q, c2);
            s(xr, i + 1, load<f64>(c2));
            s(xi, i + 1, load<f64>(c2 + 8));
          }
        }
        const big = Math.max(Math.abs(g(xr, i)), Math.abs(g(xi, i)));
        if (EPS * big * big > 1) {
          for (let j = i; j <= en; j++) {
            s(xr, j, g(xr, j) / big);
            s(xi, j, g(xi, j) / big);
          }
        }
      }
      for (let i = 0; i <= en; i++) {
        store<f64>(at(t, i, en - 1, n), g(xr, i));
        store<f64>(at(t, i, en, n), g(xi, i));
      }
    }
  }

  // rows of isolated eigenvalues: Z is the identity there
  for (let i = 0; i < n; i++) {
    if (i >= low && i <= high) continue;
    for (let j = i; j < n; j++) store<f64>(at(z, i, j, n), T(t, i, j, n));
  }
  // Z X for rows low..high, four rows at a time so each row of X is loaded once per block
  const nb = n - low;
  const o1 = out + ((<usize>n) << 3);
  const o2 = o1 + ((<usize>n) << 3);
  const o3 = o2 + ((<usize>n) << 3);
  let i = low;
  for (; i + 3 <= high; i += 4) {
    for (let j = 0; j < nb; j++) {
      s(out, j, 0.0);
      s(o1, j, 0.0);
      s(o2, j, 0.0);
      s(o3, j, 0.0);
    }
    for (let k = low; k <= high; k++) {
      const off = (<usize>(k - low)) << 3;
      axpy4(
        n - k, at(t, k, k, n),
        T(z, i, k, n), T(z, i + 1, k, n), T(z, i + 2, k, n), T(z, i + 3, k, n),
        out + off, o1 + off, o2 + off, o3 + off,
      );
    }
    for (let j = 0; j < nb; j++) {
      store<f64>(at(z, i, low + j, n), g(out, j));
      store<f64>(at(z, i + 1, low + j, n), g(o1, j));
      store<f64>(at(z, i + 2, low + j, n), g(o2, j));
      store<f64>(at(z, i + 3, low + j, n), g(o3, j));
    }
  }
  for (; i <= high; i++) {
    for (let j = 0; j < nb; j++) s(out, j, 0.0);
    for (let k = low; k <= high; k++) {
      const a = T(z, i, k, n);
      const x = at(t, k, k, n);
      const y = out + ((<usize>(k - low)) << 3);
      const m = n - k;
      let j = 0;
      if (ASC_FEATURE_SIMD) {
        const a2 = f64x2.splat(a);
        for (; j + 1 < m; j += 2) {
          const o = (<usize>j) << 3;
          v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(a2, v128.load(x + o))));
        }
      }
      for (; j < m; j++) {
        const o = (<usize>j) << 3;
        store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
      }
    }
    for (let j = 0; j < nb; j++) store<f64>(at(z, i, low + j, n), g(out, j));
  }
}

/** y_r += a_r x (r = 0..3) over m contiguous doubles. */
function axpy4(m: i32, x: usize, a0: f64, a1: f64, a2: f64, a3: f64, y0: usize, y1: usize, y2: usize, y3: usize): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const b0 = f64x2.splat(a0);
    const b1 = f64x2.splat(a1);
    const b2 = f64x2.splat(a2);
    const b3 = f64x2.splat(a3);
    for (; j + 1 < m; j += 2) {
      const o = (<usize>j) << 3;
      const xv = v128.load(x + o);
      v128.store(y0 + o, f64x2.add(v128.load(y0 + o), f64x2.mul(b0, xv)));
      v128.store(y1 + o, f64x2.add(v128.load(y1 + o), f64x2.mul(b1, xv)));
      v128.store(y2 + o, f64x2.add(v128.load(y2 + o), f64x2.mul(b2, xv)));
      v128.store(y3 + o, f64x2.add(v128.load(y3 + o), f64x2.mul(b3, xv)));
    }
  }
  for (; j < m; j++) {
    const o = (<usize>j) << 3;
    const xv = load<f64>(x + o);
    store<f64>(y0 + o, load<f64>(y0 + o) + a0 * xv);
    store<f64>(y1 + o, load<f64>(y1 + o) + a1 * xv);
    store<f64>(y2 + o, load<f64>(y2 + o) + a2 * xv);
    store<f64>(y3 + o, load<f64>(y3 + o) + a3 * xv);
  }
}

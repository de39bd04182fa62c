/**
 * dgehrd: orthogonal reduction of rows/columns low..high of a general real matrix to upper
 * Hessenberg form by Householder similarity transformations (EISPACK orthes), and the
 * explicit accumulated transformation (EISPACK ortran) when wanted.
 *
 * `a` is row-major n x n and is overwritten by the Hessenberg matrix H = Qᵀ A Q; entries
 * below the subdiagonal are set to zero. With v != 0 the row-major n x n matrix Q is
 * written at `v`. Scratch: `ort` (n doubles) and `f` (4n doubles).
 *
 * Both one-sided updates of every step run along rows: from the left, f = uᵀ A is
 * accumulated row by row and A -= u fᵀ/h; from the right, each row gets a dot product and
 * an axpy (f64x2 in the SIMD build).
 *
 * References: Martin & Wilkinson, "Similarity reduction of a general matrix to Hessenberg
 * form", Numer. Math. 12 (1968), in Wilkinson & Reinsch, Handbook II/13; Golub & Van
 * Loan, Matrix Computations (4th ed.) §7.4.3.
 */

import { reflect2 } from "./reflect2";

@inline function at(a: usize, i: i32, j: i32, n: i32): usize {
  return a + ((<usize>i * <usize>n + <usize>j) << 3);
}

function axpy(m: i32, alpha: f64, x: usize, y: usize): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const a2 = f64x2.splat(alpha);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(a2, v128.load(x + o))));
    }
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    store<f64>(y + o, load<f64>(y + o) + alpha * load<f64>(x + o));
  }
}

function dot(m: i32, x: usize, y: usize): f64 {
  let s: f64 = 0;
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      acc = f64x2.add(acc, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    }
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}

/**
 * The reflector of step m as a contiguous vector u[0..high-m] (u[0] = ort[m], the rest
 * from column m-1 below the subdiagonal) and its factor t = -1/(ort[m] A[m][m-1]) (0 when
 * the step was skipped; then u is left as zeros).
 */
function gather(n: i32, a: usize, ort: usize, m: i32, high: i32, u: usize): f64 {
  const len = high - m + 1;
  const hm = load<f64>(at(a, m, m - 1, n));
  if (hm == 0) {
    for (let i = 0; i < len; i++) store<f64>(u + ((<usize>i) << 3), 0.0);
    return 0;
  }
  const om = load<f64>(ort + ((<usize>m) << 3));
  store<f64>(u, om);
  for (let i = 1; i < len; i++) store<f64>(u + ((<usize>i) << 3), load<f64>(at(a, m + i, m - 1, n)));
  // two divisions rather than one by om*hm, which could underflow
  return -(1.0 / om / hm);
}

export function dgehrd(n: i32, low: i32, high: i32, a: usize, v: usize, ort: usize, f: usize): void {
  for (let m = low + 1; m <= high - 1; m++) {
    let scale: f64 = 0;
    for (let i = m; i <= high; i++) scale += Math.abs(load<f64>(at(a, i, m - 1, n)));
    if (scale == 0) {
      store<f64>(ort + ((<usize>m) << 3), 0.0);
      continue;
    }
    let h: f64 = 0;
    for (let i = high; i >= m; i--) {
      const o = load<f64>(at(a, i, m - 1, n)) / scale;
      store<f64>(ort + ((<usize>i) << 3), o);
      h += o * o;
    }
    const om = load<f64>(ort + ((<usize>m) << 3));
    const g = om > 0 ? -Math.sqrt(h) : Math.sqrt(h);
    h -= om * g;
    store<f64>(ort + ((<usize>m) << 3), om - g);
    const u = ort + ((<usize>m) << 3);
    const len = high - m + 1;
    // from the left: rows m..high, columns m..n-1
    const cols = n - m;
    for (let j = 0; j < cols; j++) store<f64>(f + ((<usize>j) << 3), 0.0);
    for (let i = m; i <= high; i++) axpy(cols, load<f64>(ort + ((<usize>i) << 3)), at(a, i, m, n), f);
    // rows m..high: the left update and then, while the row is in L1, the right one
    for (let i = m; i <= high; i++) {
      const row = at(a, i, m, n);
      axpy(cols, -load<f64>(ort + ((<usize>i) << 3)) / h, f, row);
      const s = dot(len, u, row) / h;
      axpy(len, -s, u, row);
    }
    // from the right on rows 0..m-1, columns m..high
    for (let i = 0; i < m; i++) {
      const row = at(a, i, m, n);
      const s = dot(len, u, row) / h;
      axpy(len, -s, u, row);
    }
    store<f64>(ort + ((<usize>m) << 3), scale * load<f64>(ort + ((<usize>m) << 3)));
    store<f64>(at(a, m, m - 1, n), scale * g);
  }

  if (v != 0) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) store<f64>(at(v, i, j, n), i == j ? 1.0 : 0.0);
    }
    // Q <- P_m Q for m = high-1 down to low+1 with P_m = I - t_m u uᵀ, u = (ort[m],
    // A[m+1..high][m-1]) and t_m = -1/(ort[m] A[m][m-1]); two at a time (reflect2)
    const w1 = f;
    const w2 = f + ((<usize>n) << 3);
    const ua = w2 + ((<usize>n) << 3);
    const ub = ua + ((<usize>n) << 3);
    let m = high - 1;
    for (; m >= low + 2; m -= 2) {
      const t2 = gather(n, a, ort, m, high, ub);
      const t1 = gather(n, a, ort, m - 1, high, ua);
      reflect2(high - m + 2, at(v, m - 1, m - 1, n), n, ua, t1, ub, t2, w1, w2);
    }
    if (m == low + 1) {
      const t = gather(n, a, ort, m, high, ua);
      if (t != 0) {
        const len = high - m + 1;
        for (let j = 0; j < len; j++) store<f64>(w1 + ((<usize>j) << 3), 0.0);
        for (let i = 0; i < len; i++) axpy(len, load<f64>(ua + ((<usize>i) << 3)), at(v, m + i, m, n), w1);
        for (let i = 0; i < len; i++) axpy(len, -t * load<f64>(ua + ((<usize>i) << 3)), w1, at(v, m + i, m, n));
      }
    }
  }
  for (let i = 2; i < n; i++) {
    for (let j = 0; j < i - 1; j++) store<f64>(at(a, i, j, n), 0.0);
  }
}

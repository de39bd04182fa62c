/**
 * dsytrd: Householder reduction of a real symmetric matrix to tridiagonal form,
 * T = Qᵀ A Q, reading and updating only the lower triangle of the row-major n x n matrix
 * at `a` (the symmetric "lower" variant of LAPACK dsytd2 / EISPACK tred2).
 *
 * Step i builds the reflector H_i = I - tau_i u uᵀ with u = (0,...,0, 1, v_1..v_{m-1})
 * (1 at position i+1, m = n-1-i) that annihilates A[i+2.., i], then applies it to the
 * trailing block from both sides as the symmetric rank-2 update A22 -= u wᵀ + w uᵀ with
 * w = tau A22 u - (tau²/2)(uᵀ A22 u) u. Rows of the lower triangle are contiguous, so both
 * the matrix-vector product and the rank-2 update run along rows (f64x2 in the SIMD build).
 *
 * Overwrites: the lower triangle of `a` (destroyed); row i's strictly upper part
 * a[i][i+1..n-1] receives u (u_0 = 1 stored explicitly), which dorgtr reads back.
 * Writes d[0..n-1] (diagonal of T), e[0..n-2] (subdiagonal: e[i] couples i and i+1),
 * tau[0..n-2]. `p` is n doubles of scratch.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §8.3.1; Wilkinson & Reinsch,
 * Handbook for Automatic Computation II, contribution II/2 (tred2); LAPACK Users' Guide
 * (dsytrd, dlarfg).
 */

@inline function at(a: usize, i: i32, j: i32, n: i32): usize {
  return a + ((<usize>i * <usize>n + <usize>j) << 3);
}

export function dsytrd(n: i32, a: usize, d: usize, e: usize, tau: usize, p: usize): void {
  for (let i = 0; i < n - 1; i++) {
    const m = n - 1 - i;
    const alpha = load<f64>(at(a, i + 1, i, n));
    // ‖x[1..]‖ with a scale so that huge entries cannot overflow the sum of squares
    let big: f64 = 0;
    for (let k = 1; k < m; k++) big = Math.max(big, Math.abs(load<f64>(at(a, i + 1 + k, i, n))));
    let xnorm: f64 = 0;
    if (big > 0) {
      let ssq: f64 = 0;
      for (let k = 1; k < m; k++) {
        const t = load<f64>(at(a, i + 1 + k, i, n)) / big;
        ssq += t * t;
      }
      xnorm = big * Math.sqrt(ssq);
    }
    const v = at(a, i, i + 1, n);
    let t: f64 = 0;
    if (xnorm == 0) {
      store<f64>(e + ((<usize>i) << 3), alpha);
      store<f64>(v, 1.0);
      for (let k = 1; k < m; k++) store<f64>(v + ((<usize>k) << 3), 0.0);
    } else {
      const h = Math.hypot(alpha, xnorm);
      const beta = alpha >= 0 ? -h : h;
      t = (beta - alpha) / beta;
      const sc = 1.0 / (alpha - beta);
      store<f64>(v, 1.0);
      for (let k = 1; k < m; k++) store<f64>(v + ((<usize>k) << 3), load<f64>(at(a, i + 1 + k, i, n)) * sc);
      store<f64>(e + ((<usize>i) << 3), beta);
      const a22 = at(a, i + 1, i + 1, n);
      symvLower(m, a22, n, v, p);
      let vp: f64 = 0;
      for (let k = 0; k < m; k++) {
        const pk = load<f64>(p + ((<usize>k) << 3)) * t;
        store<f64>(p + ((<usize>k) << 3), pk);
        vp += pk * load<f64>(v + ((<usize>k) << 3));
      }
      const alpha2 = -0.5 * t * vp;
      for (let k = 0; k < m; k++) {
        const o = (<usize>k) << 3;
        store<f64>(p + o, load<f64>(p + o) + alpha2 * load<f64>(v + o));
      }
      syr2Lower(m, a22, n, v, p);
    }
    store<f64>(tau + ((<usize>i) << 3), t);
    store<f64>(d + ((<usize>i) << 3), load<f64>(at(a, i, i, n)));
  }
  if (n > 0) store<f64>(d + ((<usize>(n - 1)) << 3), load<f64>(at(a, n - 1, n - 1, n)));
}

/** y = S v for the symmetric m x m matrix S whose lower triangle is at s (leading dim ld). */
function symvLower(m: i32, s: usize, ld: i32, v: usize, y: usize): void {
  for (let k = 0; k < m; k++) store<f64>(y + ((<usize>k) << 3), 0.0);
  for (let r = 0; r < m; r++) {
    const row = s + ((<usize>r * <usize>ld) << 3);
    const vr = load<f64>(v + ((<usize>r) << 3));
    let acc: f64 = 0;
    let c = 0;
    if (ASC_FEATURE_SIMD) {
      let acc2 = f64x2.splat(0);
      const vr2 = f64x2.splat(vr);
      for (; c + 1 < r; c += 2) {
        const o = (<usize>c) << 3;
        const av = v128.load(row + o);
        acc2 = f64x2.add(acc2, f64x2.mul(av, v128.load(v + o)));
        v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, vr2)));
      }
      acc = f64x2.extract_lane(acc2, 0) + f64x2.extract_lane(acc2, 1);
    }
    for (; c < r; c++) {
      const o = (<usize>c) << 3;
      const av = load<f64>(row + o);
      acc += av * load<f64>(v + o);
      store<f64>(y + o, load<f64>(y + o) + av * vr);
    }
    const o = (<usize>r) << 3;
    store<f64>(y + o, load<f64>(y + o) + acc + load<f64>(row + o) * vr);
  }
}

/** S -= v wᵀ + w vᵀ on the lower triangle of the m x m matrix at s (leading dim ld). */
function syr2Lower(m: i32, s: usize, ld: i32, v: usize, w: usize): void {
  for (let r = 0; r < m; r++) {
    const row = s + ((<usize>r * <usize>ld) << 3);
    const vr = load<f64>(v + ((<usize>r) << 3));
    const wr = load<f64>(w + ((<usize>r) << 3));
    let c = 0;
    if (ASC_FEATURE_SIMD) {
      const vr2 = f64x2.splat(vr);
      const wr2 = f64x2.splat(wr);
      for (; c + 1 <= r; c += 2) {
        const o = (<usize>c) << 3;
        const upd = f64x2.add(f64x2.mul(vr2, v128.load(w + o)), f64x2.mul(wr2, v128.load(v + o)));
        v128.store(row + o, f64x2.sub(v128.load(row + o), upd));
      }
    }
    for (; c <= r; c++) {
      const o = (<usize>c) << 3;
      store<f64>(row + o, load<f64>(row + o) - (vr * load<f64>(w + o) + wr * load<f64>(v + o)));
    }
  }
}

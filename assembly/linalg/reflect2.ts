/**
 * reflect2: backward accumulation of two Householder reflectors at once,
 * Q <- (I - t1 u1 u1ᵀ)(I - t2 u2 u2ᵀ) Q on an M x M block of a row-major matrix, where u2
 * has a zero first component (u2 is stored from the block's second row on).
 *
 * With w2 = u2ᵀ Q and w1 = u1ᵀ Q the product is Q - t2 u2 w2ᵀ - t1 u1 (w1 - t2 (u1·u2) w2)ᵀ,
 * so one pass over the rows accumulates both w1 and w2 and a second pass applies both
 * rank-1 updates: half the memory traffic of two separate reflectors, the same flops
 * (the idea of the compact WY representation, Schreiber & Van Loan 1989, for k = 2).
 *
 * blk: the block's top-left element (leading dimension ld); u1: M doubles; u2: M-1 doubles
 * (components 1..M-1); w1, w2: M doubles of scratch each.
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §5.1.7; Schreiber & Van
 * Loan, "A storage-efficient WY representation for products of Householder
 * transformations", SIAM J. Sci. Stat. Comput. 10 (1989).
 */
export function reflect2(
  M: i32, blk: usize, ld: i32, u1: usize, t1: f64, u2: usize, t2: f64, w1: usize, w2: usize,
): void {
  const ldb = (<usize>ld) << 3;
  for (let c = 0; c < M; c++) {
    store<f64>(w1 + ((<usize>c) << 3), 0.0);
    store<f64>(w2 + ((<usize>c) << 3), 0.0);
  }
  axpy1(M, load<f64>(u1), blk, w1);
  let u12: f64 = 0;
  for (let r = 1; r < M; r++) {
    const a = load<f64>(u1 + ((<usize>r) << 3));
    const b = load<f64>(u2 + ((<usize>(r - 1)) << 3));
    u12 += a * b;
    axpy2(M, a, b, blk + <usize>r * ldb, w1, w2);
  }
  // w1 <- t1 (w1 - t2 (u1·u2) w2), w2 <- t2 w2
  const f = t2 * u12;
  for (let c = 0; c < M; c++) {
    const o = (<usize>c) << 3;
    const b = load<f64>(w2 + o);
    store<f64>(w1 + o, t1 * (load<f64>(w1 + o) - f * b));
    store<f64>(w2 + o, t2 * b);
  }
  axpy1(M, -load<f64>(u1), w1, blk);
  for (let r = 1; r < M; r++) {
    const a = -load<f64>(u1 + ((<usize>r) << 3));
    const b = -load<f64>(u2 + ((<usize>(r - 1)) << 3));
    axpy2to(M, a, b, w1, w2, blk + <usize>r * ldb);
  }
}

/** y += a x. */
function axpy1(m: i32, a: f64, x: usize, y: usize): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const a2 = f64x2.splat(a);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(a2, v128.load(x + o))));
    }
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** y1 += a x, y2 += b x (x loaded once). */
function axpy2(m: i32, a: f64, b: f64, x: usize, y1: usize, y2: usize): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const a2 = f64x2.splat(a);
    const b2 = f64x2.splat(b);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      const xv = v128.load(x + o);
      v128.store(y1 + o, f64x2.add(v128.load(y1 + o), f64x2.mul(a2, xv)));
      v128.store(y2 + o, f64x2.add(v128.load(y2 + o), f64x2.mul(b2, xv)));
    }
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    const xv = load<f64>(x + o);
    store<f64>(y1 + o, load<f64>(y1 + o) + a * xv);
    store<f64>(y2 + o, load<f64>(y2 + o) + b * xv);
  }
}

/** y += a x1 + b x2 (y loaded and stored once). */
function axpy2to(m: i32, a: f64, b: f64, x1: usize, x2: usize, y: usize): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const a2 = f64x2.splat(a);
    const b2 = f64x2.splat(b);
    for (; c + 1 < m; c += 2) {
      const o = (<usize>c) << 3;
      const upd = f64x2.add(f64x2.mul(a2, v128.load(x1 + o)), f64x2.mul(b2, v128.load(x2 + o)));
      v128.store(y + o, f64x2.add(v128.load(y + o), upd));
    }
  }
  for (; c < m; c++) {
    const o = (<usize>c) << 3;
    store<f64>(y + o, load<f64>(y + o) + (a * load<f64>(x1 + o) + b * load<f64>(x2 + o)));
  }
}

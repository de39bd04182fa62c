/**
 * dgebal: balance a general real matrix before computing its eigenvalues (EISPACK balanc,
 * the Parlett–Reinsch algorithm as LAPACK dgebal with job 'B').
 *
 * First rows and columns that isolate an eigenvalue are permuted to the bottom and the
 * top, leaving the block low..high; then a diagonal similarity D⁻¹ A D with powers of 2
 * (exact in floating point) is iterated until each row and column of the block have
 * comparable 2-norms (diagonal included, as LAPACK 3.5+ does; EISPACK used 1-norms
 * without the diagonal, which over-scales rows whose diagonal dominates). Eigenvalues are unchanged; eigenvectors are recovered by dgebak.
 *
 * Overwrites the row-major n x n matrix at `a`. Writes `scale[0..n-1]` (for j outside
 * low..high the index j was exchanged with; inside, the scaling factor) and
 * lohi[0] = low, lohi[1] = high (i32).
 *
 * References: Parlett & Reinsch, "Balancing a matrix for calculation of eigenvalues and
 * eigenvectors", Numer. Math. 13 (1969), in Wilkinson & Reinsch, Handbook II/11;
 * LAPACK Users' Guide (dgebal).
 */

const RADIX: f64 = 2;
/** A row/column pair is rescaled only when that shrinks their norm sum below 95 %. */
const FACTOR: f64 = 0.95;
/** Scaling sweeps converge in a handful of passes; this only guards against cycling. */
const MAX_SWEEPS: i32 = 200;

const SFMIN1: f64 = 2.2250738585072014e-308 / 2.220446049250313e-16;
const SFMAX1: f64 = 1.0 / SFMIN1;
const SFMIN2: f64 = SFMIN1 * RADIX;
const SFMAX2: f64 = 1.0 / SFMIN2;

/** 2-norm of m doubles at stride `stride` bytes, scaled so that nothing overflows. */
function norm2(p: usize, m: i32, stride: usize): f64 {
  let big: f64 = 0;
  for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(load<f64>(p + <usize>i * stride)));
  if (big == 0) return 0;
  let ssq: f64 = 0;
  for (let i = 0; i < m; i++) {
    const t = load<f64>(p + <usize>i * stride) / big;
    ssq += t * t;
  }
  return big * Math.sqrt(ssq);
}

@inline function at(a: usize, i: i32, j: i32, n: i32): usize {
  return a + ((<usize>i * <usize>n + <usize>j) << 3);
}

function exchange(a: usize, n: i32, j: i32, m: i32, k: i32, l: i32): void {
  if (j == m) return;
  for (let i = 0; i <= l; i++) {
    const f = load<f64>(at(a, i, j, n));
    store<f64>(at(a, i, j, n), load<f64>(at(a, i, m, n)));
    store<f64>(at(a, i, m, n), f);
  }
  for (let i = k; i < n; i++) {
    const f = load<f64>(at(a, j, i, n));
    store<f64>(at(a, j, i, n), load<f64>(at(a, m, i, n)));
    store<f64>(at(a, m, i, n), f);
  }
}

export function dgebal(n: i32, a: usize, scale: usize, lohi: usize): void {
  let k = 0;
  let l = n - 1;
  // rows isolating an eigenvalue go to the bottom
  let found = true;
  while (found && l >= 0) {
    found = false;
    for (let j = l; j >= 0; j--) {
      let zero = true;
      for (let i = 0; i <= l; i++) {
        if (i != j && load<f64>(at(a, j, i, n)) != 0) {
          zero = false;
          break;
        }
      }
      if (zero) {
        store<f64>(scale + ((<usize>l) << 3), <f64>j);
        exchange(a, n, j, l, k, l);
        if (l == 0) {
          store<i32>(lohi, 0);
          store<i32>(lohi + 4, 0);
          return;
        }
        l--;
        found = true;
        break;
      }
    }
  }
  // columns isolating an eigenvalue go to the left
  found = true;
  while (found) {
    found = false;
    for (let j = k; j <= l; j++) {
      let zero = true;
      for (let i = k; i <= l; i++) {
        if (i != j && load<f64>(at(a, i, j, n)) != 0) {
          zero = false;
          break;
        }
      }
      if (zero) {
        store<f64>(scale + ((<usize>k) << 3), <f64>j);
        exchange(a, n, j, k, k, l);
        k++;
        found = true;
        break;
      }
    }
  }
  for (let i = k; i <= l; i++) store<f64>(scale + ((<usize>i) << 3), 1.0);
  // iterative scaling by powers of the radix, as LAPACK dgebal (3.5 and later): 2-norms of
  // row and column over the block including the diagonal, with guards against scaling
  // anything into overflow or underflow
  let noconv = true;
  let sweeps = 0;
  while (noconv && sweeps < MAX_SWEEPS) {
    noconv = false;
    sweeps++;
    for (let i = k; i <= l; i++) {
      let c = norm2(a + ((<usize>k * <usize>n + <usize>i) << 3), l - k + 1, (<usize>n) << 3);
      let r = norm2(at(a, i, k, n), l - k + 1, 8);
      let ca: f64 = 0;
      for (let j = 0; j <= l; j++) ca = Math.max(ca, Math.abs(load<f64>(at(a, j, i, n))));
      let ra: f64 = 0;
      for (let j = k; j < n; j++) ra = Math.max(ra, Math.abs(load<f64>(at(a, i, j, n))));
      if (c == 0 || r == 0) continue;
      let g = r / RADIX;
      let f: f64 = 1;
      const s = c + r;
      while (c < g && Math.max(f, Math.max(c, ca)) < SFMAX2 && Math.min(r, Math.min(g, ra)) > SFMIN2) {
        f *= RADIX;
        c *= RADIX;
        ca *= RADIX;
        r /= RADIX;
        g /= RADIX;
        ra /= RADIX;
      }
      g = c / RADIX;
      while (g >= r && Math.max(r, ra) < SFMAX2 && Math.min(Math.min(f, c), Math.min(g, ca)) > SFMIN2) {
        f /= RADIX;
        c /= RADIX;
        g /= RADIX;
        ca /= RADIX;
        r *= RADIX;
        ra *= RADIX;
      }
      if (c + r >= FACTOR * s) continue;
      const o = scale + ((<usize>i) << 3);
      const si = load<f64>(o);
      if (f < 1 && si < 1 && f * si <= SFMIN1) continue;
      if (f > 1 && si > 1 && si >= SFMAX1 / f) continue;
      g = 1.0 / f;
      store<f64>(o, si * f);
      noconv = true;
      for (let j = k; j < n; j++) store<f64>(at(a, i, j, n), load<f64>(at(a, i, j, n)) * g);
      for (let j = 0; j <= l; j++) store<f64>(at(a, j, i, n), load<f64>(at(a, j, i, n)) * f);
    }
  }
  store<i32>(lohi, k);
  store<i32>(lohi + 4, l);
}

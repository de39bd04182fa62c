/**
 * planes: deferred application of recorded plane transformations to the rows of an
 * eigenvector matrix.
 *
 * The implicit QL sweeps of dsteql and the Francis double-shift sweeps of dhseqr multiply
 * the eigenvector matrix Z from the right by a chain of rotations or 3x3 reflectors acting
 * on neighbouring columns. Applied one at a time they touch Z column by column, which in a
 * row-major matrix is a strided walk over the whole of Z for every transformation.
 * Instead the sweeps record their transformations in a stream, and this routine applies a
 * whole stream to each row of Z in turn: a row (n doubles) stays in L1 while every
 * transformation of the stream passes over it, and within a chain the elements shared by
 * consecutive transformations are carried in registers.
 *
 * Layout: rows are stored in interleaved pairs (see pairs.ts): element k of rows 2p and
 * 2p+1 sit side by side at x + (p*n + k)*16, so one f64x2 holds the same element of two
 * rows and each transformation updates both lanes with the same coefficients. The SIMD
 * build handles several pairs per pass (four for rotations, eight for reflectors: see
 * applyPlanesWide) to share the coefficient loads and to keep independent recurrences in
 * flight; the scalar build does the same arithmetic lane by lane, so both builds give
 * identical results.
 *
 * Stream records (f64): [kind, lo, hi, coefficients...]
 *   PLANE_QL      lo = l, hi = m: rotations i = m-1 down to l, each (c, s):
 *                 z[i+1] <- s z[i] + c z[i+1];  z[i] <- c z[i] - s z[i+1]
 *   PLANE_FRANCIS lo = m, hi = e: reflectors k = m .. e-1, each (x, y, z, q, r):
 *                 p = x v[k] + y v[k+1] + z v[k+2];  v[k] -= p;  v[k+1] -= p q;  v[k+2] -= p r
 *                 (the last one, k = e-1, acts on v[k], v[k+1] only)
 *   PLANE_ROT     lo = j: (q, p): v[j] <- q v[j] + p v[j+1];  v[j+1] <- q v[j+1] - p v[j]
 *   PLANE_DENSE   lo, hi: v[lo..hi] <- v[lo..hi] U with U the w x w row-major matrix that
 *                 follows (w = hi-lo+1), then 2w doubles used as scratch while applying
 *
 * References: Golub & Van Loan, Matrix Computations (4th ed.) §5.1.8-9 (applying Givens
 * rotations and Householder reflectors), §8.3 (QL/QR for tridiagonal matrices), §7.5
 * (the Francis step); Van Zee, van de Geijn & Quintana-Ortí, "Restructuring the
 * tridiagonal and bidiagonal QR algorithms for performance", ACM TOMS 40 (2014), for the
 * idea of deferring and batching the rotations.
 */

export const PLANE_QL: i32 = 0;
export const PLANE_FRANCIS: i32 = 1;
export const PLANE_ROT: i32 = 2;
export const PLANE_DENSE: i32 = 3;

/** Doubles a record needs: header plus coefficients. */
export function planeRecordSize(kind: i32, lo: i32, hi: i32): i32 {
  if (kind == PLANE_QL) return 3 + 2 * (hi - lo);
  if (kind == PLANE_FRANCIS) return 3 + 5 * (hi - lo);
  if (kind == PLANE_DENSE) return 3 + (hi - lo + 1) * (hi - lo + 3);
  return 5;
}

@inline function ld(p: usize): f64 {
  return load<f64>(p);
}

/**
 * Apply the `len` doubles of records at `stream` to the `npairs` interleaved row pairs at
 * `x` (each pair n elements long), four pairs per pass in the SIMD build. Used for the
 * rotation chains of dsteql.
 */
export function applyPlanes(stream: usize, len: i32, x: usize, npairs: i32, n: i32): void {
  const pairBytes = (<usize>n) << 4;
  let p = 0;
  if (ASC_FEATURE_SIMD) {
    for (; p + 3 < npairs; p += 4) {
      const b0 = x + <usize>p * pairBytes;
      applyFourPairsSimd(stream, len, b0, b0 + pairBytes, b0 + 2 * pairBytes, b0 + 3 * pairBytes);
    }
    applyRest(stream, len, x, p, npairs, pairBytes);
    return;
  }
  for (; p < npairs; p++) applyOnePairScalar(stream, len, x + <usize>p * pairBytes);
}

/**
 * As applyPlanes, but eight pairs per pass in the SIMD build: that pays for the reflector
 * chains of dhseqr, whose recurrence is long (about 15 cycles per step), and loses for
 * rotation chains (a short recurrence, and sixteen carried values spill registers).
 */
export function applyPlanesWide(stream: usize, len: i32, x: usize, npairs: i32, n: i32): void {
  const pairBytes = (<usize>n) << 4;
  let p = 0;
  if (ASC_FEATURE_SIMD) {
    for (; p + 7 < npairs; p += 8) applyEightPairsSimd(stream, len, x + <usize>p * pairBytes, pairBytes);
    for (; p + 3 < npairs; p += 4) {
      const b0 = x + <usize>p * pairBytes;
      applyFourPairsSimd(stream, len, b0, b0 + pairBytes, b0 + 2 * pairBytes, b0 + 3 * pairBytes);
    }
    applyRest(stream, len, x, p, npairs, pairBytes);
    return;
  }
  for (; p < npairs; p++) applyOnePairScalar(stream, len, x + <usize>p * pairBytes);
}

function applyRest(stream: usize, len: i32, x: usize, p: i32, npairs: i32, pairBytes: usize): void {
  for (; p + 1 < npairs; p += 2) {
    const b0 = x + <usize>p * pairBytes;
    applyTwoPairsSimd(stream, len, b0, b0 + pairBytes);
  }
  if (p < npairs) applyOnePairSimd(stream, len, x + <usize>p * pairBytes);
}

function applyFourPairsSimd(stream: usize, len: i32, b0: usize, b1: usize, b2: usize, b3: usize): void {
  let pos: i32 = 0;
  while (pos < len) {
    const rec = stream + ((<usize>pos) << 3);
    const kind = <i32>ld(rec);
    const lo = <i32>ld(rec + 8);
    const hi = <i32>ld(rec + 16);
    let cf = rec + 24;
    if (kind == PLANE_QL) {
      let t0 = v128.load(b0 + ((<usize>hi) << 4));
      let t1 = v128.load(b1 + ((<usize>hi) << 4));
      let t2 = v128.load(b2 + ((<usize>hi) << 4));
      let t3 = v128.load(b3 + ((<usize>hi) << 4));
      for (let i = hi - 1; i >= lo; i--) {
        const c = f64x2.splat(ld(cf));
        const s = f64x2.splat(ld(cf + 8));
        cf += 16;
        const o = (<usize>i) << 4;
        const a0 = v128.load(b0 + o);
        const a1 = v128.load(b1 + o);
        const a2 = v128.load(b2 + o);
        const a3 = v128.load(b3 + o);
        v128.store(b0 + o + 16, f64x2.add(f64x2.mul(s, a0), f64x2.mul(c, t0)));
        v128.store(b1 + o + 16, f64x2.add(f64x2.mul(s, a1), f64x2.mul(c, t1)));
        v128.store(b2 + o + 16, f64x2.add(f64x2.mul(s, a2), f64x2.mul(c, t2)));
        v128.store(b3 + o + 16, f64x2.add(f64x2.mul(s, a3), f64x2.mul(c, t3)));
        t0 = f64x2.sub(f64x2.mul(c, a0), f64x2.mul(s, t0));
        t1 = f64x2.sub(f64x2.mul(c, a1), f64x2.mul(s, t1));
        t2 = f64x2.sub(f64x2.mul(c, a2), f64x2.mul(s, t2));
        t3 = f64x2.sub(f64x2.mul(c, a3), f64x2.mul(s, t3));
      }
      v128.store(b0 + ((<usize>lo) << 4), t0);
      v128.store(b1 + ((<usize>lo) << 4), t1);
      v128.store(b2 + ((<usize>lo) << 4), t2);
      v128.store(b3 + ((<usize>lo) << 4), t3);
    } else if (kind == PLANE_FRANCIS) {
      let u0 = v128.load(b0 + ((<usize>lo) << 4));
      let w0 = v128.load(b0 + ((<usize>lo) << 4) + 16);
      let u1 = v128.load(b1 + ((<usize>lo) << 4));
      let u2 = v128.load(b2 + ((<usize>lo) << 4));
      let u3 = v128.load(b3 + ((<usize>lo) << 4));
      let w1 = v128.load(b1 + ((<usize>lo) << 4) + 16);
      let w2 = v128.load(b2 + ((<usize>lo) << 4) + 16);
      let w3 = v128.load(b3 + ((<usize>lo) << 4) + 16);
      for (let k = lo; k < hi - 1; k++) {
        const cx = f64x2.splat(ld(cf));
        const cy = f64x2.splat(ld(cf + 8));
        const cz = f64x2.splat(ld(cf + 16));
        const cq = f64x2.splat(ld(cf + 24));
        const cr = f64x2.splat(ld(cf + 32));
        cf += 40;
        const o = (<usize>k) << 4;
        const z0 = v128.load(b0 + o + 32);
        const z1 = v128.load(b1 + o + 32);
        const z2 = v128.load(b2 + o + 32);
        const z3 = v128.load(b3 + o + 32);
        const p0 = f64x2.add(f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0)), f64x2.mul(cz, z0));
        const p1 = f64x2.add(f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1)), f64x2.mul(cz, z1));
        const p2 = f64x2.add(f64x2.add(f64x2.mul(cx, u2), f64x2.mul(cy, w2)), f64x2.mul(cz, z2));
        const p3 = f64x2.add(f64x2.add(f64x2.mul(cx, u3), f64x2.mul(cy, w3)), f64x2.mul(cz, z3));
        v128.store(b0 + o, f64x2.sub(u0, p0));
        v128.store(b1 + o, f64x2.sub(u1, p1));
        v128.store(b2 + o, f64x2.sub(u2, p2));
        v128.store(b3 + o, f64x2.sub(u3, p3));
        u0 = f64x2.sub(w0, f64x2.mul(p0, cq));
        u1 = f64x2.sub(w1, f64x2.mul(p1, cq));
        u2 = f64x2.sub(w2, f64x2.mul(p2, cq));
        u3 = f64x2.sub(w3, f64x2.mul(p3, cq));
        w0 = f64x2.sub(z0, f64x2.mul(p0, cr));
        w1 = f64x2.sub(z1, f64x2.mul(p1, cr));
        w2 = f64x2.sub(z2, f64x2.mul(p2, cr));
        w3 = f64x2.sub(z3, f64x2.mul(p3, cr));
      }
      const cx = f64x2.splat(ld(cf));
      const cy = f64x2.splat(ld(cf + 8));
      const cq = f64x2.splat(ld(cf + 24));
      cf += 40;
      const o = (<usize>(hi - 1)) << 4;
      const p0 = f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0));
      const p1 = f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1));
      const p2 = f64x2.add(f64x2.mul(cx, u2), f64x2.mul(cy, w2));
      const p3 = f64x2.add(f64x2.mul(cx, u3), f64x2.mul(cy, w3));
      v128.store(b0 + o, f64x2.sub(u0, p0));
      v128.store(b1 + o, f64x2.sub(u1, p1));
      v128.store(b2 + o, f64x2.sub(u2, p2));
      v128.store(b3 + o, f64x2.sub(u3, p3));
      v128.store(b0 + o + 16, f64x2.sub(w0, f64x2.mul(p0, cq)));
      v128.store(b1 + o + 16, f64x2.sub(w1, f64x2.mul(p1, cq)));
      v128.store(b2 + o + 16, f64x2.sub(w2, f64x2.mul(p2, cq)));
      v128.store(b3 + o + 16, f64x2.sub(w3, f64x2.mul(p3, cq)));
    } else if (kind == PLANE_DENSE) {
      applyDenseSimd(rec, b0); applyDenseSimd(rec, b1); applyDenseSimd(rec, b2); applyDenseSimd(rec, b3);
    } else {
      const q = f64x2.splat(ld(cf));
      const pp = f64x2.splat(ld(cf + 8));
      cf += 16;
      const o = (<usize>lo) << 4;
      const a0 = v128.load(b0 + o);
      const c0 = v128.load(b0 + o + 16);
      const a1 = v128.load(b1 + o);
      const a2 = v128.load(b2 + o);
      const a3 = v128.load(b3 + o);
      const c1 = v128.load(b1 + o + 16);
      const c2 = v128.load(b2 + o + 16);
      const c3 = v128.load(b3 + o + 16);
      v128.store(b0 + o, f64x2.add(f64x2.mul(q, a0), f64x2.mul(pp, c0)));
      v128.store(b0 + o + 16, f64x2.sub(f64x2.mul(q, c0), f64x2.mul(pp, a0)));
      v128.store(b1 + o, f64x2.add(f64x2.mul(q, a1), f64x2.mul(pp, c1)));
      v128.store(b2 + o, f64x2.add(f64x2.mul(q, a2), f64x2.mul(pp, c2)));
      v128.store(b3 + o, f64x2.add(f64x2.mul(q, a3), f64x2.mul(pp, c3)));
      v128.store(b1 + o + 16, f64x2.sub(f64x2.mul(q, c1), f64x2.mul(pp, a1)));
      v128.store(b2 + o + 16, f64x2.sub(f64x2.mul(q, c2), f64x2.mul(pp, a2)));
      v128.store(b3 + o + 16, f64x2.sub(f64x2.mul(q, c3), f64x2.mul(pp, a3)));
    }
    pos += planeRecordSize(kind, lo, hi);
  }
}

function applyEightPairsSimd(stream: usize, len: i32, b0: usize, pairBytes: usize): void {
  const b1 = b0 + pairBytes;
  const b2 = b1 + pairBytes;
  const b3 = b2 + pairBytes;
  const b4 = b3 + pairBytes;
  const b5 = b4 + pairBytes;
  const b6 = b5 + pairBytes;
  const b7 = b6 + pairBytes;
  let pos: i32 = 0;
  while (pos < len) {
    const rec = stream + ((<usize>pos) << 3);
    const kind = <i32>ld(rec);
    const lo = <i32>ld(rec + 8);
    const hi = <i32>ld(rec + 16);
    let cf = rec + 24;
    if (kind == PLANE_QL) {
      let t0 = v128.load(b0 + ((<usize>hi) << 4));
      let t1 = v128.load(b1 + ((<usize>hi) << 4));
      let t2 = v128.load(b2 + ((<usize>hi) << 4));
      let t3 = v128.load(b3 + ((<usize>hi) << 4));
      let t4 = v128.load(b4 + ((<usize>hi) << 4));
      let t5 = v128.load(b5 + ((<usize>hi) << 4));
      let t6 = v128.load(b6 + ((<usize>hi) << 4));
      let t7 = v128.load(b7 + ((<usize>hi) << 4));
      for (let i = hi - 1; i >= lo; i--) {
        const c = f64x2.splat(ld(cf));
        const s = f64x2.splat(ld(cf + 8));
        cf += 16;
        const o = (<usize>i) << 4;
        const a0 = v128.load(b0 + o);
        const a1 = v128.load(b1 + o);
        const a2 = v128.load(b2 + o);
        const a3 = v128.load(b3 + o);
        const a4 = v128.load(b4 + o);
        const a5 = v128.load(b5 + o);
        const a6 = v128.load(b6 + o);
        const a7 = v128.load(b7 + o);
        v128.store(b0 + o + 16, f64x2.add(f64x2.mul(s, a0), f64x2.mul(c, t0)));
        v128.store(b1 + o + 16, f64x2.add(f64x2.mul(s, a1), f64x2.mul(c, t1)));
        v128.store(b2 + o + 16, f64x2.add(f64x2.mul(s, a2), f64x2.mul(c, t2)));
        v128.store(b3 + o + 16, f64x2.add(f64x2.mul(s, a3), f64x2.mul(c, t3)));
        v128.store(b4 + o + 16, f64x2.add(f64x2.mul(s, a4), f64x2.mul(c, t4)));
        v128.store(b5 + o + 16, f64x2.add(f64x2.mul(s, a5), f64x2.mul(c, t5)));
        v128.store(b6 + o + 16, f64x2.add(f64x2.mul(s, a6), f64x2.mul(c, t6)));
        v128.store(b7 + o + 16, f64x2.add(f64x2.mul(s, a7), f64x2.mul(c, t7)));
        t0 = f64x2.sub(f64x2.mul(c, a0), f64x2.mul(s, t0));
        t1 = f64x2.sub(f64x2.mul(c, a1), f64x2.mul(s, t1));
        t2 = f64x2.sub(f64x2.mul(c, a2), f64x2.mul(s, t2));
        t3 = f64x2.sub(f64x2.mul(c, a3), f64x2.mul(s, t3));
        t4 = f64x2.sub(f64x2.mul(c, a4), f64x2.mul(s, t4));
        t5 = f64x2.sub(f64x2.mul(c, a5), f64x2.mul(s, t5));
        t6 = f64x2.sub(f64x2.mul(c, a6), f64x2.mul(s, t6));
        t7 = f64x2.sub(f64x2.mul(c, a7), f64x2.mul(s, t7));
      }
      v128.store(b0 + ((<usize>lo) << 4), t0);
      v128.store(b1 + ((<usize>lo) << 4), t1);
      v128.store(b2 + ((<usize>lo) << 4), t2);
      v128.store(b3 + ((<usize>lo) << 4), t3);
      v128.store(b4 + ((<usize>lo) << 4), t4);
      v128.store(b5 + ((<usize>lo) << 4), t5);
      v128.store(b6 + ((<usize>lo) << 4), t6);
      v128.store(b7 + ((<usize>lo) << 4), t7);
    } else if (kind == PLANE_FRANCIS) {
      let u0 = v128.load(b0 + ((<usize>lo) << 4));
      let w0 = v128.load(b0 + ((<usize>lo) << 4) + 16);
      let u1 = v128.load(b1 + ((<usize>lo) << 4));
      let u2 = v128.load(b2 + ((<usize>lo) << 4));
      let u3 = v128.load(b3 + ((<usize>lo) << 4));
      let u4 = v128.load(b4 + ((<usize>lo) << 4));
      let u5 = v128.load(b5 + ((<usize>lo) << 4));
      let u6 = v128.load(b6 + ((<usize>lo) << 4));
      let u7 = v128.load(b7 + ((<usize>lo) << 4));
      let w1 = v128.load(b1 + ((<usize>lo) << 4) + 16);
      let w2 = v128.load(b2 + ((<usize>lo) << 4) + 16);
      let w3 = v128.load(b3 + ((<usize>lo) << 4) + 16);
      let w4 = v128.load(b4 + ((<usize>lo) << 4) + 16);
      let w5 = v128.load(b5 + ((<usize>lo) << 4) + 16);
      let w6 = v128.load(b6 + ((<usize>lo) << 4) + 16);
      let w7 = v128.load(b7 + ((<usize>lo) << 4) + 16);
      for (let k = lo; k < hi - 1; k++) {
        const cx = f64x2.splat(ld(cf));
        const cy = f64x2.splat(ld(cf + 8));
        const cz = f64x2.splat(ld(cf + 16));
        const cq = f64x2.splat(ld(cf + 24));
        const cr = f64x2.splat(ld(cf + 32));
        cf += 40;
        const o = (<usize>k) << 4;
        const z0 = v128.load(b0 + o + 32);
        const z1 = v128.load(b1 + o + 32);
        const z2 = v128.load(b2 + o + 32);
        const z3 = v128.load(b3 + o + 32);
        const z4 = v128.load(b4 + o + 32);
        const z5 = v128.load(b5 + o + 32);
        const z6 = v128.load(b6 + o + 32);
        const z7 = v128.load(b7 + o + 32);
        const p0 = f64x2.add(f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0)), f64x2.mul(cz, z0));
        const p1 = f64x2.add(f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1)), f64x2.mul(cz, z1));
        const p2 = f64x2.add(f64x2.add(f64x2.mul(cx, u2), f64x2.mul(cy, w2)), f64x2.mul(cz, z2));
        const p3 = f64x2.add(f64x2.add(f64x2.mul(cx, u3), f64x2.mul(cy, w3)), f64x2.mul(cz, z3));
        const p4 = f64x2.add(f64x2.add(f64x2.mul(cx, u4), f64x2.mul(cy, w4)), f64x2.mul(cz, z4));
        const p5 = f64x2.add(f64x2.add(f64x2.mul(cx, u5), f64x2.mul(cy, w5)), f64x2.mul(cz, z5));
        const p6 = f64x2.add(f64x2.add(f64x2.mul(cx, u6), f64x2.mul(cy, w6)), f64x2.mul(cz, z6));
        const p7 = f64x2.add(f64x2.add(f64x2.mul(cx, u7), f64x2.mul(cy, w7)), f64x2.mul(cz, z7));
        v128.store(b0 + o, f64x2.sub(u0, p0));
        v128.store(b1 + o, f64x2.sub(u1, p1));
        v128.store(b2 + o, f64x2.sub(u2, p2));
        v128.store(b3 + o, f64x2.sub(u3, p3));
        v128.store(b4 + o, f64x2.sub(u4, p4));
        v128.store(b5 + o, f64x2.sub(u5, p5));
        v128.store(b6 + o, f64x2.sub(u6, p6));
        v128.store(b7 + o, f64x2.sub(u7, p7));
        u0 = f64x2.sub(w0, f64x2.mul(p0, cq));
        u1 = f64x2.sub(w1, f64x2.mul(p1, cq));
        u2 = f64x2.sub(w2, f64x2.mul(p2, cq));
        u3 = f64x2.sub(w3, f64x2.mul(p3, cq));
        u4 = f64x2.sub(w4, f64x2.mul(p4, cq));
        u5 = f64x2.sub(w5, f64x2.mul(p5, cq));
        u6 = f64x2.sub(w6, f64x2.mul(p6, cq));
        u7 = f64x2.sub(w7, f64x2.mul(p7, cq));
        w0 = f64x2.sub(z0, f64x2.mul(p0, cr));
        w1 = f64x2.sub(z1, f64x2.mul(p1, cr));
        w2 = f64x2.sub(z2, f64x2.mul(p2, cr));
        w3 = f64x2.sub(z3, f64x2.mul(p3, cr));
        w4 = f64x2.sub(z4, f64x2.mul(p4, cr));
        w5 = f64x2.sub(z5, f64x2.mul(p5, cr));
        w6 = f64x2.sub(z6, f64x2.mul(p6, cr));
        w7 = f64x2.sub(z7, f64x2.mul(p7, cr));
      }
      const cx = f64x2.splat(ld(cf));
      const cy = f64x2.splat(ld(cf + 8));
      const cq = f64x2.splat(ld(cf + 24));
      cf += 40;
      const o = (<usize>(hi - 1)) << 4;
      const p0 = f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0));
      const p1 = f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1));
      const p2 = f64x2.add(f64x2.mul(cx, u2), f64x2.mul(cy, w2));
      const p3 = f64x2.add(f64x2.mul(cx, u3), f64x2.mul(cy, w3));
      const p4 = f64x2.add(f64x2.mul(cx, u4), f64x2.mul(cy, w4));
      const p5 = f64x2.add(f64x2.mul(cx, u5), f64x2.mul(cy, w5));
      const p6 = f64x2.add(f64x2.mul(cx, u6), f64x2.mul(cy, w6));
      const p7 = f64x2.add(f64x2.mul(cx, u7), f64x2.mul(cy, w7));
      v128.store(b0 + o, f64x2.sub(u0, p0));
      v128.store(b1 + o, f64x2.sub(u1, p1));
      v128.store(b2 + o, f64x2.sub(u2, p2));
      v128.store(b3 + o, f64x2.sub(u3, p3));
      v128.store(b4 + o, f64x2.sub(u4, p4));
      v128.store(b5 + o, f64x2.sub(u5, p5));
      v128.store(b6 + o, f64x2.sub(u6, p6));
      v128.store(b7 + o, f64x2.sub(u7, p7));
      v128.store(b0 + o + 16, f64x2.sub(w0, f64x2.mul(p0, cq)));
      v128.store(b1 + o + 16, f64x2.sub(w1, f64x2.mul(p1, cq)));
      v128.store(b2 + o + 16, f64x2.sub(w2, f64x2.mul(p2, cq)));
      v128.store(b3 + o + 16, f64x2.sub(w3, f64x2.mul(p3, cq)));
      v128.store(b4 + o + 16, f64x2.sub(w4, f64x2.mul(p4, cq)));
      v128.store(b5 + o + 16, f64x2.sub(w5, f64x2.mul(p5, cq)));
      v128.store(b6 + o + 16, f64x2.sub(w6, f64x2.mul(p6, cq)));
      v128.store(b7 + o + 16, f64x2.sub(w7, f64x2.mul(p7, cq)));
    } else if (kind == PLANE_DENSE) {
      applyDenseSimd(rec, b0); applyDenseSimd(rec, b1); applyDenseSimd(rec, b2); applyDenseSimd(rec, b3); applyDenseSimd(rec, b4); applyDenseSimd(rec, b5); applyDenseSimd(rec, b6); applyDenseSimd(rec, b7);
    } else {
      const q = f64x2.splat(ld(cf));
      const pp = f64x2.splat(ld(cf + 8));
      cf += 16;
      const o = (<usize>lo) << 4;
      const a0 = v128.load(b0 + o);
      const c0 = v128.load(b0 + o + 16);
      const a1 = v128.load(b1 + o);
      const a2 = v128.load(b2 + o);
      const a3 = v128.load(b3 + o);
      const a4 = v128.load(b4 + o);
      const a5 = v128.load(b5 + o);
      const a6 = v128.load(b6 + o);
      const a7 = v128.load(b7 + o);
      const c1 = v128.load(b1 + o + 16);
      const c2 = v128.load(b2 + o + 16);
      const c3 = v128.load(b3 + o + 16);
      const c4 = v128.load(b4 + o + 16);
      const c5 = v128.load(b5 + o + 16);
      const c6 = v128.load(b6 + o + 16);
      const c7 = v128.load(b7 + o + 16);
      v128.store(b0 + o, f64x2.add(f64x2.mul(q, a0), f64x2.mul(pp, c0)));
      v128.store(b0 + o + 16, f64x2.sub(f64x2.mul(q, c0), f64x2.mul(pp, a0)));
      v128.store(b1 + o, f64x2.add(f64x2.mul(q, a1), f64x2.mul(pp, c1)));
      v128.store(b2 + o, f64x2.add(f64x2.mul(q, a2), f64x2.mul(pp, c2)));
      v128.store(b3 + o, f64x2.add(f64x2.mul(q, a3), f64x2.mul(pp, c3)));
      v128.store(b4 + o, f64x2.add(f64x2.mul(q, a4), f64x2.mul(pp, c4)));
      v128.store(b5 + o, f64x2.add(f64x2.mul(q, a5), f64x2.mul(pp, c5)));
      v128.store(b6 + o, f64x2.add(f64x2.mul(q, a6), f64x2.mul(pp, c6)));
      v128.store(b7 + o, f64x2.add(f64x2.mul(q, a7), f64x2.mul(pp, c7)));
      v128.store(b1 + o + 16, f64x2.sub(f64x2.mul(q, c1), f64x2.mul(pp, a1)));
      v128.store(b2 + o + 16, f64x2.sub(f64x2.mul(q, c2), f64x2.mul(pp, a2)));
      v128.store(b3 + o + 16, f64x2.sub(f64x2.mul(q, c3), f64x2.mul(pp, a3)));
      v128.store(b4 + o + 16, f64x2.sub(f64x2.mul(q, c4), f64x2.mul(pp, a4)));
      v128.store(b5 + o + 16, f64x2.sub(f64x2.mul(q, c5), f64x2.mul(pp, a5)));
      v128.store(b6 + o + 16, f64x2.sub(f64x2.mul(q, c6), f64x2.mul(pp, a6)));
      v128.store(b7 + o + 16, f64x2.sub(f64x2.mul(q, c7), f64x2.mul(pp, a7)));
    }
    pos += planeRecordSize(kind, lo, hi);
  }
}

function applyTwoPairsSimd(stream: usize, len: i32, b0: usize, b1: usize): void {
  let pos: i32 = 0;
  while (pos < len) {
    const rec = stream + ((<usize>pos) << 3);
    const kind = <i32>ld(rec);
    const lo = <i32>ld(rec + 8);
    const hi = <i32>ld(rec + 16);
    let cf = rec + 24;
    if (kind == PLANE_QL) {
      let t0 = v128.load(b0 + ((<usize>hi) << 4));
      let t1 = v128.load(b1 + ((<usize>hi) << 4));
      for (let i = hi - 1; i >= lo; i--) {
        const c = f64x2.splat(ld(cf));
        const s = f64x2.splat(ld(cf + 8));
        cf += 16;
        const o = (<usize>i) << 4;
        const a0 = v128.load(b0 + o);
        const a1 = v128.load(b1 + o);
        v128.store(b0 + o + 16, f64x2.add(f64x2.mul(s, a0), f64x2.mul(c, t0)));
        v128.store(b1 + o + 16, f64x2.add(f64x2.mul(s, a1), f64x2.mul(c, t1)));
        t0 = f64x2.sub(f64x2.mul(c, a0), f64x2.mul(s, t0));
        t1 = f64x2.sub(f64x2.mul(c, a1), f64x2.mul(s, t1));
      }
      v128.store(b0 + ((<usize>lo) << 4), t0);
      v128.store(b1 + ((<usize>lo) << 4), t1);
    } else if (kind == PLANE_FRANCIS) {
      let u0 = v128.load(b0 + ((<usize>lo) << 4));
      let w0 = v128.load(b0 + ((<usize>lo) << 4) + 16);
      let u1 = v128.load(b1 + ((<usize>lo) << 4));
      let w1 = v128.load(b1 + ((<usize>lo) << 4) + 16);
      for (let k = lo; k < hi - 1; k++) {
        const cx = f64x2.splat(ld(cf));
        const cy = f64x2.splat(ld(cf + 8));
        const cz = f64x2.splat(ld(cf + 16));
        const cq = f64x2.splat(ld(cf + 24));
        const cr = f64x2.splat(ld(cf + 32));
        cf += 40;
        const o = (<usize>k) << 4;
        const z0 = v128.load(b0 + o + 32);
        const z1 = v128.load(b1 + o + 32);
        const p0 = f64x2.add(f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0)), f64x2.mul(cz, z0));
        const p1 = f64x2.add(f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1)), f64x2.mul(cz, z1));
        v128.store(b0 + o, f64x2.sub(u0, p0));
        v128.store(b1 + o, f64x2.sub(u1, p1));
        u0 = f64x2.sub(w0, f64x2.mul(p0, cq));
        u1 = f64x2.sub(w1, f64x2.mul(p1, cq));
        w0 = f64x2.sub(z0, f64x2.mul(p0, cr));
        w1 = f64x2.sub(z1, f64x2.mul(p1, cr));
      }
      const cx = f64x2.splat(ld(cf));
      const cy = f64x2.splat(ld(cf + 8));
      const cq = f64x2.splat(ld(cf + 24));
      cf += 40;
      const o = (<usize>(hi - 1)) << 4;
      const p0 = f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0));
      const p1 = f64x2.add(f64x2.mul(cx, u1), f64x2.mul(cy, w1));
      v128.store(b0 + o, f64x2.sub(u0, p0));
      v128.store(b1 + o, f64x2.sub(u1, p1));
      v128.store(b0 + o + 16, f64x2.sub(w0, f64x2.mul(p0, cq)));
      v128.store(b1 + o + 16, f64x2.sub(w1, f64x2.mul(p1, cq)));
    } else if (kind == PLANE_DENSE) {
      applyDenseSimd(rec, b0); applyDenseSimd(rec, b1);
    } else {
      const q = f64x2.splat(ld(cf));
      const pp = f64x2.splat(ld(cf + 8));
      cf += 16;
      const o = (<usize>lo) << 4;
      const a0 = v128.load(b0 + o);
      const c0 = v128.load(b0 + o + 16);
      const a1 = v128.load(b1 + o);
      const c1 = v128.load(b1 + o + 16);
      v128.store(b0 + o, f64x2.add(f64x2.mul(q, a0), f64x2.mul(pp, c0)));
      v128.store(b0 + o + 16, f64x2.sub(f64x2.mul(q, c0), f64x2.mul(pp, a0)));
      v128.store(b1 + o, f64x2.add(f64x2.mul(q, a1), f64x2.mul(pp, c1)));
      v128.store(b1 + o + 16, f64x2.sub(f64x2.mul(q, c1), f64x2.mul(pp, a1)));
    }
    pos += planeRecordSize(kind, lo, hi);
  }
}

function applyOnePairSimd(stream: usize, len: i32, b0: usize): void {
  let pos: i32 = 0;
  while (pos < len) {
    const rec = stream + ((<usize>pos) << 3);
    const kind = <i32>ld(rec);
    const lo = <i32>ld(rec + 8);
    const hi = <i32>ld(rec + 16);
    let cf = rec + 24;
    if (kind == PLANE_QL) {
      let t0 = v128.load(b0 + ((<usize>hi) << 4));
      for (let i = hi - 1; i >= lo; i--) {
        const c = f64x2.splat(ld(cf));
        const s = f64x2.splat(ld(cf + 8));
        cf += 16;
        const o = (<usize>i) << 4;
        const a0 = v128.load(b0 + o);
        v128.store(b0 + o + 16, f64x2.add(f64x2.mul(s, a0), f64x2.mul(c, t0)));
        t0 = f64x2.sub(f64x2.mul(c, a0), f64x2.mul(s, t0));
      }
      v128.store(b0 + ((<usize>lo) << 4), t0);
    } else if (kind == PLANE_FRANCIS) {
      let u0 = v128.load(b0 + ((<usize>lo) << 4));
      let w0 = v128.load(b0 + ((<usize>lo) << 4) + 16);
      for (let k = lo; k < hi - 1; k++) {
        const cx = f64x2.splat(ld(cf));
        const cy = f64x2.splat(ld(cf + 8));
        const cz = f64x2.splat(ld(cf + 16));
        const cq = f64x2.splat(ld(cf + 24));
        const cr = f64x2.splat(ld(cf + 32));
        cf += 40;
        const o = (<usize>k) << 4;
        const z0 = v128.load(b0 + o + 32);
        const p0 = f64x2.add(f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0)), f64x2.mul(cz, z0));
        v128.store(b0 + o, f64x2.sub(u0, p0));
        u0 = f64x2.sub(w0, f64x2.mul(p0, cq));
        w0 = f64x2.sub(z0, f64x2.mul(p0, cr));
      }
      const cx = f64x2.splat(ld(cf));
      const cy = f64x2.splat(ld(cf + 8));
      const cq = f64x2.splat(ld(cf + 24));
      const o = (<usize>(hi - 1)) << 4;
      const p0 = f64x2.add(f64x2.mul(cx, u0), f64x2.mul(cy, w0));
      v128.store(b0 + o, f64x2.sub(u0, p0));
      v128.store(b0 + o + 16, f64x2.sub(w0, f64x2.mul(p0, cq)));
    } else if (kind == PLANE_DENSE) {
      applyDenseSimd(rec, b0);
    } else {
      const q = f64x2.splat(ld(cf));
      const pp = f64x2.splat(ld(cf + 8));
      const o = (<usize>lo) << 4;
      const a0 = v128.load(b0 + o);
      const c0 = v128.load(b0 + o + 16);
      v128.store(b0 + o, f64x2.add(f64x2.mul(q, a0), f64x2.mul(pp, c0)));
      v128.store(b0 + o + 16, f64x2.sub(f64x2.mul(q, c0), f64x2.mul(pp, a0)));
    }
    pos += planeRecordSize(kind, lo, hi);
  }
}

/** The scalar twin: both lanes of a pair with plain f64 arithmetic, in the same order. */
function applyOnePairScalar(stream: usize, len: i32, b0: usize): void {
  let pos: i32 = 0;
  while (pos < len) {
    const rec = stream + ((<usize>pos) << 3);
    const kind = <i32>ld(rec);
    const lo = <i32>ld(rec + 8);
    const hi = <i32>ld(rec + 16);
    let cf = rec + 24;
    if (kind == PLANE_QL) {
      const e = b0 + ((<usize>hi) << 4);
      let t0 = ld(e);
      let t1 = ld(e + 8);
      for (let i = hi - 1; i >= lo; i--) {
        const c = ld(cf);
        const s = ld(cf + 8);
        cf += 16;
        const o = b0 + ((<usize>i) << 4);
        const a0 = ld(o);
        const a1 = ld(o + 8);
        store<f64>(o + 16, s * a0 + c * t0);
        store<f64>(o + 24, s * a1 + c * t1);
        t0 = c * a0 - s * t0;
        t1 = c * a1 - s * t1;
      }
      const f = b0 + ((<usize>lo) << 4);
      store<f64>(f, t0);
      store<f64>(f + 8, t1);
    } else if (kind == PLANE_FRANCIS) {
      const f = b0 + ((<usize>lo) << 4);
      let u0 = ld(f);
      let u1 = ld(f + 8);
      let w0 = ld(f + 16);
      let w1 = ld(f + 24);
      for (let k = lo; k < hi - 1; k++) {
        const cx = ld(cf);
        const cy = ld(cf + 8);
        const cz = ld(cf + 16);
        const cq = ld(cf + 24);
        const cr = ld(cf + 32);
        cf += 40;
        const o = b0 + ((<usize>k) << 4);
        const z0 = ld(o + 32);
        const z1 = ld(o + 40);
        const p0 = cx * u0 + cy * w0 + cz * z0;
        const p1 = cx * u1 + cy * w1 + cz * z1;
        store<f64>(o, u0 - p0);
        store<f64>(o + 8, u1 - p1);
        u0 = w0 - p0 * cq;
        u1 = w1 - p1 * cq;
        w0 = z0 - p0 * cr;
        w1 = z1 - p1 * cr;
      }
      const cx = ld(cf);
      const cy = ld(cf + 8);
      const cq = ld(cf + 24);
      const o = b0 + ((<usize>(hi - 1)) << 4);
      const p0 = cx * u0 + cy * w0;
      const p1 = cx * u1 + cy * w1;
      store<f64>(o, u0 - p0);
      store<f64>(o + 8, u1 - p1);
      store<f64>(o + 16, w0 - p0 * cq);
      store<f64>(o + 24, w1 - p1 * cq);
    } else if (kind == PLANE_DENSE) {
      applyDenseScalar(rec, b0);
    } else {
      const q = ld(cf);
      const pp = ld(cf + 8);
      const o = b0 + ((<usize>lo) << 4);
      const a0 = ld(o);
      const a1 = ld(o + 8);
      const c0 = ld(o + 16);
      const c1 = ld(o + 24);
      store<f64>(o, q * a0 + pp * c0);
      store<f64>(o + 8, q * a1 + pp * c1);
      store<f64>(o + 16, q * c0 - pp * a0);
      store<f64>(o + 24, q * c1 - pp * a1);
    }
    pos += planeRecordSize(kind, lo, hi);
  }
}

/** PLANE_DENSE on one pair: v[lo..hi] <- v[lo..hi] U (the record's scratch holds the row). */
function applyDenseSimd(rec: usize, b: usize): void {
  const lo = <i32>ld(rec + 8);
  const w = <i32>ld(rec + 16) - lo + 1;
  const u = rec + 24;
  const tmp = u + ((<usize>(w * w)) << 3);
  const v = b + ((<usize>lo) << 4);
  for (let j = 0; j < w; j++) {
    let acc = f64x2.splat(0);
    for (let i = 0; i < w; i++) {
      acc = f64x2.add(acc, f64x2.mul(f64x2.splat(ld(u + ((<usize>(i * w + j)) << 3))), v128.load(v + ((<usize>i) << 4))));
    }
    v128.store(tmp + ((<usize>j) << 4), acc);
  }
  memory.copy(v, tmp, (<usize>w) << 4);
}

function applyDenseScalar(rec: usize, b: usize): void {
  const lo = <i32>ld(rec + 8);
  const w = <i32>ld(rec + 16) - lo + 1;
  const u = rec + 24;
  const tmp = u + ((<usize>(w * w)) << 3);
  const v = b + ((<usize>lo) << 4);
  for (let j = 0; j < w; j++) {
    let a0: f64 = 0;
    let a1: f64 = 0;
    for (let i = 0; i < w; i++) {
      const c = ld(u + ((<usize>(i * w + j)) << 3));
      const o = v + ((<usize>i) << 4);
      a0 += c * ld(o);
      a1 += c * ld(o + 8);
    }
    store<f64>(tmp + ((<usize>j) << 4), a0);
    store<f64>(tmp + ((<usize>j) << 4) + 8, a1);
  }
  memory.copy(v, tmp, (<usize>w) << 4);
}

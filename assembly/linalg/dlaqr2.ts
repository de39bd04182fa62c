/**
 * dlaqr2: aggressive early deflation (AED) for the double-shift QR iteration of dhseqr.
 *
 * The trailing w x w window H[kw..en][kw..en] of the active block (kw = en-w+1 > l) is
 * reduced to real Schur form S = Uᵀ T U by a nested dhseqr; the coupling to the rest of the
 * block is then the "spike" s·U[0][j] (s = H[kw][kw-1]). Eigenvalues at the bottom of S
 * whose spike entries are negligible (below ulp·|eigenvalue block|) have converged and are
 * deflated: often several per call, long before the subdiagonal test of the QR sweep would
 * see them. The rest of the window is returned to Hessenberg form (a reflector folds the
 * spike into its first entry, then dgehrd), and the similarity U is applied to the rows
 * above the window and, for the full Schur form, to the columns right of it. The caller
 * applies U to the Schur vectors (a PLANE_DENSE record of planes.ts) when it wants them.
 *
 * This is LAPACK dlaqr2 without the reordering of undeflatable eigenvalues (deflation
 * stops at the first one that fails the test) and without using the leftover eigenvalues
 * as shifts.
 *
 * Inputs: h row-major n x n (Hessenberg on the active block l..en); wantt != 0 updates the
 * full rows/columns outside the window (else only those inside l..en). ws: aed_scratch_size
 * doubles of scratch; on return with nd > 0 its first w*w doubles hold U (row-major).
 * Returns nd, the number of deflated eigenvalues (0: h is unchanged, and the window's
 * bottom eigenvalues are left at aedShifts(...) as shifts for the next sweep), or -1 when
 * the nested QR did not converge (h unchanged, no shifts).
 *
 * References: Braman, Byers & Mathias, "The multishift QR algorithm. Part II: Aggressive
 * early deflation", SIAM J. Matrix Anal. Appl. 23 (2002); LAPACK Users' Guide (dlaqr2);
 * Golub & Van Loan, Matrix Computations (4th ed.) §7.5.
 */
import { dhseqr } from "./dhseqr";
import { dgehrd } from "./dgehrd";
import { pairsSize, pairsToRows } from "./pairs";

const SAFMIN: f64 = 2.2250738585072014e-308;
const ULP: f64 = 2.220446049250313e-16;

@inline function at(a: usize, i: i32, j: i32, ld: i32): usize {
  return a + ((<usize>i * <usize>ld + <usize>j) << 3);
}
@inline function gm(a: usize, i: i32, j: i32, ld: i32): f64 {
  return load<f64>(at(a, i, j, ld));
}
@inline function sm(a: usize, i: i32, j: i32, ld: i32, v: f64): void {
  store<f64>(at(a, i, j, ld), v);
}
@inline function even(k: i32): i32 {
  return (k + 1) & ~1;
}

function innerCap(w: i32): i32 {
  return 5 * w * w + 16;
}

/** Doubles of scratch aed needs for windows up to w in an n x n matrix. */
export function aedScratchSize(n: i32, w: i32): i32 {
  return 4 * even(w * w) + even(pairsSize(w, w)) + even(innerCap(w)) + 12 * even(w) + even(w * n) + even(n) + 16;
}

/** Where aed leaves its suggested shifts (x, y, w) when nothing deflated. */
export function aedShifts(ws: usize, n: i32, w: i32): usize {
  return ws + ((<usize>(4 * even(w * w) + even(pairsSize(w, w)) + even(innerCap(w)) + 12 * even(w) + even(w * n) + even(n))) << 3);
}

export function aed(n: i32, h: usize, l: i32, en: i32, wantt: i32, ws: usize, w: i32): i32 {
  const kw = en - w + 1;
  const u = ws;
  const t = u + ((<usize>even(w * w)) << 3);
  const bq = t + ((<usize>even(w * w)) << 3);
  const qh = bq + ((<usize>even(w * w)) << 3);
  const xp = qh + ((<usize>even(w * w)) << 3);
  const st = xp + ((<usize>even(pairsSize(w, w))) << 3);
  const wr = st + ((<usize>even(innerCap(w))) << 3);
  const wi = wr + ((<usize>even(w)) << 3);
  const sp = wi + ((<usize>even(w)) << 3);
  const ort = sp + ((<usize>even(w)) << 3);
  const f = ort + ((<usize>even(w)) << 3); // 4w
  const tmp = f + ((<usize>(4 * even(w))) << 3); // w (the remaining 2w of the 10w are spare)
  const rows = tmp + ((<usize>(3 * even(w))) << 3); // w x n
  const trow = rows + ((<usize>even(w * n)) << 3); // n

  // the window, and the identity for its Schur vectors (pair layout)
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < w; j++) sm(t, i, j, w, j >= i - 1 ? gm(h, kw + i, kw + j, n) : 0.0);
  }
  const npw = (w + 1) >> 1;
  memory.fill(xp, 0, (<usize>(npw * w)) << 4);
  for (let i = 0; i < w; i++) store<f64>(xp + ((<usize>((i >> 1) * w + i)) << 4) + ((<usize>(i & 1)) << 3), 1.0);
  const info = dhseqr(w, 0, w - 1, t, wr, wi, 1, xp, npw, st, innerCap(w), 30 * (w > 10 ? w : 10), 0, 0);
  if (info != 0) return -1;
  pairsToRows(xp, w, w, u, w);

  // deflation test on the spike, from the bottom, one block at a time
  const s = gm(h, kw, kw - 1, n);
  const smlnum = SAFMIN * (<f64>n / ULP);
  let ns = w;
  while (ns > 0) {
    const j = ns - 1;
    if (load<f64>(wi + ((<usize>j) << 3)) == 0) {
      const tst = Math.abs(gm(t, j, j, w));
      if (Math.abs(s * gm(u, 0, j, w)) <= Math.max(smlnum, ULP * (tst > 0 ? tst : Math.abs(s)))) ns -= 1;
      else break;
    } else {
      // a 2x2 block (j-1, j)
      if (j == 0) break;
      const foo = Math.abs(gm(t, j, j, w)) + Math.sqrt(Math.abs(gm(t, j, j - 1, w))) * Math.sqrt(Math.abs(gm(t, j - 1, j, w)));
      const spk = Math.max(Math.abs(s * gm(u, 0, j, w)), Math.abs(s * gm(u, 0, j - 1, w)));
      if (spk <= Math.max(smlnum, ULP * (foo > 0 ? foo : Math.abs(s)))) ns -= 2;
      else break;
    }
  }
  const nd = w - ns;
  if (nd == 0) {
    // nothing converged: leave the window's bottom eigenvalues as the next shifts
    // (x, y, w in dhseqr's encoding: the shifts are the roots of z² - (x+y)z + xy - w)
    const sug = aedShifts(ws, n, w);
    const j = w - 1;
    const wij = load<f64>(wi + ((<usize>j) << 3));
    if (wij != 0) {
      const re = load<f64>(wr + ((<usize>j) << 3));
      store<f64>(sug, re);
      store<f64>(sug + 8, re);
      store<f64>(sug + 16, -wij * wij);
    } else {
      const a = load<f64>(wr + ((<usize>j) << 3));
      const b = load<f64>(wi + ((<usize>(j - 1)) << 3)) == 0 ? load<f64>(wr + ((<usize>(j - 1)) << 3)) : a;
      store<f64>(sug, a);
      store<f64>(sug + 8, b);
      store<f64>(sug + 16, 0.0);
    }
    return 0;
  }

  for (let i = 1; i < w; i++) {
    for (let j = 0; j < i - 1; j++) sm(t, i, j, w, 0.0);
  }
  if (ns > 0) sm(t, ns, ns - 1, w, 0.0);
  let spike0: f64 = 0;
  if (ns > 0) {
    for (let i = 0; i < ns; i++) store<f64>(sp + ((<usize>i) << 3), s * gm(u, 0, i, w));
    spike0 = load<f64>(sp);
  }
  if (ns > 1) {
    // fold the spike into its first entry with a reflector P = I - tau v vᵀ
    let big: f64 = 0;
    for (let i = 1; i < ns; i++) big = Math.max(big, Math.abs(load<f64>(sp + ((<usize>i) << 3))));
    if (big > 0) {
      let ssq: f64 = 0;
      for (let i = 1; i < ns; i++) {
        const q = load<f64>(sp + ((<usize>i) << 3)) / big;
        ssq += q * q;
      }
      const xnorm = big * Math.sqrt(ssq);
      const alpha = spike0;
      const hy = Math.hypot(alpha, xnorm);
      const beta = alpha >= 0 ? -hy : hy;
      const tau = (beta - alpha) / beta;
      const sc = 1.0 / (alpha - beta);
      store<f64>(sp, 1.0);
      for (let i = 1; i < ns; i++) store<f64>(sp + ((<usize>i) << 3), load<f64>(sp + ((<usize>i) << 3)) * sc);
      // left on rows 0..ns-1 of S, all columns
      for (let c = 0; c < w; c++) {
        let d: f64 = 0;
        for (let i = 0; i < ns; i++) d += load<f64>(sp + ((<usize>i) << 3)) * gm(t, i, c, w);
        d *= tau;
        for (let i = 0; i < ns; i++) sm(t, i, c, w, gm(t, i, c, w) - d * load<f64>(sp + ((<usize>i) << 3)));
      }
      // right on columns 0..ns-1 of S (rows 0..ns-1) and of U (all rows)
      for (let r = 0; r < ns; r++) reflectRow(at(t, r, 0, w), sp, ns, tau);
      for (let r = 0; r < w; r++) reflectRow(at(u, r, 0, w), sp, ns, tau);
      spike0 = beta;
    }
    // back to Hessenberg form: S11 = Qhᵀ S11 Qh, S12 = Qhᵀ S12, U[:, 0..ns-1] = U[:, 0..ns-1] Qh
    for (let i = 0; i < ns; i++) {
      for (let j = 0; j < ns; j++) sm(bq, i, j, ns, gm(t, i, j, w));
    }
    dgehrd(ns, 0, ns - 1, bq, qh, ort, f);
    for (let i = 0; i < ns; i++) {
      for (let j = 0; j < ns; j++) sm(t, i, j, w, gm(bq, i, j, ns));
    }
    for (let c = ns; c < w; c++) {
      for (let i = 0; i < ns; i++) {
        let d: f64 = 0;
        for (let k = 0; k < ns; k++) d += gm(qh, k, i, ns) * gm(t, k, c, w);
        store<f64>(tmp + ((<usize>i) << 3), d);
      }
      for (let i = 0; i < ns; i++) sm(t, i, c, w, load<f64>(tmp + ((<usize>i) << 3)));
    }
    for (let r = 0; r < w; r++) {
      for (let j = 0; j < ns; j++) {
        let d: f64 = 0;
        for (let k = 0; k < ns; k++) d += gm(u, r, k, w) * gm(qh, k, j, ns);
        store<f64>(tmp + ((<usize>j) << 3), d);
      }
      for (let j = 0; j < ns; j++) sm(u, r, j, w, load<f64>(tmp + ((<usize>j) << 3)));
    }
  }

  // write the window back, with its spike
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < w; j++) sm(h, kw + i, kw + j, n, gm(t, i, j, w));
    sm(h, kw + i, kw - 1, n, 0.0);
  }
  sm(h, kw, kw - 1, n, spike0);
  // rows above the window: H[r][kw..en] <- H[r][kw..en] U
  const r0 = wantt != 0 ? 0 : l;
  for (let r = r0; r < kw; r++) {
    const row = at(h, r, kw, n);
    memory.fill(trow, 0, (<usize>w) << 3);
    for (let k = 0; k < w; k++) axpy(w, load<f64>(row + ((<usize>k) << 3)), at(u, k, 0, w), trow);
    memory.copy(row, trow, (<usize>w) << 3);
  }
  // columns right of the window: H[kw..en][c] <- Uᵀ H[kw..en][c]
  if (wantt != 0 && en < n - 1) {
    const m = n - 1 - en;
    memory.fill(rows, 0, (<usize>(w * m)) << 3);
    for (let i = 0; i < w; i++) {
      const src = at(h, kw + i, en + 1, n);
      for (let j = 0; j < w; j++) axpy(m, gm(u, i, j, w), src, rows + ((<usize>(j * m)) << 3));
    }
    for (let j = 0; j < w; j++) memory.copy(at(h, kw + j, en + 1, n), rows + ((<usize>(j * m)) << 3), (<usize>m) << 3);
  }
  return nd;
}

/** row[0..m-1] -= tau (row·v) vᵀ. */
function reflectRow(row: usize, v: usize, m: i32, tau: f64): void {
  let d: f64 = 0;
  for (let i = 0; i < m; i++) d += load<f64>(row + ((<usize>i) << 3)) * load<f64>(v + ((<usize>i) << 3));
  d *= tau;
  for (let i = 0; i < m; i++) {
    const o = row + ((<usize>i) << 3);
    store<f64>(o, load<f64>(o) - d * load<f64>(v + ((<usize>i) << 3)));
  }
}

/** y += a x over m contiguous doubles. */
function axpy(m: i32, a: f64, x: usize, y: usize): void {
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

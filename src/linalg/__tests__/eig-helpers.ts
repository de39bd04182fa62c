// Shared checks for the eigenvalue tests: residuals in complex arithmetic, norms, matching.
import type { Matrix } from '../../core/matrix.js';
import type { EigResult, EighResult } from '../eig.js';

export type Rows = number[][];

export function frob(A: Rows): number {
  let s = 0;
  for (const row of A) for (const x of row) s += x * x;
  return Math.sqrt(s);
}

export function symmetric(A: Rows): Rows {
  const n = A.length;
  return A.map((row, i) => row.map((_, j) => (j <= i ? A[i]![j]! : A[j]![i]!)));
}

/** ‖AV − VΛ‖_F / ‖A‖_F and ‖VᵀV − I‖_F for an eigh result. */
export function eighResiduals(A: Rows, r: EighResult): { res: number; orth: number } {
  const n = A.length;
  const V = r.vectors as Matrix;
  let res = 0;
  let orth = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i]![j]! * V.data[j * n + k]!;
      res += (s - r.values[k]! * V.data[i * n + k]!) ** 2;
      let o = 0;
      for (let j = 0; j < n; j++) o += V.data[j * n + i]! * V.data[j * n + k]!;
      orth += (o - (i === k ? 1 : 0)) ** 2;
    }
  }
  const an = frob(A);
  return { res: an === 0 ? Math.sqrt(res) : Math.sqrt(res) / an, orth: Math.sqrt(orth) };
}

/** Largest ‖Av − λv‖₂ / ‖A‖_F over every eigenpair of an eig result (complex arithmetic). */
export function eigResidual(A: Rows, r: EigResult): number {
  const n = A.length;
  const { re, im } = r.vectors!;
  const an = frob(A) || 1;
  let worst = 0;
  for (let k = 0; k < n; k++) {
    const lr = r.values.re[k]!;
    const li = r.values.im[k]!;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        sr += A[i]![j]! * re.data[j * n + k]!;
        si += A[i]![j]! * im.data[j * n + k]!;
      }
      const vr = re.data[i * n + k]!;
      const vi = im.data[i * n + k]!;
      sr -= lr * vr - li * vi;
      si -= lr * vi + li * vr;
      s2 += sr * sr + si * si;
    }
    worst = Math.max(worst, Math.sqrt(s2) / an);
  }
  return worst;
}

/** Column k of an eig result as (re, im) arrays. */
export function column(r: EigResult, k: number): { re: number[]; im: number[] } {
  const n = r.values.re.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let i = 0; i < n; i++) {
    re.push(r.vectors!.re.data[i * n + k]!);
    im.push(r.vectors!.im.data[i * n + k]!);
  }
  return { re, im };
}

/**
 * Largest distance between expected eigenvalues and ours when each expected value takes
 * the nearest of ours not yet taken (the order of distinct eigenvalues is not part of the API).
 */
export function matchDistance(
  expected: { re: ArrayLike<number>; im: ArrayLike<number> },
  got: { re: ArrayLike<number>; im: ArrayLike<number> },
): number {
  const n = expected.re.length;
  if (got.re.length !== n) return Infinity;
  const taken = new Array<boolean>(n).fill(false);
  let worst = 0;
  for (let a = 0; a < n; a++) {
    let best = -1;
    let bestD = Infinity;
    for (let b = 0; b < n; b++) {
      if (taken[b]) continue;
      const d = Math.hypot(expected.re[a]! - got.re[b]!, expected.im[a]! - got.im[b]!);
      if (d < bestD) {
        bestD = d;
        best = b;
      }
    }
    taken[best] = true;
    worst = Math.max(worst, bestD);
  }
  return worst;
}

/** Throws unless pairs are adjacent, conjugate, positive imaginary part first. */
export function checkPairOrder(r: EigResult): void {
  const { re, im } = r.values;
  const n = re.length;
  let k = 0;
  while (k < n) {
    if (im[k] === 0) {
      k++;
      continue;
    }
    if (!(im[k]! > 0)) throw new Error(`eigenvalue ${k} has negative imaginary part first`);
    if (k + 1 >= n || re[k + 1] !== re[k] || im[k + 1] !== -im[k]!) throw new Error(`eigenvalue ${k} has no conjugate after it`);
    if (r.vectors) {
      const a = column(r, k);
      const b = column(r, k + 1);
      for (let i = 0; i < n; i++) {
        if (a.re[i] !== b.re[i] || a.im[i] !== -b.im[i]!) throw new Error(`eigenvectors ${k}, ${k + 1} are not conjugate`);
      }
    }
    k += 2;
  }
}

/**
 * Max over columns of |‖v‖₂ − 1|, and of the smallest |im| among the components whose
 * modulus is the largest (to rounding): the convention makes one of them exactly real.
 */
export function normalisation(r: EigResult): { norm: number; imagAtMax: number } {
  const n = r.values.re.length;
  let norm = 0;
  let imagAtMax = 0;
  for (let k = 0; k < n; k++) {
    const { re, im } = column(r, k);
    const mod = re.map((x, i) => x * x + im[i]! * im[i]!);
    const s = mod.reduce((a, b) => a + b, 0);
    const big = Math.max(...mod);
    let smallest = Infinity;
    for (let i = 0; i < n; i++) if (mod[i]! >= big * (1 - 1e-10)) smallest = Math.min(smallest, Math.abs(im[i]!));
    norm = Math.max(norm, Math.abs(Math.sqrt(s) - 1));
    imagAtMax = Math.max(imagAtMax, smallest);
  }
  return { norm, imagAtMax };
}

/**
 * Eigenvalues and eigenvectors: `eigh` for symmetric matrices (only the lower triangle is
 * read) and `eig` for general real matrices. The work is done by the WASM kernels
 * assembly/linalg/dsyev.ts and assembly/linalg/dgeev.ts; this file validates the
 * arguments, moves data in and out of the arena and shapes the results. See
 * docs/linalg-eigen.md.
 */
import { LinAlgError } from '../core/errors.js';
import { show } from '../core/format.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { assertFiniteEntries, optionsArg, squareMatrixArg } from '../core/validate.js';
import { withArena, type Arena } from '../wasm/arena.js';
import { wasm } from '../wasm/module.js';

export interface EigOptions {
  /** Compute eigenvectors too (default true). */
  vectors?: boolean;
}

export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Column k is the unit eigenvector of values[k] (absent with `vectors: false`). */
  vectors?: Matrix;
}

export interface EigResult {
  /** Eigenvalues; complex-conjugate pairs are adjacent, positive imaginary part first. */
  values: { re: Float64Array; im: Float64Array };
  /**
   * Column k of re + i·im is the eigenvector of values k, with unit 2-norm and its
   * largest component real (absent with `vectors: false`).
   */
  vectors?: { re: Matrix; im: Matrix };
}

interface EigenExports {
  dsyev(n: number, a: number, w: number, z: number, work: number, wantz: number, maxit: number): number;
  dsyev_workspace_size(n: number, wantz: number): number;
  dgeev(n: number, a: number, wr: number, wi: number, vre: number, vim: number, work: number, wantv: number, maxit: number): number;
  dgeev_workspace_size(n: number, wantv: number): number;
}

/** Iterations allowed in total, as EISPACK/LAPACK: 30 per eigenvalue (at least 300). */
export const DEFAULT_MAX_ITERATIONS = (n: number): number => 30 * Math.max(n, 10);

const DEFAULT_VECTORS = true;

/**
 * V8 runs a WASM function in its baseline tier until the function has used up a tiering
 * budget, and a call already running never switches tier; a single large call to a fresh
 * instance would run entirely unoptimized (about 2.5x slower at n = 500). So before the
 * first large problem on an instance, the kernel runs a few times on a small matrix
 * (about 20 ms once), which is enough for it to be optimized.
 */
const WARM_UP_FROM_N = 128;
const WARM_UP_N = 64;
const WARM_UP_CALLS = 5;
const warmedUp = { eigh: new WeakSet<object>(), eig: new WeakSet<object>() };

function warmUp(kind: 'eigh' | 'eig', n: number, w: ReturnType<typeof wasm>): void {
  if (n < WARM_UP_FROM_N || warmedUp[kind].has(w)) return;
  warmedUp[kind].add(w);
  const m = WARM_UP_N;
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      a[i * m + j] = Math.sin(1 + 7 * i + 3 * j);
      a[j * m + i] = kind === 'eigh' ? a[i * m + j]! : Math.cos(2 + 5 * j + 11 * i);
    }
  }
  const ex = w.exports as unknown as EigenExports;
  for (let k = 0; k < WARM_UP_CALLS; k++) {
    withArena(w.arena, (arena) => {
      const pa = arena.putF64(a);
      const p1 = arena.allocF64(m);
      const p2 = arena.allocF64(m);
      const v1 = arena.allocF64(m * m);
      const v2 = arena.allocF64(m * m);
      if (kind === 'eigh') ex.dsyev(m, pa, p1, v1, arena.allocF64(ex.dsyev_workspace_size(m, 1)), 1, DEFAULT_MAX_ITERATIONS(m));
      else ex.dgeev(m, pa, p1, p2, v1, v2, arena.allocF64(ex.dgeev_workspace_size(m, 1)), 1, DEFAULT_MAX_ITERATIONS(m));
    });
  }
}

/** A fresh n x n Matrix holding a copy of the arena's doubles at ptr. */
function copyMatrix(arena: Arena, ptr: number, n: number): Matrix {
  const m = new Matrix(n, n);
  m.data.set(arena.f64(ptr, n * n));
  return m;
}

function resolveOptions(fn: string, opts: unknown): Readonly<{ vectors: boolean }> {
  const o = optionsArg<EigOptions>(fn, opts);
  const vectors = o.vectors === undefined ? DEFAULT_VECTORS : o.vectors;
  if (typeof vectors !== 'boolean') throw new TypeError(`${fn}: opts.vectors must be a boolean, got ${show(vectors)}`);
  return Object.freeze({ vectors });
}

/**
 * Eigenvalues (ascending) and unit eigenvectors of a symmetric matrix; only the lower
 * triangle of A is read.
 */
export function eigh(A: MatrixLike, opts?: EigOptions): EighResult {
  return eighImpl(A, opts);
}

/** eigh with an explicit iteration budget (tests exercise the no-convergence path). */
export function eighImpl(A: MatrixLike, opts: EigOptions | undefined, maxIterations?: number): EighResult {
  const fn = 'eigh';
  // Only the lower triangle is read, so only it must be finite.
  const m = squareMatrixArg(fn, 'A', A, { checkFinite: false });
  assertFiniteEntries(fn, 'A', m, { lowerOnly: true });
  const { rows: n, data } = m;
  const { vectors } = resolveOptions(fn, opts);
  const maxit = maxIterations ?? DEFAULT_MAX_ITERATIONS(n);
  const w = wasm();
  const ex = w.exports as unknown as EigenExports;
  warmUp('eigh', n, w);
  return withArena(w.arena, (arena) => {
    const wantz = vectors ? 1 : 0;
    const pa = arena.putF64(data);
    const pw = arena.allocF64(n);
    const pz = vectors ? arena.allocF64(n * n) : 0;
    const work = arena.allocF64(ex.dsyev_workspace_size(n, wantz));
    const info = ex.dsyev(n, pa, pw, pz, work, wantz, maxit);
    if (info !== 0) {
      throw new LinAlgError(
        'no-convergence',
        `${fn}: the QL iteration did not converge within ${maxit} iterations (eigenvalue ${info - 1} of ${n})`,
      );
    }
    const result: EighResult = { values: arena.getF64(pw, n) };
    if (vectors) result.vectors = copyMatrix(arena, pz, n);
    return result;
  });
}

/**
 * Eigenvalues and eigenvectors of a general real matrix (LAPACK dgeev conventions).
 */
export function eig(A: MatrixLike, opts?: EigOptions): EigResult {
  return eigImpl(A, opts);
}

/** eig with an explicit iteration budget (tests exercise the no-convergence path). */
export function eigImpl(A: MatrixLike, opts: EigOptions | undefined, maxIterations?: number): EigResult {
  const fn = 'eig';
  const { rows: n, data } = squareMatrixArg(fn, 'A', A);
  const { vectors } = resolveOptions(fn, opts);
  const maxit = maxIterations ?? DEFAULT_MAX_ITERATIONS(n);
  const w = wasm();
  const ex = w.exports as unknown as EigenExports;
  warmUp('eig', n, w);
  return withArena(w.arena, (arena) => {
    const wantv = vectors ? 1 : 0;
    const pa = arena.putF64(data);
    const pwr = arena.allocF64(n);
    const pwi = arena.allocF64(n);
    const pre = vectors ? arena.allocF64(n * n) : 0;
    const pim = vectors ? arena.allocF64(n * n) : 0;
    const work = arena.allocF64(ex.dgeev_workspace_size(n, wantv));
    const info = ex.dgeev(n, pa, pwr, pwi, pre, pim, work, wantv, maxit);
    if (info !== 0) {
      throw new LinAlgError(
        'no-convergence',
        `${fn}: the QR iteration did not converge within ${maxit} iterations (${info} eigenvalues left of ${n})`,
      );
    }
    const result: EigResult = { values: { re: arena.getF64(pwr, n), im: arena.getF64(pwi, n) } };
    if (vectors) {
      result.vectors = { re: copyMatrix(arena, pre, n), im: copyMatrix(arena, pim, n) };
    }
    return result;
  });
}

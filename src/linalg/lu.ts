/**
 * LU with partial pivoting: solve, luFactor, det, inv (api.md, "Linear algebra").
 *
 * Every call copies its inputs into the WASM arena, runs the kernels of assembly/linalg
 * (dgetrf, dgetrs, dgecon, dgetdet) and copies the results out into fresh arrays, so
 * inputs are never modified and no result is a view of WASM memory. The arena space is
 * released when the call returns or throws, so calls nest (a solve inside another
 * library call's callback) and repeated calls do not grow memory.
 */
import { LinAlgError } from '../core/errors.js';
import { show } from '../core/format.js';
import { Matrix, type MatrixLike } from '../core/matrix.js';
import { assertFiniteEntries, isMatrixLike, matrixArg, optionsArg, squareMatrixArg, vectorArg, type DenseInput } from '../core/validate.js';
import { withArena, type Arena } from '../wasm/arena.js';
import { wasm } from '../wasm/module.js';

/** The WASM exports this module calls (assembly/index.ts, section "linalg: LU"). */
interface LuExports {
  dgetrf(n: number, a: number, lda: number, piv: number, work: number): number;
  dgetrf_workspace_size(n: number): number;
  dgetrs(trans: number, n: number, nrhs: number, lu: number, lda: number, piv: number, b: number, ldb: number, work: number): void;
  dgetrs_workspace_size(nrhs: number): number;
  dgecon(n: number, lu: number, lda: number, anorm: number, work: number): number;
  dgecon_workspace_size(n: number): number;
  dlange_one(n: number, a: number, lda: number, work: number): number;
  dgetdet(n: number, lu: number, lda: number, piv: number): number;
}

export interface SolveOptions {
  /** Solve A^T x = b instead of A x = b. Default false. */
  transposed?: boolean;
}

/** The factors of P A = L U and what they tell about A. */
export interface LU {
  /** L (strict lower triangle, unit diagonal implied) and U (upper triangle) in one matrix. */
  lu: Matrix;
  /** 0-based LAPACK row interchanges: row i was swapped with row piv[i], for i = 0, 1, ... */
  piv: Int32Array;
  /** 1-norm reciprocal condition estimate (LAPACK dgecon); 0 when singular. */
  rcond: number;
  /** true when some U(i, i) is exactly zero. */
  singular: boolean;
  /** Solve A x = b (or A^T x = b) with these factors. Throws LinAlgError('singular') when singular. */
  solve(b: ArrayLike<number>, opts?: SolveOptions): Float64Array;
  solve(b: MatrixLike, opts?: SolveOptions): Matrix;
  solve(b: ArrayLike<number> | MatrixLike, opts?: SolveOptions): Float64Array | Matrix;
  /** det(A) from the factors (0 when singular). */
  det(): number;
}

/** Below this reciprocal condition estimate `solve` warns (NumPy's float64 eps, as SciPy). */
const ILL_CONDITIONED_RCOND = Number.EPSILON;
export const ILL_CONDITIONED_CODE = 'SCICOMP_ILL_CONDITIONED';

function exports(): { ex: LuExports; arena: Arena } {
  const w = wasm();
  return { ex: w.exports as unknown as LuExports, arena: w.arena };
}

interface Rhs {
  data: Float64Array;
  nrhs: number;
  vector: boolean;
}

function rhsArg(fn: string, b: unknown, n: number): Rhs {
  if (isMatrixLike(b)) {
    const m = matrixArg(fn, 'b', b);
    if (m.rows !== n) throw new RangeError(`${fn}: b must have ${n} rows to match A (${n}x${n}), got ${m.rows}x${m.cols}`);
    return { data: m.data, nrhs: m.cols, vector: false };
  }
  const v = vectorArg(fn, 'b', b);
  if (v.length !== n) throw new RangeError(`${fn}: b must have length ${n} to match A (${n}x${n}), got ${v.length}`);
  return { data: v, nrhs: 1, vector: true };
}

function solveOptions(fn: string, opts: unknown): Readonly<Required<SolveOptions>> {
  const o = optionsArg<SolveOptions>(fn, opts);
  const transposed = o.transposed ?? false;
  if (typeof transposed !== 'boolean') throw new TypeError(`${fn}: opts.transposed must be a boolean, got ${show(transposed)}`);
  return Object.freeze({ transposed });
}

/** One warning per ill-conditioned solve: process.emitWarning in Node, console.warn elsewhere. */
function warnIllConditioned(fn: string, rcond: number): void {
  const msg = `${fn}: ill-conditioned matrix (rcond=${rcond.toExponential(6)}): the result may not be accurate`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { code: string }) => void } }).process;
  if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(msg, { code: ILL_CONDITIONED_CODE });
  else if (typeof console !== 'undefined') console.warn(`Warning [${ILL_CONDITIONED_CODE}]: ${msg}`);
}

function singularError(fn: string, info: number): LinAlgError {
  return new LinAlgError('singular', `${fn}: A is singular: U[${info - 1}][${info - 1}] is exactly zero`);
}

interface Factored {
  a: number;
  piv: number;
  work: number;
  info: number;
}

/** A square matrix argument whose entries are checked for finiteness later, in WASM. */
function squareArg(fn: string, A: unknown): DenseInput {
  return squareMatrixArg(fn, 'A', A, { checkFinite: false });
}

/**
 * Copy A into the arena and factor it in place; the workspace also fits dgetrs with nrhs
 * columns. ||A||_1 is computed first: it is NaN or Infinity exactly when an entry is not
 * finite (or the column sums overflow), so the O(n^2) finiteness scan runs in JS only then.
 */
function factorInArena(fn: string, ex: LuExports, ar: Arena, A: DenseInput, nrhs: number): Factored & { anorm: number } {
  const n = A.rows;
  const a = ar.putF64(A.data);
  const piv = ar.allocI32(n);
  const work = ar.allocF64(Math.max(ex.dgetrf_workspace_size(n), ex.dgetrs_workspace_size(nrhs), ex.dgecon_workspace_size(n), n));
  const anorm = ex.dlange_one(n, a, n, work);
  if (!Number.isFinite(anorm)) assertFiniteEntries(fn, 'A', A);
  const info = ex.dgetrf(n, a, n, piv, work);
  return { a, piv, work, info, anorm };
}

/** Solve with factors already in the arena; returns the solution as a fresh array or Matrix. */
function solveInArena(ex: LuExports, ar: Arena, n: number, f: Factored, rhs: Rhs, transposed: boolean): Float64Array | Matrix {
  const b = ar.putF64(rhs.data);
  ex.dgetrs(transposed ? 1 : 0, n, rhs.nrhs, f.a, n, f.piv, b, rhs.nrhs, f.work);
  if (rhs.vector) return ar.getF64(b, n);
  const out = new Matrix(n, rhs.nrhs);
  out.data.set(ar.f64(b, n * rhs.nrhs));
  return out;
}

/**
 * Solve A x = b (or A^T x = b with `transposed`) by LU with partial pivoting. A vector b
 * gives a Float64Array, a matrix b (one right-hand side per column) a Matrix.
 * Throws LinAlgError('singular') when a pivot is exactly zero; when the reciprocal
 * condition estimate is below machine epsilon the solution is still returned and one
 * warning with code SCICOMP_ILL_CONDITIONED is emitted.
 */
export function solve(A: MatrixLike, b: ArrayLike<number>, opts?: SolveOptions): Float64Array;
export function solve(A: MatrixLike, b: MatrixLike, opts?: SolveOptions): Matrix;
export function solve(A: MatrixLike, b: ArrayLike<number> | MatrixLike, opts?: SolveOptions): Float64Array | Matrix;
export function solve(A: MatrixLike, b: ArrayLike<number> | MatrixLike, opts?: SolveOptions): Float64Array | Matrix {
  const fn = 'solve';
  const a = squareArg(fn, A);
  const n = a.rows;
  const rhs = rhsArg(fn, b, n);
  const { transposed } = solveOptions(fn, opts);
  const { ex, arena } = exports();
  const { x, rcond } = withArena(arena, (ar) => {
    const f = factorInArena(fn, ex, ar, a, rhs.nrhs);
    if (f.info > 0) throw singularError(fn, f.info);
    const rcond = ex.dgecon(n, f.a, n, f.anorm, f.work);
    return { x: solveInArena(ex, ar, n, f, rhs, transposed), rcond };
  });
  if (rcond < ILL_CONDITIONED_RCOND) warnIllConditioned(fn, rcond);
  return x;
}

class LuFactors implements LU {
  readonly lu: Matrix;
  readonly piv: Int32Array;
  readonly rcond: number;
  readonly singular: boolean;

  constructor(lu: Matrix, piv: Int32Array, rcond: number, singular: boolean) {
    this.lu = lu;
    this.piv = piv;
    this.rcond = rcond;
    this.singular = singular;
  }

  solve(b: ArrayLike<number>, opts?: SolveOptions): Float64Array;
  solve(b: MatrixLike, opts?: SolveOptions): Matrix;
  solve(b: ArrayLike<number> | MatrixLike, opts?: SolveOptions): Float64Array | Matrix;
  solve(b: ArrayLike<number> | MatrixLike, opts?: SolveOptions): Float64Array | Matrix {
    const fn = 'LU.solve';
    const n = this.lu.rows;
    const rhs = rhsArg(fn, b, n);
    const { transposed } = solveOptions(fn, opts);
    if (this.singular) {
      let k = 0;
      while (k < n && this.lu.data[k * n + k] !== 0) k++;
      throw singularError(fn, k + 1);
    }
    const { ex, arena } = exports();
    return withArena(arena, (ar) => {
      const a = ar.putF64(this.lu.data);
      const piv = ar.allocI32(n);
      ar.i32(piv, n).set(this.piv);
      const work = ar.allocF64(ex.dgetrs_workspace_size(rhs.nrhs));
      return solveInArena(ex, ar, n, { a, piv, work, info: 0 }, rhs, transposed);
    });
  }

  det(): number {
    const n = this.lu.rows;
    const d = this.lu.data;
    let det = 1;
    for (let i = 0; i < n; i++) {
      det *= d[i * n + i]!;
      if (this.piv[i] !== i) det = -det;
    }
    return det === 0 ? 0 : det;
  }
}

/**
 * Factor P A = L U with partial pivoting (LAPACK dgetrf's pivot choices) and estimate the
 * reciprocal condition number (dgecon). An exactly singular A is not an error here: the
 * factors come back with `singular: true` and `rcond: 0`.
 */
export function luFactor(A: MatrixLike): LU {
  const fn = 'luFactor';
  const a = squareArg(fn, A);
  const n = a.rows;
  const { ex, arena } = exports();
  return withArena(arena, (ar) => {
    const f = factorInArena(fn, ex, ar, a, 1);
    const singular = f.info > 0;
    const rcond = singular ? 0 : ex.dgecon(n, f.a, n, f.anorm, f.work);
    const lu = new Matrix(n, n);
    lu.data.set(ar.f64(f.a, n * n));
    return new LuFactors(lu, ar.getI32(f.piv, n), rcond, singular);
  });
}

/** det(A) by LU with partial pivoting; 0 for an exactly singular A. */
export function det(A: MatrixLike): number {
  const fn = 'det';
  const a = squareArg(fn, A);
  const n = a.rows;
  const { ex, arena } = exports();
  const d = withArena(arena, (ar) => {
    const f = factorInArena(fn, ex, ar, a, 1);
    return f.info > 0 ? 0 : ex.dgetdet(n, f.a, n, f.piv);
  });
  return d === 0 ? 0 : d;
}

/** A^-1 by LU with partial pivoting (solving A X = I). Throws LinAlgError('singular'). */
export function inv(A: MatrixLike): Matrix {
  const fn = 'inv';
  const a = squareArg(fn, A);
  const n = a.rows;
  const { ex, arena } = exports();
  return withArena(arena, (ar) => {
    const f = factorInArena(fn, ex, ar, a, n);
    if (f.info > 0) throw singularError(fn, f.info);
    const id = new Float64Array(n * n);
    for (let i = 0; i < n; i++) id[i * n + i] = 1;
    return solveInArena(ex, ar, n, f, { data: id, nrhs: n, vector: false }, false) as Matrix;
  });
}

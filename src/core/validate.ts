/**
 * Validators: each checks one argument, throws a TypeError/RangeError that names the
 * function, the argument, the rule and the bad value, and returns the cleaned value.
 */
import { show } from './format.js';
import { Matrix, type MatrixLike } from './matrix.js';

export interface DenseInput {
  rows: number;
  cols: number;
  /** Row-major copy or the caller's own Matrix data (read only: never write to it). */
  data: Float64Array;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (
    Array.isArray(v) ||
    (ArrayBuffer.isView(v) && !(v instanceof DataView)) ||
    (typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number')
  );
}

/**
 * A dense matrix from a Matrix, number[][] or Float64Array[]; every entry finite.
 * `checkFinite: false` skips the entry scan for callers that detect non-finite entries
 * more cheaply themselves (e.g. from a norm computed in WASM) and then call
 * `assertFiniteEntries` for the message.
 */
export function matrixArg(fn: string, name: string, value: unknown, opts: { allowEmpty?: boolean; checkFinite?: boolean } = {}): DenseInput {
  let rows: number;
  let cols: number;
  let data: Float64Array;
  if (value instanceof Matrix) {
    ({ rows, cols, data } = value);
  } else if (
    typeof value === 'object' && value !== null && !isArrayLike(value) &&
    typeof (value as DenseInput).rows === 'number' && (value as DenseInput).data instanceof Float64Array
  ) {
    const m = value as DenseInput;
    ({ rows, cols, data } = m);
    if (data.length !== rows * cols) throw new RangeError(`${fn}: ${name} data must have ${rows}x${cols} = ${rows * cols} entries, got ${data.length}`);
  } else if (isArrayLike(value) && !ArrayBuffer.isView(value)) {
    const list = value as ArrayLike<unknown>;
    rows = list.length;
    cols = 0;
    for (let i = 0; i < rows; i++) {
      const row = list[i];
      if (!isArrayLike(row)) throw new TypeError(`${fn}: ${name} must be a matrix (array of rows), row ${i} is ${show(row)}`);
      if (i === 0) cols = row.length;
      else if (row.length !== cols) throw new RangeError(`${fn}: ${name} rows must all have the same length, row 0 has ${cols} and row ${i} has ${row.length}`);
    }
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = list[i] as ArrayLike<unknown>;
      for (let j = 0; j < cols; j++) {
        const x = row[j];
        if (typeof x !== 'number') throw new TypeError(`${fn}: ${name}[${i}][${j}] must be a number, got ${show(x)}`);
        data[i * cols + j] = x;
      }
    }
  } else {
    throw new TypeError(`${fn}: ${name} must be a Matrix or an array of rows, got ${show(value)}`);
  }
  if (!opts.allowEmpty && (rows === 0 || cols === 0)) throw new RangeError(`${fn}: ${name} must not be empty, got ${rows}x${cols}`);
  if (opts.checkFinite !== false) assertFiniteEntries(fn, name, { rows, cols, data });
  return { rows, cols, data };
}

/**
 * Throw the RangeError of matrixArg for the first non-finite entry, if there is one.
 * `lowerOnly` checks only the lower triangle (for routines that read nothing else).
 */
export function assertFiniteEntries(fn: string, name: string, m: DenseInput, opts: { lowerOnly?: boolean } = {}): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const end = opts.lowerOnly ? Math.min(i + 1, cols) : cols;
    for (let j = 0; j < end; j++) {
      const v = data[i * cols + j]!;
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name} entries must be finite, ${name}[${i}][${j}] is ${v}`);
    }
  }
}

export function squareMatrixArg(fn: string, name: string, value: unknown, opts: { checkFinite?: boolean } = {}): DenseInput {
  const m = matrixArg(fn, name, value, opts);
  if (m.rows !== m.cols) throw new RangeError(`${fn}: ${name} must be square, got ${m.rows}x${m.cols}`);
  return m;
}

/** A vector of finite numbers, copied into a fresh Float64Array. */
export function vectorArg(fn: string, name: string, value: unknown, opts: { length?: number; allowEmpty?: boolean } = {}): Float64Array {
  if (!isArrayLike(value) || typeof value === 'string') throw new TypeError(`${fn}: ${name} must be an array of numbers, got ${show(value)}`);
  const n = value.length;
  if (opts.length !== undefined && n !== opts.length) throw new RangeError(`${fn}: ${name} must have length ${opts.length}, got ${n}`);
  if (n === 0 && !opts.allowEmpty) throw new RangeError(`${fn}: ${name} must not be empty, got length 0`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = value[i];
    if (typeof x !== 'number') throw new TypeError(`${fn}: ${name}[${i}] must be a number, got ${show(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: ${name}[${i}] must be finite, got ${x}`);
    out[i] = x;
  }
  return out;
}

export function isMatrixLike(value: unknown): boolean {
  if (value instanceof Matrix) return true;
  if (isArrayLike(value) && !ArrayBuffer.isView(value)) {
    const first = (value as ArrayLike<unknown>)[0];
    return (value as ArrayLike<unknown>).length > 0 && isArrayLike(first);
  }
  return typeof value === 'object' && value !== null && !isArrayLike(value) && (value as DenseInput).data instanceof Float64Array;
}

export function finiteNumberArg(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be finite, got ${value}`);
  return value;
}

export function positiveNumberArg(fn: string, name: string, value: unknown, opts: { allowZero?: boolean; allowInfinity?: boolean } = {}): number {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  // NaN is a number with a bad value: RangeError, as for every other non-finite input.
  if (Number.isNaN(value)) throw new RangeError(`${fn}: ${name} must be ${opts.allowZero ? 'non-negative' : 'positive'}, got NaN`);
  if (value === Infinity && opts.allowInfinity) return value;
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be finite, got ${value}`);
  if (opts.allowZero ? value < 0 : value <= 0) {
    throw new RangeError(`${fn}: ${name} must be ${opts.allowZero ? 'non-negative' : 'positive'}, got ${value}`);
  }
  return value;
}

export function integerArg(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be an integer, got ${show(value)}`);
  // A number that is not a whole one (2.5, NaN, Infinity) is a bad value, not a wrong kind.
  if (!Number.isInteger(value)) throw new RangeError(`${fn}: ${name} must be an integer, got ${show(value)}`);
  if (value < min) throw new RangeError(`${fn}: ${name} must be at least ${min}, got ${value}`);
  return value;
}

export function functionArg<F extends (...args: never[]) => unknown>(fn: string, name: string, value: unknown): F {
  if (typeof value !== 'function') throw new TypeError(`${fn}: ${name} must be a function, got ${show(value)}`);
  return value as F;
}

export function optionsArg<T extends object>(fn: string, value: unknown): Partial<T> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') throw new TypeError(`${fn}: opts must be an object, got ${show(value)}`);
  return value as Partial<T>;
}

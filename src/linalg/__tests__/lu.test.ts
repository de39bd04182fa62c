import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinAlgError, Matrix, det, inv, luFactor, solve } from '../../index.js';
import { loadFixture, num, randomRows, rng } from '../../__tests__/fixtures.js';
import { withArena } from '../../wasm/arena.js';
import { wasm, withWasm } from '../../wasm/module.js';

interface LinalgCase {
  name: string;
  n: number;
  A: number[][];
  b: number[];
  singular: boolean;
  x?: number[];
  det: number | string;
  rcond: number | string;
  piv: number[];
  inv?: number[][];
  error?: string;
}

const fixture = loadFixture<LinalgCase>('linalg');
const regular = fixture.cases.filter((c) => !c.singular);
const singular = fixture.cases.filter((c) => c.singular);

const normInf = (v: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
};

function matNormInf(A: number[][]): number {
  return Math.max(...A.map((r) => r.reduce((s, v) => s + Math.abs(v), 0)));
}

/** ||op(A) x - b||_inf / (||op(A)||_inf ||x||_inf + ||b||_inf). */
function backwardError(A: number[][], x: ArrayLike<number>, b: ArrayLike<number>, transposed = false): number {
  const n = A.length;
  const r = new Float64Array(n);
  let normA = 0;
  for (let i = 0; i < n; i++) {
    let s = -b[i]!;
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      const aij = transposed ? A[j]![i]! : A[i]![j]!;
      s += aij * x[j]!;
      rowSum += Math.abs(aij);
    }
    r[i] = s;
    normA = Math.max(normA, rowSum);
  }
  return normInf(r) / (normA * normInf(x) + normInf(b));
}

function column(m: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: m.rows }, (_, i) => m.get(i, j));
}

function randomVector(seed: number, n: number): number[] {
  const g = rng(seed);
  return Array.from({ length: n }, () => g.normal());
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relTol: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(normInf(expected), Number.MIN_VALUE);
  const diff = Array.from(expected, (e, i) => Math.abs(actual[i]! - e));
  expect(Math.max(...diff) / scale).toBeLessThan(relTol);
}

describe('LU on the SciPy fixtures', () => {
  it.each(regular.map((c) => [c.name, c] as const))('solves %s like LAPACK dgesv', (_name, c) => {
    const cond = 1 / num(c.rcond);
    const x = solve(c.A, c.b);
    expect(x).toBeInstanceOf(Float64Array);
    expectClose(x, c.x!, Math.max(1e-12 * cond, 1e-14));
  });

  it.each(regular.map((c) => [c.name, c] as const))('factors %s with the pivots, rcond and determinant of dgetrf/dgecon', (_name, c) => {
    const f = luFactor(c.A);
    expect(Array.from(f.piv)).toEqual(c.piv);
    expect(f.singular).toBe(false);
    const ratio = f.rcond / num(c.rcond);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
    const cond = 1 / num(c.rcond);
    const tol = Math.max(1e-12 * cond, 1e-14);
    expect(Math.abs(det(c.A) - num(c.det))).toBeLessThan(tol * Math.abs(num(c.det)));
    expect(Math.abs(f.det() - num(c.det))).toBeLessThan(tol * Math.abs(num(c.det)));
  });

  it('reproduces every fixture rcond to rounding (the same estimator as dgecon)', () => {
    for (const c of regular) {
      const r = luFactor(c.A).rcond;
      expect(Math.abs(r - num(c.rcond)) / num(c.rcond), c.name).toBeLessThan(1e-10);
    }
  });

  it.each(regular.filter((c) => c.inv).map((c) => [c.name, c] as const))('inverts %s', (_name, c) => {
    const cond = 1 / num(c.rcond);
    const Ai = inv(c.A);
    expect(Ai).toBeInstanceOf(Matrix);
    expect([Ai.rows, Ai.cols]).toEqual([c.n, c.n]);
    expectClose(Ai.data, c.inv!.flat(), Math.max(1e-12 * cond, 1e-14));
  });

  it.each(singular.map((c) => [c.name, c] as const))('treats the exactly singular %s as LAPACK does', (_name, c) => {
    expect(c.error).toBe('singular');
    const attempt = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    for (const err of [attempt(() => solve(c.A, c.b)), attempt(() => inv(c.A)), attempt(() => luFactor(c.A).solve(c.b))]) {
      expect(err).toBeInstanceOf(LinAlgError);
      expect((err as LinAlgError).code).toBe('singular');
      expect((err as LinAlgError).message).toMatch(/singular: U\[2\]\[2\] is exactly zero/);
    }
    const f = luFactor(c.A);
    expect(f.singular).toBe(true);
    expect(f.rcond).toBe(0);
    expect(Array.from(f.piv)).toEqual(c.piv);
    expect(f.det()).toBe(0);
    expect(det(c.A)).toBe(0);
    expect(num(c.det)).toBe(0);
  });
});

describe('LU on exactly singular matrices', () => {
  it('reports the first exactly zero pivot and keeps factoring, as dgetrf does', () => {
    // Powers of two keep every step exact: column 1 vanishes after the first elimination.
    const A = [[1, 2, 3], [2, 4, 7], [4, 8, 8]];
    const f = luFactor(A);
    expect(f.singular).toBe(true);
    expect(f.rcond).toBe(0);
    expect(Array.from(f.piv)).toEqual([2, 1, 2]);
    expect(f.lu.toArray()).toEqual([[4, 8, 8], [0.5, 0, 3], [0.25, 0, 1]]);
    expect(f.det()).toBe(0);
    expect(det(A)).toBe(0);
    expect(() => solve(A, [1, 2, 3])).toThrow(/^solve: A is singular: U\[1\]\[1\] is exactly zero$/);
    expect(() => f.solve([1, 2, 3])).toThrow(/^LU.solve: A is singular: U\[1\]\[1\] is exactly zero$/);
  });

  it('handles a 1 x 1 zero matrix and a zero matrix', () => {
    expect(() => solve([[0]], [1])).toThrow(LinAlgError);
    expect(det([[0]])).toBe(0);
    expect(Array.from(luFactor([[0]]).piv)).toEqual([0]);
    const Z = new Matrix(70, 70);
    const f = luFactor(Z);
    expect(f.singular).toBe(true);
    expect(Array.from(f.piv)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(() => inv(Z)).toThrow(/^inv: A is singular: U\[0\]\[0\] is exactly zero$/);
  });
});

describe('LU on seeded random matrices', () => {
  const sizes = [1, 2, 3, 17, 64, 200];

  it.each(sizes)('has normwise backward error below 1e-14 n for n = %i', (n) => {
    const A = randomRows(1000 + n, n);
    const b = randomVector(2000 + n, n);
    const x = solve(A, b);
    expect(backwardError(A, x, b)).toBeLessThan(1e-14 * n);
  });

  it.each(sizes)('solves the transposed system with backward error below 1e-14 n for n = %i', (n) => {
    const A = randomRows(3000 + n, n);
    const b = randomVector(4000 + n, n);
    const x = solve(A, b, { transposed: true });
    expect(backwardError(A, x, b, true)).toBeLessThan(1e-14 * n);
    const y = luFactor(A).solve(b, { transposed: true });
    expect(backwardError(A, y, b, true)).toBeLessThan(1e-14 * n);
  });

  it.each(sizes)('solves several right-hand sides at once for n = %i (plain and transposed)', (n) => {
    const A = randomRows(5000 + n, n);
    const nrhs = 7;
    const B = randomRows(6000 + n, n, nrhs);
    for (const transposed of [false, true]) {
      const X = solve(A, B, { transposed });
      expect(X).toBeInstanceOf(Matrix);
      expect([X.rows, X.cols]).toEqual([n, nrhs]);
      const X2 = luFactor(A).solve(Matrix.from(B), { transposed });
      for (let j = 0; j < nrhs; j++) {
        const bj = B.map((r) => r[j]!);
        expect(backwardError(A, column(X, j), bj, transposed)).toBeLessThan(1e-14 * n);
        expect(backwardError(A, column(X2, j), bj, transposed)).toBeLessThan(1e-14 * n);
      }
    }
  });

  it('solves 100 right-hand sides of a 150 x 150 system (blocked triangular solves)', () => {
    const n = 150;
    const A = randomRows(7001, n);
    const B = randomRows(7002, n, 100);
    for (const transposed of [false, true]) {
      const X = solve(A, B, { transposed });
      for (const j of [0, 1, 2, 3, 50, 97, 98, 99]) {
        expect(backwardError(A, column(X, j), B.map((r) => r[j]!), transposed)).toBeLessThan(1e-14 * n);
      }
    }
  });

  it.each([17, 64, 200])('returns factors with P A = L U for n = %i', (n) => {
    const A = randomRows(8000 + n, n);
    const { lu, piv } = luFactor(A);
    const PA = A.map((r) => r.slice());
    for (let i = 0; i < n; i++) {
      const p = piv[i]!;
      expect(p).toBeGreaterThanOrEqual(i);
      expect(p).toBeLessThan(n);
      [PA[i], PA[p]] = [PA[p]!, PA[i]!];
    }
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i <= j ? lu.get(i, j) : 0;
        for (let k = 0; k < Math.min(i, j + 1); k++) s += lu.get(i, k) * lu.get(k, j);
        worst = Math.max(worst, Math.abs(s - PA[i]![j]!));
      }
      for (let k = 0; k < i; k++) expect(Math.abs(lu.get(i, k))).toBeLessThanOrEqual(1);
    }
    expect(worst / matNormInf(A)).toBeLessThan(1e-14 * n);
  });

  it.each([17, 64])('inverts an n = %i matrix so that A inv(A) = I', (n) => {
    const A = randomRows(9000 + n, n);
    const Ai = inv(A);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i]![k]! * Ai.get(k, j);
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-12 * n);
  });

  it('gives det(A) of triangular and permuted matrices exactly', () => {
    expect(det([[2, 5, 7], [0, 3, 1], [0, 0, -4]])).toBe(-24);
    expect(det([[0, 1, 0], [0, 0, 1], [1, 0, 0]])).toBe(1);
    expect(det([[0, 1, 0], [1, 0, 0], [0, 0, 1]])).toBe(-1);
    expect(det([[3]])).toBe(3);
    const A = randomRows(9500, 30);
    const swapped = [A[1]!, A[0]!, ...A.slice(2)];
    expect(det(swapped) / det(A)).toBeCloseTo(-1, 12);
  });

  it('does not mistake a column sum that overflows for a non-finite entry', () => {
    const big = 2 ** 1023;
    expect(det([[big, 1], [big, 2]])).toBe(big);
    const x = solve([[big, 0], [big, 1]], [big, big]);
    expect(Array.from(x)).toEqual([1, 0]);
  });

  it('accepts a Matrix, number[][] and Float64Array[] alike and never modifies them', () => {
    const rows = randomRows(9600, 9);
    const b = randomVector(9601, 9);
    const M = Matrix.from(rows);
    const before = M.data.slice();
    const bCopy = Float64Array.from(b);
    const x1 = solve(M, bCopy);
    const x2 = solve(rows, b);
    const x3 = solve(rows.map((r) => Float64Array.from(r)), b);
    expect(Array.from(x1)).toEqual(Array.from(x2));
    expect(Array.from(x1)).toEqual(Array.from(x3));
    expect(M.data).toEqual(before);
    expect(bCopy).toEqual(Float64Array.from(b));
    expect(x1.buffer).not.toBe(wasm().exports.memory.buffer);
  });
});

describe('LU builds', () => {
  it('gives the same factors and solutions from the SIMD and scalar builds', () => {
    const n = 131;
    const A = randomRows(11, n);
    const b = randomVector(12, n);
    const B = randomRows(13, n, 9);
    const run = (variant: 'simd' | 'scalar') =>
      withWasm(variant, (w) => {
        expect(w.simd).toBe(variant === 'simd');
        const f = luFactor(A);
        return { f, x: solve(A, b), xt: solve(A, b, { transposed: true }), X: solve(A, B), d: det(A), Ai: inv(A) };
      });
    const s = run('scalar');
    const v = run('simd');
    // Every kernel forms each result with the same operations in the same order in both
    // builds (f64x2 lanes mirror the scalar partial sums), so the answers are identical.
    expect(Array.from(v.f.piv)).toEqual(Array.from(s.f.piv));
    expect(v.f.lu.data).toEqual(s.f.lu.data);
    expect(v.d).toBe(s.d);
    expect(v.f.rcond).toBe(s.f.rcond);
    expect(v.x).toEqual(s.x);
    expect(v.xt).toEqual(s.xt);
    expect(v.X.data).toEqual(s.X.data);
    expect(v.Ai.data).toEqual(s.Ai.data);
    expectClose(v.x, solve(A, b), 1e-12);
  });
});

describe('LU argument validation', () => {
  const A2 = [[1, 2], [3, 4]];
  const cases: Array<[string, () => unknown, typeof TypeError | typeof RangeError, string]> = [
    ['A is not square', () => solve([[1, 2, 3], [4, 5, 6]], [1, 2]), RangeError, 'solve: A must be square, got 2x3'],
    ['A is empty', () => solve([], []), RangeError, 'solve: A must not be empty, got 0x0'],
    ['A has ragged rows', () => solve([[1, 2], [3]], [1, 2]), RangeError, 'solve: A rows must all have the same length, row 0 has 2 and row 1 has 1'],
    ['A has a NaN', () => solve([[1, NaN], [3, 4]], [1, 2]), RangeError, 'solve: A entries must be finite, A[0][1] is NaN'],
    ['A has an Infinity', () => det([[1, 2], [Infinity, 4]]), RangeError, 'det: A entries must be finite, A[1][0] is Infinity'],
    ['A is a flat typed array', () => solve(new Float64Array(4) as never, [1, 2]), TypeError, 'solve: A must be a Matrix or an array of rows, got a Float64Array of length 4'],
    ['A is a number', () => inv(3 as never), TypeError, 'inv: A must be a Matrix or an array of rows, got 3'],
    ['A has a string entry', () => luFactor([[1, '2'], [3, 4]] as never), TypeError, 'luFactor: A[0][1] must be a number, got "2"'],
    ['A is not square (inv)', () => inv([[1, 2]]), RangeError, 'inv: A must be square, got 1x2'],
    ['A is not square (luFactor)', () => luFactor([[1], [2]]), RangeError, 'luFactor: A must be square, got 2x1'],
    ['b has the wrong length', () => solve(A2, [1, 2, 3]), RangeError, 'solve: b must have length 2 to match A (2x2), got 3'],
    ['b has the wrong row count', () => solve(A2, [[1], [2], [3]]), RangeError, 'solve: b must have 2 rows to match A (2x2), got 3x1'],
    ['b is empty', () => solve(A2, []), RangeError, 'solve: b must not be empty, got length 0'],
    ['b has a NaN', () => solve(A2, [1, NaN]), RangeError, 'solve: b[1] must be finite, got NaN'],
    ['b matrix has an Infinity', () => solve(A2, [[1, 2], [-Infinity, 0]]), RangeError, 'solve: b entries must be finite, b[1][0] is -Infinity'],
    ['b matrix is ragged', () => solve(A2, [[1, 2], [3]]), RangeError, 'solve: b rows must all have the same length, row 0 has 2 and row 1 has 1'],
    ['b is a string', () => solve(A2, 'ab' as never), TypeError, 'solve: b must be an array of numbers, got "ab"'],
    ['b is missing', () => (solve as (a: unknown) => unknown)(A2), TypeError, 'solve: b must be an array of numbers, got undefined'],
    ['b has a non-number', () => solve(A2, [1, null] as never), TypeError, 'solve: b[1] must be a number, got null'],
    ['opts is not an object', () => solve(A2, [1, 2], 5 as never), TypeError, 'solve: opts must be an object, got 5'],
    ['transposed is not a boolean', () => solve(A2, [1, 2], { transposed: 'yes' } as never), TypeError, 'solve: opts.transposed must be a boolean, got "yes"'],
    ['LU.solve b has the wrong length', () => luFactor(A2).solve([1]), RangeError, 'LU.solve: b must have length 2 to match A (2x2), got 1'],
    ['LU.solve transposed is not a boolean', () => luFactor(A2).solve([1, 2], { transposed: 1 } as never), TypeError, 'LU.solve: opts.transposed must be a boolean, got 1'],
  ];

  it.each(cases)('rejects a call where %s', (_what, call, type, message) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as Error).message).toBe(message);
  });
});

describe('LU memory', () => {
  it('leaves WASM memory unchanged after the first of 1000 successive 200 x 200 solves', () => {
    const n = 200;
    const A = Matrix.from(randomRows(21, n));
    const b = randomVector(22, n);
    const { arena } = wasm();
    const mark = arena.mark();
    solve(A, b);
    const bytes = arena.memoryBytes;
    for (let k = 0; k < 1000; k++) {
      const x = solve(A, b);
      if (k % 250 === 0) expect(backwardError(A.toArray(), x, b)).toBeLessThan(1e-14 * n);
    }
    expect(arena.memoryBytes).toBe(bytes);
    expect(arena.mark()).toBe(mark);
  });

  it('grows memory for a 2000 x 2000 solve and keeps working afterwards', () => {
    withWasm('simd', (w) => {
      const n = 2000;
      const before = w.arena.memoryBytes;
      const g = rng(31);
      const data = new Float64Array(n * n);
      for (let k = 0; k < data.length; k++) data[k] = g.normal();
      const A = new Matrix(n, n, data);
      const b = randomVector(32, n);
      const x = solve(A, b);
      expect(w.arena.memoryBytes).toBeGreaterThan(before);
      expect(w.arena.memoryBytes).toBeGreaterThanOrEqual(n * n * 8);
      // Backward error with the residual accumulated row by row.
      let rmax = 0;
      let amax = 0;
      for (let i = 0; i < n; i++) {
        let s = -b[i]!;
        let rowSum = 0;
        for (let j = 0; j < n; j++) {
          s += data[i * n + j]! * x[j]!;
          rowSum += Math.abs(data[i * n + j]!);
        }
        rmax = Math.max(rmax, Math.abs(s));
        amax = Math.max(amax, rowSum);
      }
      expect(rmax / (amax * normInf(x) + normInf(b))).toBeLessThan(1e-14 * n);
      const small = randomRows(33, 5);
      const bs = randomVector(34, 5);
      expect(backwardError(small, solve(small, bs), bs)).toBeLessThan(1e-14 * 5);
      expect(det([[2, 0], [0, 3]])).toBe(6);
    });
  });

  it('works while an outer call holds arena space (nested use)', () => {
    const { arena } = wasm();
    const A = randomRows(41, 20);
    const b = randomVector(42, 20);
    const expected = solve(A, b);
    const outerData = Float64Array.from({ length: 500 }, (_, i) => i * 0.5);
    const markBefore = arena.mark();
    withArena(arena, (a) => {
      const p = a.putF64(outerData);
      const inner = solve(A, b);
      expect(Array.from(inner)).toEqual(Array.from(expected));
      const innerInv = inv(A);
      const again = withArena(arena, () => luFactor(A).solve(b));
      expect(backwardError(A, again, b)).toBeLessThan(1e-14 * 20);
      expect(innerInv.rows).toBe(20);
      expect(a.getF64(p, outerData.length)).toEqual(outerData);
    });
    expect(arena.mark()).toBe(markBefore);
  });

  it('works when reading the user A and b calls solve itself (user-defined array-likes)', () => {
    const inner = randomRows(43, 12);
    const innerB = randomVector(44, 12);
    const innerResults: Float64Array[] = [];
    const b = {
      length: 2,
      get 0() {
        innerResults.push(solve(inner, innerB));
        return 1;
      },
      1: 2,
    };
    const row0 = {
      length: 2,
      get 0() {
        innerResults.push(luFactor(inner).solve(innerB, { transposed: true }));
        return 4;
      },
      1: 1,
    };
    const x = solve([row0, [1, 3]] as unknown as number[][], b as unknown as number[]);
    expect(backwardError([[4, 1], [1, 3]], x, [1, 2])).toBeLessThan(1e-15);
    // Validation may read an entry more than once (b[0] also tells a vector from a matrix).
    expect(innerResults.length).toBeGreaterThanOrEqual(2);
    for (const r of innerResults) {
      const e = Math.min(backwardError(inner, r, innerB), backwardError(inner, r, innerB, true));
      expect(e).toBeLessThan(1e-14 * 12);
    }
  });

  it('releases the arena when it throws for a singular matrix', () => {
    const { arena } = wasm();
    const mark = arena.mark();
    expect(() => solve([[1, 2], [2, 4]], [1, 2])).toThrow(LinAlgError);
    expect(arena.mark()).toBe(mark);
    expect(Array.from(solve([[2, 0], [0, 4]], [1, 2]))).toEqual([0.5, 0.5]);
  });
});

describe('LU ill-conditioning warning', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  // rcond ~ 2^-52 / 4: below machine epsilon, but no pivot is exactly zero.
  const eps = 2 ** -52;
  const A = [[1, 1], [1, 1 + eps]];

  it('emits exactly one SCICOMP_ILL_CONDITIONED warning and still returns the solution', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const x = solve(A, [3, 3 + 2 * eps]);
    expect(Array.from(x)).toEqual([1, 2]);
    expect(spy).toHaveBeenCalledTimes(1);
    const [msg, opts] = spy.mock.calls[0]! as unknown as [string, { code: string }];
    expect(msg).toMatch(/^solve: ill-conditioned matrix \(rcond=[0-9.]+e-1[67]\): the result may not be accurate$/);
    expect(opts).toEqual({ code: 'SCICOMP_ILL_CONDITIONED' });
    expect(luFactor(A).rcond).toBeLessThan(Number.EPSILON);
  });

  it('emits no warning for a well-conditioned matrix or from luFactor', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    solve([[4, 1], [1, 3]], [1, 2]);
    luFactor(A);
    expect(spy).not.toHaveBeenCalled();
  });

  it('falls back to console.warn where process does not exist', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'process')!;
    let x: Float64Array;
    try {
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
      x = solve(A, [3, 3 + 2 * eps]);
    } finally {
      Object.defineProperty(globalThis, 'process', saved);
    }
    expect(Array.from(x)).toEqual([1, 2]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/SCICOMP_ILL_CONDITIONED.*solve: ill-conditioned matrix/);
  });
});

// Conformance of the public entry point with /shared/api.md, section by section. Each test
// names the api.md rule it checks; the numerical depth of every area is in its own tests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from '../index.js';
import {
  LinAlgError,
  Matrix,
  ScicompError,
  dblquad,
  det,
  eig,
  eigh,
  features,
  inv,
  luFactor,
  minimize,
  quad,
  ready,
  solve,
  solveIvp,
} from '../index.js';
import { wasm } from '../wasm/module.js';
import { DEFAULTS as OPT_DEFAULTS } from '../optimize/minimize.js';
import { loadFixture, num } from './fixtures.js';

// ---- helpers -----------------------------------------------------------------------

/** Freeze an array and every nested array (plain arrays only: typed arrays cannot be frozen). */
function deepFreeze<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const e of v) deepFreeze(e);
    Object.freeze(v);
  }
  return v;
}

/** A result array owned by the caller: not a view of WASM memory, not sharing a buffer. */
function expectOwned(a: ArrayBufferView): void {
  const mem = wasm().exports.memory.buffer;
  expect(a.buffer).not.toBe(mem);
  expect(a.buffer).toBeInstanceOf(ArrayBuffer);
  expect(a.buffer.byteLength).toBe(a.byteLength);
}

/** A result array that is not a view of WASM memory (it may share a fresh buffer). */
function expectNotWasm(a: ArrayBufferView): void {
  expect(a.buffer).not.toBe(wasm().exports.memory.buffer);
  expect(a.buffer).toBeInstanceOf(ArrayBuffer);
  expect(a.buffer.byteLength).toBeGreaterThanOrEqual(a.byteLength);
}

/** Run fn, expect it to throw `type` with a message matching every pattern. */
function expectThrow(fn: () => unknown, type: abstract new (...args: never[]) => Error, ...patterns: RegExp[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(type);
  const err = caught as Error;
  for (const p of patterns) expect(err.message).toMatch(p);
  return err;
}

/** The error a callback-throwing call surfaces must be the thrown object or wrap it as cause. */
function expectPropagated(fn: () => unknown, thrown: unknown): void {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  if (caught === thrown) return;
  expect(caught).toBeInstanceOf(ScicompError);
  expect((caught as Error).cause).toBe(thrown);
}

const sqr = (x: Float64Array): number => (x[0]! - 1) ** 2 + 4 * (x[1]! + 2) ** 2;
const sqrGrad = (x: Float64Array, g: Float64Array): void => {
  g[0] = 2 * (x[0]! - 1);
  g[1] = 8 * (x[1]! + 2);
};
const rosen = (x: Float64Array): number => {
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) f += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return f;
};
const decay = (_t: number, y: Float64Array, dydt: Float64Array): void => {
  for (let i = 0; i < y.length; i++) dydt[i] = -0.5 * y[i]!;
};
const oscillator = (_t: number, y: Float64Array, dydt: Float64Array): void => {
  dydt[0] = y[1]!;
  dydt[1] = -4 * y[0]!;
};

afterEach(() => {
  vi.restoreAllMocks();
});

// ---- exports -----------------------------------------------------------------------

describe('the public entry point', () => {
  it('exports every name api.md lists, as functions or classes', () => {
    const names = ['ready', 'features', 'Matrix', 'ScicompError', 'LinAlgError', 'solve', 'luFactor', 'det', 'inv', 'eigh', 'eig', 'solveIvp', 'minimize', 'quad', 'dblquad'];
    for (const name of names) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
  });

  it('declares the documented number of parameters for each function (argument order is checked per section)', () => {
    expect(solve.length).toBeGreaterThanOrEqual(2);
    expect(solveIvp.length).toBeGreaterThanOrEqual(3);
    expect(minimize.length).toBeGreaterThanOrEqual(2);
    expect(quad.length).toBeGreaterThanOrEqual(3);
    expect(dblquad.length).toBeGreaterThanOrEqual(5);
  });
});

// ---- loading -----------------------------------------------------------------------

describe('Loading', () => {
  it('ready() returns a promise resolving to undefined, any number of times', async () => {
    const p1 = ready();
    const p2 = ready();
    expect(p1).toBeInstanceOf(Promise);
    expect(p2).toBeInstanceOf(Promise);
    expect(await p1).toBeUndefined();
    expect(await p2).toBeUndefined();
    expect(await ready()).toBeUndefined();
    expect(solve([[2]], [4])[0]).toBe(2);
  });

  it('features() gives { simd: boolean, threads: boolean, version: string }', () => {
    const f = features();
    expect(Object.keys(f).sort()).toEqual(['simd', 'threads', 'version']);
    expect(typeof f.simd).toBe('boolean');
    expect(typeof f.threads).toBe('boolean');
    expect(typeof f.version).toBe('string');
    expect(f.version.length).toBeGreaterThan(0);
    expect(features()).toEqual(f);
  });
});

// ---- data --------------------------------------------------------------------------

describe('Matrix', () => {
  it('new Matrix(rows, cols) is a zero rows x cols row-major matrix', () => {
    const m = new Matrix(2, 3);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('new Matrix(rows, cols, data) reads data row-major and get(i, j) indexes it', () => {
    const m = new Matrix(2, 3, [1, 2, 3, 4, 5, 6]);
    expect(m.get(0, 2)).toBe(3);
    expect(m.get(1, 0)).toBe(4);
    expect(m.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('Matrix.from(number[][]) builds from rows and toArray() gives plain rows back', () => {
    const rows = deepFreeze([[1, 2], [3, 4], [5, 6]]);
    const m = Matrix.from(rows);
    expect(m).toBeInstanceOf(Matrix);
    expect([m.rows, m.cols]).toEqual([3, 2]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const back = m.toArray();
    expect(back).toEqual([[1, 2], [3, 4], [5, 6]]);
    back[0]![0] = 99;
    expect(m.get(0, 0)).toBe(1);
  });

  it('does not keep the caller\'s data array (the input is never modified through it)', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const m = new Matrix(2, 2, data);
    m.data[0] = 42;
    expect(data[0]).toBe(1);
  });

  it('rejects a data array of the wrong size and an index outside with RangeError', () => {
    expectThrow(() => new Matrix(2, 2, [1, 2, 3]), RangeError, /data/, /3/);
    expectThrow(() => new Matrix(2, 2).get(2, 0), RangeError, /2/);
  });

  it('is accepted everywhere a MatrixLike is, as are number[][] and Float64Array[]', () => {
    const rows = [[4, 1], [1, 3]];
    const expected = det(rows);
    expect(det(Matrix.from(rows))).toBe(expected);
    expect(det(rows.map((r) => Float64Array.from(r)))).toBe(expected);
    expect(Array.from(solve(Matrix.from(rows), Float64Array.of(1, 2)))).toEqual(Array.from(solve(rows, [1, 2])));
  });
});

// ---- errors ------------------------------------------------------------------------

describe('Errors', () => {
  it('ScicompError extends Error and carries a string code', () => {
    const e = new ScicompError('some-code', 'msg');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('some-code');
    expect(e.message).toBe('msg');
  });

  it('LinAlgError extends ScicompError with one of the three codes', () => {
    for (const code of ['singular', 'not-positive-definite', 'no-convergence'] as const) {
      const e = new LinAlgError(code, 'm');
      expect(e).toBeInstanceOf(ScicompError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
    }
  });

  it('the api.md example message is exact: solve: A must be square, got 3x4', () => {
    const A = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
    const err = expectThrow(() => solve(A, [1, 2, 3]), RangeError);
    expect(err.message).toBe('solve: A must be square, got 3x4');
  });
});

// ---- linear algebra ------------------------------------------------------------------

describe('solve', () => {
  const A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
  const b = [1, 2, 3];

  it('a vector b gives a Float64Array x with A x = b', () => {
    const x = solve(A, b);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(A[i]!.reduce((s, a, j) => s + a * x[j]!, 0)).toBeCloseTo(b[i]!, 13);
    expectOwned(x);
  });

  it('a typed-array b is a vector too', () => {
    expect(solve(A, Float64Array.from(b))).toBeInstanceOf(Float64Array);
  });

  it('a matrix b (several right-hand sides, as Matrix, number[][] or Float64Array[]) gives a Matrix', () => {
    const B = [[1, 0], [2, 1], [3, 0]];
    for (const bb of [B, Matrix.from(B), B.map((r) => Float64Array.from(r))]) {
      const X = solve(A, bb);
      expect(X).toBeInstanceOf(Matrix);
      expect([X.rows, X.cols]).toEqual([3, 2]);
      const x0 = solve(A, [1, 2, 3]);
      for (let i = 0; i < 3; i++) expect(X.get(i, 0)).toBeCloseTo(x0[i]!, 14);
      expectOwned(X.data);
    }
  });

  it('transposed: true solves A^T x = b', () => {
    const N = [[1, 2], [3, 4]];
    const x = solve(N, [5, 6], { transposed: true });
    expect(1 * x[0]! + 3 * x[1]!).toBeCloseTo(5, 13);
    expect(2 * x[0]! + 4 * x[1]!).toBeCloseTo(6, 13);
    expect(Array.from(solve(N, [5, 6], { transposed: false }))).toEqual(Array.from(solve(N, [5, 6])));
  });

  it('throws LinAlgError with code singular for an exactly singular matrix', () => {
    const err = expectThrow(() => solve([[1, 2], [2, 4]], [1, 1]), LinAlgError, /^solve:/);
    expect(err).toBeInstanceOf(ScicompError);
    expect((err as LinAlgError).code).toBe('singular');
  });

  it('an ill-conditioned matrix still returns and emits exactly one SCICOMP_ILL_CONDITIONED warning', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const eps = Number.EPSILON;
    const x = solve([[1, 1], [1, 1 + 2 * eps]], [1, 2]);
    expect(x).toBeInstanceOf(Float64Array);
    expect(spy).toHaveBeenCalledTimes(1);
    const args = spy.mock.calls[0]! as unknown[];
    const opts = args[1];
    const code = typeof opts === 'object' && opts !== null ? (opts as { code?: string }).code : args[2];
    expect(code).toBe('SCICOMP_ILL_CONDITIONED');
    spy.mockClear();
    solve([[2, 1], [1, 3]], [1, 1]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects wrong kinds with TypeError and bad shapes or values with RangeError, naming argument and value', () => {
    expectThrow(() => solve('A' as never, [1]), TypeError, /solve/, /A/);
    expectThrow(() => solve([[1, 2], [3, 4]], 'b' as never), TypeError, /solve/, /b/);
    expectThrow(() => solve([[1, 2], [3, 4]], [1, 2, 3]), RangeError, /solve/, /b/, /3/);
    expectThrow(() => solve([[1, NaN], [3, 4]], [1, 2]), RangeError, /solve/, /A/, /NaN/);
    expectThrow(() => solve([[1, 2], [3, 4]], [1, Infinity]), RangeError, /solve/, /b/, /Infinity/);
    expectThrow(() => solve([[1, 2], [3]], [1, 2]), RangeError, /solve/, /A/);
    expectThrow(() => solve([[1, 2], [3, 'x']] as never, [1, 2]), TypeError, /solve/, /A/, /x/);
  });

  it('never modifies its inputs', () => {
    const Af = deepFreeze([[4, 1], [1, 3]]);
    const bf = deepFreeze([1, 2]);
    solve(Af, bf);
    solve(Af, deepFreeze([[1, 0], [0, 1]]));
    const M = Matrix.from([[4, 1], [1, 3]]);
    const before = M.data.slice();
    const bt = Float64Array.of(1, 2);
    const Bt = [Float64Array.of(1, 0), Float64Array.of(0, 1)];
    solve(M, bt, { transposed: true });
    solve(M, Bt);
    expect(M.data).toEqual(before);
    expect(Array.from(bt)).toEqual([1, 2]);
    expect(Bt.map((r) => Array.from(r))).toEqual([[1, 0], [0, 1]]);
  });

  it('returns fresh arrays: mutating a result changes no later result', () => {
    const x1 = solve(A, b);
    const keep = Array.from(x1);
    x1.fill(7);
    expect(Array.from(solve(A, b))).toEqual(keep);
  });
});

describe('luFactor', () => {
  const lin = loadFixture<{ name: string; A: number[][]; b: number[]; piv: number[]; rcond: number; det: number; x?: number[]; singular: boolean }>('linalg');

  it('returns { lu: Matrix, piv: Int32Array, rcond: number, singular: boolean, solve, det }', () => {
    const f = luFactor([[4, 1], [1, 3]]);
    expect(f.lu).toBeInstanceOf(Matrix);
    expect(f.piv).toBeInstanceOf(Int32Array);
    expect(typeof f.rcond).toBe('number');
    expect(typeof f.singular).toBe('boolean');
    expect(typeof f.solve).toBe('function');
    expect(typeof f.det).toBe('function');
    expectOwned(f.lu.data);
    expectOwned(f.piv);
  });

  it('piv is 0-based dgetrf row interchanges and rcond is dgecon\'s, on every fixture', () => {
    for (const c of lin.cases) {
      const f = luFactor(c.A);
      expect(Array.from(f.piv), c.name).toEqual(c.piv);
      expect(f.singular, c.name).toBe(c.singular);
      if (c.singular) expect(f.rcond).toBe(0);
      else expect(Math.abs(Math.log(f.rcond / num(c.rcond))), c.name).toBeLessThan(Math.log(1.5));
    }
  });

  it('lu holds L below the diagonal and U on and above, with P A = L U', () => {
    const A = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
    const { lu, piv } = luFactor(A);
    const PA = A.map((r) => r.slice());
    for (let i = 0; i < 3; i++) {
      const t = PA[i]!;
      PA[i] = PA[piv[i]!]!;
      PA[piv[i]!] = t;
    }
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k <= Math.min(i, j); k++) s += (k === i ? 1 : lu.get(i, k)) * lu.get(k, j);
        expect(s).toBeCloseTo(PA[i]![j]!, 12);
      }
    }
  });

  it('LU.solve(b, { transposed }) and LU.det() agree with solve and det', () => {
    const A = [[2, 1, 1], [1, 3, 2], [1, 0, 0]];
    const f = luFactor(A);
    expect(Array.from(f.solve([1, 2, 3]))).toEqual(Array.from(solve(A, [1, 2, 3])));
    expect(Array.from(f.solve([1, 2, 3], { transposed: true }))).toEqual(Array.from(solve(A, [1, 2, 3], { transposed: true })));
    expect(f.solve([[1], [2], [3]])).toBeInstanceOf(Matrix);
    expect(f.det()).toBeCloseTo(det(A), 13);
  });

  it('an exactly singular A is reported, not thrown: singular true, rcond 0, det() 0', () => {
    const f = luFactor([[1, 2], [2, 4]]);
    expect(f.singular).toBe(true);
    expect(f.rcond).toBe(0);
    expect(f.det()).toBe(0);
    const err = expectThrow(() => f.solve([1, 1]), LinAlgError);
    expect((err as LinAlgError).code).toBe('singular');
  });

  it('never modifies its input', () => {
    luFactor(deepFreeze([[4, 1], [1, 3]]));
    const M = Matrix.from([[0, 1], [1, 0]]);
    luFactor(M);
    expect(M.toArray()).toEqual([[0, 1], [1, 0]]);
  });
});

describe('det and inv', () => {
  it('det(A) is a number; 0 for a singular A', () => {
    expect(det([[1, 2], [3, 4]])).toBeCloseTo(-2, 14);
    expect(det([[1, 2], [2, 4]])).toBe(0);
  });

  it('inv(A) is a fresh Matrix with A inv(A) = I and throws LinAlgError(singular)', () => {
    const A = deepFreeze([[4, 7], [2, 6]]);
    const X = inv(A);
    expect(X).toBeInstanceOf(Matrix);
    expectOwned(X.data);
    expect(X.get(0, 0)).toBeCloseTo(0.6, 14);
    expect(X.get(0, 1)).toBeCloseTo(-0.7, 14);
    expect(X.get(1, 0)).toBeCloseTo(-0.2, 14);
    expect(X.get(1, 1)).toBeCloseTo(0.4, 14);
    X.data.fill(0);
    expect(inv(A).get(0, 0)).toBeCloseTo(0.6, 14);
    const err = expectThrow(() => inv([[1, 2], [2, 4]]), LinAlgError, /^inv:/);
    expect((err as LinAlgError).code).toBe('singular');
  });

  it('reject a non-square A with RangeError naming it', () => {
    expectThrow(() => det([[1, 2, 3]]), RangeError, /^det: A must be square, got 1x3$/);
    expectThrow(() => inv([[1, 2, 3]]), RangeError, /^inv: A must be square, got 1x3$/);
  });
});

// ---- ODE -----------------------------------------------------------------------------

describe('solveIvp', () => {
  interface OdeCase {
    name: string; problem: string; params: Record<string, number>; method: 'RK45' | 'RK23';
    tSpan: [number, number]; y0: number[]; rtol: number; atol: number; tEval: number[];
    result: { status: number; nfev: number; nSteps: number; message: string; tFinal: number; yFinal: number[]; tFirstSteps: number[] };
  }
  const ode = loadFixture<OdeCase>('ode');
  const expDefault = ode.cases.find((c) => c.name === 'exp_decay.RK45.default')!;

  it('defaults are RK45, rtol 1e-3, atol 1e-6: the default run matches SciPy\'s (fixture counts) and the explicit run', () => {
    const r = solveIvp(decay, expDefault.tSpan, expDefault.y0);
    expect(r.nfev).toBe(expDefault.result.nfev);
    expect(r.t.length - 1).toBe(expDefault.result.nSteps);
    const e = solveIvp(decay, expDefault.tSpan, expDefault.y0, { method: 'RK45', rtol: 1e-3, atol: 1e-6, maxStep: Infinity, denseOutput: false });
    expect(Array.from(e.t)).toEqual(Array.from(r.t));
    expect(e.sol).toBeNull();
    // No firstStep: SciPy's initial-step selection.
    const first = expDefault.result.tFirstSteps;
    for (let k = 1; k < first.length; k++) expect(r.t[k]! / first[k]!).toBeCloseTo(1, 12);
    const other = solveIvp(decay, expDefault.tSpan, expDefault.y0, { rtol: 1e-4 });
    expect(other.nfev).not.toBe(r.nfev);
    const otherAtol = solveIvp(decay, [0, 10], [1e-4, 1e-4], { atol: 1e-9 });
    expect(otherAtol.nfev).not.toBe(solveIvp(decay, [0, 10], [1e-4, 1e-4]).nfev);
  });

  it('atol may be one number per component', () => {
    const a = solveIvp(decay, [0, 10], [1e-4, 1], { atol: [1e-6, 1e-6] });
    const b = solveIvp(decay, [0, 10], [1e-4, 1]);
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    const tight = solveIvp(decay, [0, 10], [1e-8, 1e-8], { atol: [1e-12, 1e-6] });
    expect(tight.nfev).toBeGreaterThan(solveIvp(decay, [0, 10], [1e-8, 1e-8]).nfev);
  });

  it('returns the OdeResult fields with their types; y[i][k] is component i at t[k]', () => {
    const r = solveIvp(decay, [0, 2], [1, 2, 4]);
    expect(r.t).toBeInstanceOf(Float64Array);
    expect(Array.isArray(r.y)).toBe(true);
    expect(r.y.length).toBe(3);
    for (const yi of r.y) {
      expect(yi).toBeInstanceOf(Float64Array);
      expect(yi.length).toBe(r.t.length);
    }
    const k = r.t.length - 1;
    expect(r.t[0]).toBe(0);
    expect(r.t[k]).toBe(2);
    expect(r.y[1]![0]).toBe(2);
    expect(r.y[2]![k]).toBeCloseTo(4 * Math.exp(-1), 4);
    expect(r.sol).toBeNull();
    expect(r.tEvents).toBeNull();
    expect(r.yEvents).toBeNull();
    for (const key of ['nfev', 'njev', 'nlu'] as const) expect(Number.isInteger(r[key])).toBe(true);
    expect(r.status).toBe(0);
    expect(r.success).toBe(true);
    expect(typeof r.message).toBe('string');
    expect(r.message.length).toBeGreaterThan(0);
  });

  it('method RK23 runs the other pair', () => {
    const c = ode.cases.find((cc) => cc.name === 'exp_decay.RK23.default')!;
    const r = solveIvp(decay, c.tSpan, c.y0, { method: 'RK23' });
    expect(r.nfev).toBe(c.result.nfev);
    expect(r.nfev).not.toBe(solveIvp(decay, c.tSpan, c.y0).nfev);
  });

  it('fun may return the derivative instead of filling dydt', () => {
    const a = solveIvp((_t, y) => [-0.5 * y[0]!], [0, 3], [1]);
    const b = solveIvp(decay, [0, 3], [1]);
    expect(Array.from(a.y[0]!)).toEqual(Array.from(b.y[0]!));
  });

  it('tEval gives the outputs at exactly those times', () => {
    const r = solveIvp(decay, [0, 10], [2, 4, 8], { tEval: [1, 2.5, 5, 7.5, 10] });
    expect(Array.from(r.t)).toEqual([1, 2.5, 5, 7.5, 10]);
    expect(r.y[0]!.length).toBe(5);
    expect(r.y[0]![2]).toBeCloseTo(2 * Math.exp(-2.5), 3);
  });

  it('denseOutput: true gives sol(t) -> Float64Array of the components', () => {
    const r = solveIvp(decay, [0, 4], [1, 2], { denseOutput: true, rtol: 1e-8, atol: 1e-10 });
    expect(typeof r.sol).toBe('function');
    const v = r.sol!(1.5);
    expect(v).toBeInstanceOf(Float64Array);
    expect(v.length).toBe(2);
    expect(v[1]).toBeCloseTo(2 * Math.exp(-0.75), 7);
    expectOwned(v);
    v[1] = 0;
    expect(r.sol!(1.5)[1]).toBeCloseTo(2 * Math.exp(-0.75), 7);
  });

  it('maxStep bounds every step and firstStep sets the first', () => {
    const r = solveIvp(decay, [0, 5], [1], { maxStep: 0.25 });
    for (let k = 1; k < r.t.length; k++) expect(r.t[k]! - r.t[k - 1]!).toBeLessThanOrEqual(0.25 + 1e-12);
    const f = solveIvp(decay, [0, 5], [1], { firstStep: 1e-3 });
    expect(f.t[1]).toBeCloseTo(1e-3, 15);
  });

  it('tSpan[1] < tSpan[0] integrates backwards', () => {
    const r = solveIvp((_t, y, d) => { d[0] = -y[0]!; }, [1, 0], [Math.exp(-1)], { rtol: 1e-8, atol: 1e-12 });
    expect(r.success).toBe(true);
    expect(r.t[0]).toBe(1);
    expect(r.t[r.t.length - 1]).toBe(0);
    for (let k = 1; k < r.t.length; k++) expect(r.t[k]!).toBeLessThan(r.t[k - 1]!);
    expect(r.y[0]![r.t.length - 1]).toBeCloseTo(1, 7);
  });

  it('tSpan[0] === tSpan[1] returns at once with success and t = [t0]', () => {
    let calls = 0;
    const r = solveIvp((_t, y, d) => { calls++; d[0] = y[0]!; }, [3, 3], [1.5, 2]);
    expect(r.success).toBe(true);
    expect(r.status).toBe(0);
    expect(Array.from(r.t)).toEqual([3]);
    expect(r.t).toBeInstanceOf(Float64Array);
    expect(r.y.map((c) => Array.from(c))).toEqual([[1.5], [2]]);
    expect(calls).toBe(0);
  });

  it('a single event function gives tEvents[0] and yEvents[0][j] (state at the j-th zero)', () => {
    const ev = (_t: number, y: Float64Array): number => y[0]!;
    const r = solveIvp(oscillator, [0, 6], [1, 0], { events: ev, rtol: 1e-8, atol: 1e-10 });
    expect(r.tEvents).not.toBeNull();
    expect(r.tEvents!.length).toBe(1);
    expect(r.tEvents![0]).toBeInstanceOf(Float64Array);
    // cos(2t) = 0 at pi/4, 3pi/4, 5pi/4, 7pi/4 within [0, 6].
    expect(r.tEvents![0]!.length).toBe(4);
    expect(r.tEvents![0]![2]).toBeCloseTo((5 * Math.PI) / 4, 6);
    expect(r.yEvents!.length).toBe(1);
    expect(r.yEvents![0]!.length).toBe(4);
    const y2 = r.yEvents![0]![2]!;
    expect(y2).toBeInstanceOf(Float64Array);
    expect(y2.length).toBe(2);
    expect(y2[0]).toBeCloseTo(0, 6);
    expect(y2[1]).toBeCloseTo(-2 * Math.sin((5 * Math.PI) / 2), 5);
    expect(r.status).toBe(0);
  });

  it('an array of events gives one list per event; direction filters crossings', () => {
    const any = (_t: number, y: Float64Array): number => y[0]!;
    const up = Object.assign((_t: number, y: Float64Array) => y[0]!, { direction: 1 });
    const down = Object.assign((_t: number, y: Float64Array) => y[0]!, { direction: -1 });
    const r = solveIvp(oscillator, [0, 6], [1, 0], { events: [any, up, down], rtol: 1e-8, atol: 1e-10 });
    expect(r.tEvents!.length).toBe(3);
    expect(r.yEvents!.length).toBe(3);
    expect(r.tEvents![0]!.length).toBe(4);
    // Falling at pi/4 and 5pi/4, rising at 3pi/4 and 7pi/4.
    expect(Array.from(r.tEvents![2]!).map((t) => t / Math.PI)).toEqual([expect.closeTo(0.25, 6), expect.closeTo(1.25, 6)]);
    expect(Array.from(r.tEvents![1]!).map((t) => t / Math.PI)).toEqual([expect.closeTo(0.75, 6), expect.closeTo(1.75, 6)]);
  });

  it('terminal: true stops at the first zero with status 1', () => {
    const ev = Object.assign((_t: number, y: Float64Array) => y[0]!, { terminal: true });
    const r = solveIvp(oscillator, [0, 3], [1, 0], { events: ev, rtol: 1e-8, atol: 1e-10 });
    expect(r.status).toBe(1);
    expect(r.success).toBe(true);
    expect(r.tEvents![0]!.length).toBe(1);
    expect(r.t[r.t.length - 1]).toBeCloseTo(Math.PI / 4, 6);
  });

  it('terminal: k stops at the k-th zero of that event', () => {
    const ev = Object.assign((_t: number, y: Float64Array) => y[0]!, { terminal: 3 });
    const r = solveIvp(oscillator, [0, 10], [1, 0], { events: ev, rtol: 1e-8, atol: 1e-10 });
    expect(r.status).toBe(1);
    expect(r.tEvents![0]!.length).toBe(3);
    expect(r.tEvents![0]![2]).toBeCloseTo((5 * Math.PI) / 4, 6);
    expect(r.t[r.t.length - 1]).toBeCloseTo((5 * Math.PI) / 4, 6);
    expect(r.message.length).toBeGreaterThan(0);
  });

  it('a terminal event on a falling ball matches the fixture', () => {
    const c = ode.cases.find((cc) => cc.name === 'falling_ball.RK45.default')!;
    const hit = Object.assign((_t: number, y: Float64Array) => y[0]!, { terminal: true, direction: -1 });
    const r = solveIvp((_t, y, d) => { d[0] = y[1]!; d[1] = -9.81; }, c.tSpan, c.y0, { events: [hit] });
    expect(r.status).toBe(c.result.status);
    expect(r.t[r.t.length - 1]).toBeCloseTo(num(c.result.tFinal), 10);
    expect(r.nfev).toBe(c.result.nfev);
  });

  it('status, success and message agree (0 reached the end, 1 terminal event, -1 failed)', () => {
    const ok = solveIvp(decay, [0, 1], [1]);
    expect([ok.status, ok.success]).toEqual([0, true]);
    const term = solveIvp(decay, [0, 1], [1], { events: Object.assign((t: number) => t - 0.5, { terminal: true }) });
    expect([term.status, term.success]).toEqual([1, true]);
    expect(term.message).not.toBe(ok.message);
    const bad = solveIvp((t, _y, d) => { d[0] = t > 0.5 ? NaN : 1; }, [0, 1], [0]);
    expect([bad.status, bad.success]).toEqual([-1, false]);
    expect(bad.message).not.toBe(ok.message);
  });

  it('a right-hand side returning NaN or Infinity gives success: false with a message, no throw', () => {
    for (const v of [NaN, Infinity]) {
      const r = solveIvp((t, _y, d) => { d[0] = t > 0.3 ? v : -1; }, [0, 1], [1]);
      expect(r.success).toBe(false);
      expect(r.status).toBe(-1);
      expect(r.message).toMatch(new RegExp(String(v)));
      expect(r.t[r.t.length - 1]).toBeLessThan(1);
    }
  });

  it('a throwing right-hand side or event propagates and the next call works', () => {
    const boom = new Error('boom');
    expectPropagated(() => solveIvp((t) => { if (t > 0.2) throw boom; return [1]; }, [0, 1], [0]), boom);
    const evBoom = new Error('event');
    expectPropagated(() => solveIvp(decay, [0, 1], [1], { events: (t: number) => { if (t > 0.5) throw evBoom; return 1; } }), evBoom);
    const r = solveIvp(decay, expDefault.tSpan, expDefault.y0);
    expect(r.nfev).toBe(expDefault.result.nfev);
  });

  it('a right-hand side may call solve (nested calls work)', () => {
    const r = solveIvp((_t, y, d) => {
      const x = solve([[2, 0], [0, 2]], [-y[0]!, -y[1]!]);
      d[0] = 2 * x[0]!;
      d[1] = 2 * x[1]!;
    }, [0, 1], [1, 1], { rtol: 1e-8, atol: 1e-10 });
    expect(r.y[0]![r.t.length - 1]).toBeCloseTo(Math.exp(-1), 7);
  });

  it('never modifies its inputs (tSpan, y0, atol, tEval, events)', () => {
    const tSpan = deepFreeze([0, 2] as [number, number]);
    const y0 = deepFreeze([1, 2]);
    const atol = deepFreeze([1e-6, 1e-7]);
    const tEval = deepFreeze([0.5, 1, 2]);
    const ev = Object.freeze(Object.assign((_t: number, y: Float64Array) => y[0]! - 0.5, { terminal: false, direction: -1 }));
    const r = solveIvp(decay, tSpan, y0, { atol, tEval, events: [ev], denseOutput: true });
    expect(r.success).toBe(true);
    const y0t = Float64Array.of(1, 2);
    const tEvalT = Float64Array.of(0.5, 1, 2);
    solveIvp(decay, [0, 2], y0t, { tEval: tEvalT });
    expect(Array.from(y0t)).toEqual([1, 2]);
    expect(Array.from(tEvalT)).toEqual([0.5, 1, 2]);
  });

  it('does not alias the caller\'s y0 or tEval in the result', () => {
    const y0 = Float64Array.of(1, 2);
    const tEval = Float64Array.of(0, 1, 2);
    const r = solveIvp(decay, [0, 2], y0, { tEval });
    expect(r.t).not.toBe(tEval);
    r.t[0] = 99;
    expect(tEval[0]).toBe(0);
    const s = solveIvp(decay, [1, 1], y0, { tEval: [1] });
    s.y[0]![0] = 5;
    expect(y0[0]).toBe(1);
  });

  it('results are not WASM memory, and mutating one changes no later result', () => {
    const r1 = solveIvp(decay, [0, 2], [1, 2], { events: (_t: number, y: Float64Array) => y[0]! - 0.5 });
    expectOwned(r1.t);
    for (const yi of r1.y) expectNotWasm(yi);
    expectOwned(r1.tEvents![0]!);
    expectOwned(r1.yEvents![0]![0]!);
    const keepT = Array.from(r1.t);
    const keepY = r1.y.map((c) => Array.from(c));
    r1.t.fill(0);
    for (const yi of r1.y) yi.fill(0);
    const r2 = solveIvp(decay, [0, 2], [1, 2], { events: (_t: number, y: Float64Array) => y[0]! - 0.5 });
    expect(Array.from(r2.t)).toEqual(keepT);
    expect(r2.y.map((c) => Array.from(c))).toEqual(keepY);
    // Components do not overlap each other.
    r2.y[0]!.fill(-1);
    expect(Array.from(r2.y[1]!)).toEqual(keepY[1]);
  });

  it('rejects bad arguments with TypeError / RangeError naming the argument and value', () => {
    expectThrow(() => solveIvp(42 as never, [0, 1], [1]), TypeError, /solveIvp/, /fun/);
    expectThrow(() => solveIvp(decay, 'x' as never, [1]), TypeError, /solveIvp/, /tSpan/);
    expectThrow(() => solveIvp(decay, [0, 1, 2] as never, [1]), RangeError, /solveIvp/, /tSpan/, /3/);
    expectThrow(() => solveIvp(decay, [0, NaN], [1]), RangeError, /solveIvp/, /tSpan/, /NaN/);
    expectThrow(() => solveIvp(decay, [0, 1], [1, Infinity]), RangeError, /solveIvp/, /y0/, /Infinity/);
    expectThrow(() => solveIvp(decay, [0, 1], 'y' as never), TypeError, /solveIvp/, /y0/);
    expectThrow(() => solveIvp(decay, [0, 1], [1], { method: 'LSODA' as never }), RangeError, /solveIvp/, /method/, /LSODA/);
    expectThrow(() => solveIvp(decay, [0, 1], [1], { rtol: -1 }), RangeError, /solveIvp/, /rtol/, /-1/);
    expectThrow(() => solveIvp(decay, [0, 1], [1, 2], { atol: [1e-6] }), RangeError, /solveIvp/, /atol/);
    expectThrow(() => solveIvp(decay, [0, 1], [1], { tEval: [0, 2] }), RangeError, /solveIvp/, /tEval/, /2/);
    expectThrow(() => solveIvp(decay, [0, 1], [1], { maxStep: 0 }), RangeError, /solveIvp/, /maxStep/, /0/);
    expectThrow(() => solveIvp(decay, [0, 1], [1], { firstStep: -1 }), RangeError, /solveIvp/, /firstStep/, /-1/);
    // NaN is a number with a bad value: RangeError.
    for (const [name, o] of [['rtol', { rtol: NaN }], ['atol', { atol: NaN }], ['maxStep', { maxStep: NaN }], ['firstStep', { firstStep: NaN }], ['direction', { events: Object.assign(() => 1, { direction: NaN }) }]] as const) {
      expectThrow(() => solveIvp(decay, [0, 1], [1], o), RangeError, /solveIvp/, new RegExp(name), /NaN/);
    }
  });

  it('an event function returning NaN gives success: false with a message, no throw', () => {
    const r = solveIvp(decay, [0, 1], [1], { events: (t: number) => (t > 0.5 ? NaN : 1) });
    expect([r.success, r.status]).toEqual([false, -1]);
    expect(r.message).toMatch(/NaN/);
  });

  it('events: [] gives empty tEvents and yEvents (as SciPy), no events gives null', () => {
    const r = solveIvp(decay, [0, 1], [1], { events: [] });
    expect(r.tEvents).toEqual([]);
    expect(r.yEvents).toEqual([]);
  });
});

// ---- optimization --------------------------------------------------------------------

describe('minimize', () => {
  interface OptCase {
    name: string; objective: string; params: { n?: number; w?: number[]; c?: number[] }; x0: number[];
    grad: 'analytic' | 'fd'; bounds: [number, number][] | null;
    result: { x: number[]; fun: number; nit: number; nfev: number; njev: number; status: number; message: string; success: boolean };
  }
  const opt = loadFixture<OptCase>('optimize');
  const rosenDer = (x: Float64Array, g: Float64Array): void => {
    const n = x.length;
    g.fill(0);
    for (let i = 0; i + 1 < n; i++) {
      const t = x[i + 1]! - x[i]! ** 2;
      g[i] = g[i]! - 400 * x[i]! * t - 2 * (1 - x[i]!);
      g[i + 1] = g[i + 1]! + 200 * t;
    }
  };

  it('the default run (L-BFGS-B, SciPy\'s defaults) matches SciPy\'s counts on the rosenbrock fixtures', () => {
    for (const c of opt.cases.filter((cc) => cc.objective === 'rosenbrock')) {
      const r = minimize(rosen, c.x0, { ...(c.grad === 'analytic' ? { jac: rosenDer } : {}), ...(c.bounds ? { bounds: c.bounds } : {}) });
      expect([r.nit, r.nfev, r.njev, r.status, r.message], c.name).toEqual([c.result.nit, c.result.nfev, c.result.njev, c.result.status, c.result.message]);
    }
  });

  it('each default equals its documented value: explicit defaults give the identical run, other values a different one', () => {
    const x0 = [-1.2, 1, -0.5, 0.8, 1.3, -1, 0.4];
    const base = minimize(rosen, x0);
    const explicit = minimize(rosen, x0, { method: 'L-BFGS-B', maxcor: 10, ftol: 2.220446049250313e-09, gtol: 1e-5, eps: 1e-8, maxfun: 15000, maxiter: 15000, maxls: 20 });
    expect([explicit.nit, explicit.nfev, explicit.fun]).toEqual([base.nit, base.nfev, base.fun]);
    expect(Array.from(explicit.x)).toEqual(Array.from(base.x));
    const differs = (o: Record<string, number>): boolean => {
      const r = minimize(rosen, x0, o);
      return r.nfev !== base.nfev || r.fun !== base.fun;
    };
    expect(differs({ maxcor: 3 })).toBe(true);
    expect(differs({ ftol: 1e-6 })).toBe(true);
    expect(differs({ gtol: 1e-2 })).toBe(true);
    expect(differs({ eps: 1e-6 })).toBe(true);
    expect(differs({ maxiter: 10 })).toBe(true);
    expect(differs({ maxfun: 20 })).toBe(true);
  });

  it('maxls = 20: a line search that cannot succeed stops after maxls evaluations', () => {
    // A wall just past x = 1e-6: every trial step overshoots it or fails the curvature test.
    const f = (x: Float64Array): number => (x[0]! > 1e-6 ? 1e10 : -x[0]!);
    const jac = (x: Float64Array, g: Float64Array): void => { g[0] = x[0]! > 1e-6 ? 1e10 : -1; };
    const byDefault = minimize(f, [0], { jac });
    expect([byDefault.nfev, byDefault.status, byDefault.success]).toEqual([21, 2, false]);
    expect(minimize(f, [0], { jac, maxls: 20 }).nfev).toBe(21);
    expect(minimize(f, [0], { jac, maxls: 19 }).nfev).toBe(20);
  });

  it('maxfun = 15000: an objective without a minimum stops at the first iteration past 15000 evaluations', () => {
    const f = (x: Float64Array): number => -x[0]!;
    const jac = (_x: Float64Array, g: Float64Array): void => { g[0] = -1; };
    const r = minimize(f, [1], { jac, ftol: 0, gtol: 0 });
    expect(r.status).toBe(1);
    expect(r.success).toBe(false);
    expect(r.nfev).toBeGreaterThan(15000);
    expect(r.nfev).toBeLessThan(15100);
    expect(minimize(f, [1], { jac, ftol: 0, gtol: 0, maxfun: 15000 }).nfev).toBe(r.nfev);
    expect(minimize(f, [1], { jac, ftol: 0, gtol: 0, maxfun: 14000 }).nfev).toBeLessThan(r.nfev);
  });

  it('the defaults object behind the options holds SciPy\'s values (maxiter = 15000 cannot be reached cheaply)', () => {
    expect({ ...OPT_DEFAULTS }).toEqual({ maxcor: 10, ftol: 2.220446049250313e-09, gtol: 1e-5, eps: 1e-8, maxfun: 15000, maxiter: 15000, maxls: 20 });
  });

  it('returns the OptimizeResult fields with their types', () => {
    const r = minimize(sqr, [0, 0], { jac: sqrGrad });
    expect(r.x).toBeInstanceOf(Float64Array);
    expect(r.jac).toBeInstanceOf(Float64Array);
    expect(r.x.length).toBe(2);
    expect(r.jac.length).toBe(2);
    expect(typeof r.fun).toBe('number');
    for (const k of ['nit', 'nfev', 'njev', 'status'] as const) expect(Number.isInteger(r[k]), k).toBe(true);
    expect(typeof r.message).toBe('string');
    expect(r.success).toBe(true);
    expect(r.status).toBe(0);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(-2, 5);
    expect(typeof r.hessInv.matvec).toBe('function');
    const hv = r.hessInv.matvec([1, 0]);
    expect(hv).toBeInstanceOf(Float64Array);
    expect(hv.length).toBe(2);
    expect(hv[0]).toBeCloseTo(0.5, 1); // the exact inverse Hessian is diag(1/2, 1/8)
    expectOwned(r.x);
    expectOwned(r.jac);
    expectOwned(hv);
  });

  it('without jac the gradient is 2-point finite differences: nfev counts them, njev one per gradient', () => {
    const calls: number[] = [];
    const r = minimize((x) => { calls.push(x.length); return sqr(x); }, [0, 0]);
    expect(r.nfev).toBe(calls.length);
    expect(r.nfev).toBe(3 * r.njev);
  });

  it('jac: true means fun fills grad itself when passed one', () => {
    let withGrad = 0;
    const r = minimize((x, g) => {
      if (g) {
        withGrad++;
        sqrGrad(x, g);
      }
      return sqr(x);
    }, [0, 0], { jac: true });
    expect(r.success).toBe(true);
    expect(withGrad).toBeGreaterThan(0);
    expect(r.nfev).toBe(r.njev);
    expect(r.x[0]).toBeCloseTo(1, 5);
    const ref = minimize(sqr, [0, 0], { jac: sqrGrad });
    expect([r.nit, r.nfev]).toEqual([ref.nit, ref.nfev]);
  });

  it('jac may return the gradient instead of filling it', () => {
    const a = minimize(sqr, [0, 0], { jac: (x) => [2 * (x[0]! - 1), 8 * (x[1]! + 2)] });
    const b = minimize(sqr, [0, 0], { jac: sqrGrad });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });

  it('bounds: null and ±Infinity mean unbounded; an x0 outside the bounds is clipped into them', () => {
    const seen: number[][] = [];
    const r = minimize((x) => { seen.push(Array.from(x)); return sqr(x); }, [5, -5], { bounds: [[null, 3], [-1, Infinity]] });
    expect(seen[0]).toEqual([3, -1]);
    for (const x of seen) {
      expect(x[0]!).toBeLessThanOrEqual(3);
      expect(x[1]!).toBeGreaterThanOrEqual(-1);
    }
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBe(-1);
    const free = minimize(sqr, [5, -5], { bounds: [[null, null], [-Infinity, Infinity]] });
    const none = minimize(sqr, [5, -5]);
    expect([free.nit, free.nfev]).toEqual([none.nit, none.nfev]);
  });

  it('maxiter and maxfun limits give status 1, success false', () => {
    const it1 = minimize(rosen, [-1.2, 1], { maxiter: 3 });
    expect([it1.status, it1.success, it1.nit]).toEqual([1, false, 3]);
    const fe = minimize(rosen, [-1.2, 1], { maxfun: 10 });
    expect([fe.status, fe.success]).toEqual([1, false]);
    expect(it1.message).not.toBe(fe.message);
  });

  it('a callback returning true stops with status 3, success false, x the last iterate and nit the iterations done', () => {
    const iterates: number[][] = [];
    const r = minimize(rosen, [-1.2, 1], {
      callback: (x) => {
        iterates.push(Array.from(x));
        return iterates.length === 4;
      },
    });
    expect(r.status).toBe(3);
    expect(r.success).toBe(false);
    expect(r.nit).toBe(4);
    expect(Array.from(r.x)).toEqual(iterates[3]);
    expect(r.fun).toBe(rosen(r.x));
  });

  it('an objective returning NaN or Infinity gives success: false with status 2, no throw', () => {
    for (const v of [NaN, Infinity]) {
      let n = 0;
      const r = minimize((x) => (++n > 5 ? v : sqr(x)), [0, 0]);
      expect(r.success).toBe(false);
      expect(r.status).toBe(2);
      expect(typeof r.message).toBe('string');
      expect(r.message.length).toBeGreaterThan(0);
    }
    const g = minimize(sqr, [0, 0], { jac: (_x, gr) => { gr[0] = NaN; gr[1] = 0; } });
    expect([g.success, g.status]).toEqual([false, 2]);
  });

  it('a throwing objective, gradient or callback propagates and the next call works', () => {
    const e1 = new Error('f');
    expectPropagated(() => minimize(() => { throw e1; }, [0, 0]), e1);
    const e2 = new Error('g');
    expectPropagated(() => minimize(sqr, [0, 0], { jac: () => { throw e2; } }), e2);
    const e3 = new Error('cb');
    expectPropagated(() => minimize(sqr, [0, 0], { callback: () => { throw e3; } }), e3);
    const c = opt.cases.find((cc) => cc.name === 'rosen2.fd')!;
    const r = minimize(rosen, c.x0);
    expect([r.nit, r.nfev]).toEqual([c.result.nit, c.result.nfev]);
  });

  it('an objective may call minimize or quad (nested calls work)', () => {
    const r = minimize((x) => {
      const inner = quad((t) => (t - x[0]!) ** 2, 0, 1).value;
      return inner;
    }, [3]);
    expect(r.x[0]).toBeCloseTo(0.5, 4);
  });

  it('never modifies its inputs (x0, bounds, options)', () => {
    const x0 = deepFreeze([5, -5]);
    const bounds = deepFreeze([[0, 3], [-1, 1]] as [number, number][]);
    const opts = Object.freeze({ bounds, maxcor: 5 });
    minimize(sqr, x0, opts);
    const xt = Float64Array.of(5, -5);
    minimize(sqr, xt, { bounds: [[0, 3], [-1, 1]] });
    expect(Array.from(xt)).toEqual([5, -5]);
  });

  it('results are fresh: mutating x or jac changes no later result, and fun sees copies', () => {
    const r1 = minimize(sqr, [0, 0], { jac: sqrGrad });
    const keep = Array.from(r1.x);
    r1.x.fill(9);
    r1.jac.fill(9);
    expect(Array.from(minimize(sqr, [0, 0], { jac: sqrGrad }).x)).toEqual(keep);
  });

  it('rejects bad arguments with TypeError / RangeError naming the argument and value', () => {
    expectThrow(() => minimize('f' as never, [0]), TypeError, /minimize/, /fun/);
    expectThrow(() => minimize(sqr, 'x' as never), TypeError, /minimize/, /x0/);
    expectThrow(() => minimize(sqr, [0, NaN]), RangeError, /minimize/, /x0/, /NaN/);
    expectThrow(() => minimize(sqr, [0, 0], { method: 'BFGS' as never }), RangeError, /minimize/, /method/, /BFGS/);
    expectThrow(() => minimize(sqr, [0, 0], { bounds: [[0, 1]] }), RangeError, /minimize/, /bounds/, /1/);
    expectThrow(() => minimize(sqr, [0, 0], { bounds: [[2, 1], [0, 1]] }), RangeError, /minimize/, /bounds/, /2/);
    expectThrow(() => minimize(sqr, [0, 0], { maxiter: 1.5 }), RangeError, /minimize/, /maxiter/, /1\.5/);
    expectThrow(() => minimize(sqr, [0, 0], { maxiter: '5' as never }), TypeError, /minimize/, /maxiter/);
    expectThrow(() => minimize(sqr, [0, 0], { maxcor: 0 }), RangeError, /minimize/, /maxcor/, /0/);
    expectThrow(() => minimize(sqr, [0, 0], { gtol: -1 }), RangeError, /minimize/, /gtol/, /-1/);
    // NaN is a number with a bad value: RangeError (api.md: bad value or non-finite entry).
    expectThrow(() => minimize(sqr, [0, 0], { ftol: NaN }), RangeError, /minimize/, /ftol/, /NaN/);
    expectThrow(() => minimize(sqr, [0, 0], { gtol: NaN }), RangeError, /minimize/, /gtol/, /NaN/);
    expectThrow(() => minimize(sqr, [0, 0], { eps: NaN }), RangeError, /minimize/, /eps/, /NaN/);
    expectThrow(() => minimize(sqr, [0, 0], { ftol: '1' as never }), TypeError, /minimize/, /ftol/);
    expectThrow(() => minimize(sqr, [0, 0], { jac: 'yes' as never }), TypeError, /minimize/, /jac/);
  });
});

// ---- quadrature --------------------------------------------------------------------

describe('quad', () => {
  interface QuadCase { name: string; kind: string; a: number | string; b: number | string; result: { value: number; neval: number; ier: number } }
  const q = loadFixture<QuadCase>('quad');

  it('returns the QuadResult fields with their types', () => {
    const r = quad(Math.sin, 0, Math.PI);
    expect(Object.keys(r).sort()).toEqual(['abserr', 'message', 'neval', 'status', 'success', 'value']);
    expect(r.value).toBeCloseTo(2, 14);
    expect(typeof r.abserr).toBe('number');
    expect(r.neval).toBe(21);
    expect(r.status).toBe(0);
    expect(r.success).toBe(true);
    expect(typeof r.message).toBe('string');
  });

  it('infinite limits use QAGI and points use QAGP (fixture counts)', () => {
    const lor = q.cases.find((c) => c.name === 'lorentz_inf_inf')!;
    const r1 = quad((x) => 1 / (1 + x * x), -Infinity, Infinity);
    expect(r1.neval).toBe(lor.result.neval);
    expect(r1.value).toBeCloseTo(Math.PI, 12);
    const pts = q.cases.find((c) => c.name === 'invsqrt_abs_0.3_points')!;
    const r2 = quad((x) => 1 / Math.sqrt(Math.abs(x - 0.3)), 0, 1, { points: [0.3] });
    expect(r2.neval).toBe(pts.result.neval);
  });

  it('defaults epsabs = epsrel = 1.49e-8, limit = 50: explicit values give the identical run, others differ', () => {
    const f = (x: number): number => Math.cos(50 * x);
    const base = quad(f, 0, 1);
    const fx = q.cases.find((c) => c.name === 'cos50x_0_1')!;
    expect(base.neval).toBe(fx.result.neval);
    expect(quad(f, 0, 1, { epsabs: 1.49e-8, epsrel: 1.49e-8, limit: 50 })).toEqual(base);
    const h = (x: number): number => Math.sqrt(x) * Math.log(x);
    const hb = quad(h, 0, 1);
    expect(hb.neval).toBe(q.cases.find((c) => c.name === 'sqrtx_logx_0_1')!.result.neval);
    expect(quad(h, 0, 1, { epsabs: 1.49e-8, epsrel: 1.49e-8 })).toEqual(hb);
    expect(quad(h, 0, 1, { epsabs: 1e-4 }).neval).toBeLessThan(hb.neval);
    expect(quad(h, 0, 1, { epsabs: 0, epsrel: 1e-4 }).neval).toBeLessThan(hb.neval);
    // Subdivision limit: the default 50 is reached where 100 is not.
    const g = (x: number): number => Math.sin(1 / x);
    const d = quad(g, 1e-4, 1);
    expect(quad(g, 1e-4, 1, { limit: 50 })).toEqual(d);
    expect(d.status).toBe(1);
    expect(d.success).toBe(false);
    expect(d.message).toMatch(/50/);
    expect(quad(g, 1e-4, 1, { limit: 49 }).neval).not.toBe(d.neval);
  });

  it('b < a gives minus the integral and a = b gives 0', () => {
    expect(quad(Math.sin, Math.PI, 0).value).toBeCloseTo(-2, 14);
    const z = quad(Math.sin, 1, 1);
    expect([z.value, z.success, z.status]).toEqual([0, true, 0]);
  });

  it('an integrand returning NaN or Infinity gives success: false with a non-zero status, no throw', () => {
    for (const v of [NaN, Infinity]) {
      const r = quad((x) => (x > 0.5 ? v : x), 0, 1);
      expect(r.success).toBe(false);
      expect(r.status).not.toBe(0);
      expect(r.message.length).toBeGreaterThan(0);
    }
  });

  it('a throwing integrand propagates and the next call works', () => {
    const boom = new Error('boom');
    expectPropagated(() => quad((x) => { if (x > 0.5) throw boom; return x; }, 0, 1), boom);
    const r = quad(Math.sin, 0, Math.PI);
    expect([r.value, r.neval]).toEqual([expect.closeTo(2, 14), 21]);
  });

  it('an integrand may call quad (nested calls work)', () => {
    const r = quad((x) => quad((y) => x * y, 0, 1).value, 0, 1);
    expect(r.value).toBeCloseTo(0.25, 14);
  });

  it('never modifies its inputs (points)', () => {
    const points = deepFreeze([0.3]);
    quad((x) => 1 / Math.sqrt(Math.abs(x - 0.3)), 0, 1, Object.freeze({ points }));
    const pt = Float64Array.of(0.7, 0.3);
    quad((x) => Math.abs(x - 0.3), 0, 1, { points: pt });
    expect(Array.from(pt)).toEqual([0.7, 0.3]);
  });

  it('rejects bad arguments with TypeError / RangeError naming the argument and value', () => {
    expectThrow(() => quad('f' as never, 0, 1), TypeError, /quad/, /f/);
    expectThrow(() => quad(Math.sin, '0' as never, 1), TypeError, /quad/, /a/);
    expectThrow(() => quad(Math.sin, 0, NaN), RangeError, /quad/, /b/, /NaN/);
    expectThrow(() => quad(Math.sin, 0, 1, { epsabs: -1 }), RangeError, /quad/, /epsabs/, /-1/);
    expectThrow(() => quad(Math.sin, 0, 1, { limit: 0 }), RangeError, /quad/, /limit/, /0/);
    expectThrow(() => quad(Math.sin, 0, 1, { limit: 2.5 }), RangeError, /quad/, /limit/, /2\.5/);
    expectThrow(() => quad(Math.sin, 0, 1, { points: [2] }), RangeError, /quad/, /points/, /2/);
  });
});

describe('dblquad', () => {
  interface DblCase { name: string; kind: string; xa: number; xb: number; ya: number; yb: number | 'x'; result: { value: number; abserr: number; neval: number } }
  const q = loadFixture<DblCase>('quad');
  const integrands: Record<string, (x: number, y: number) => number> = {
    xy_unit_square: (x, y) => x * y,
    gauss2d_square: (x, y) => Math.exp(-x * x - y * y),
    x_plus_y_triangle: (x, y) => x + y,
    sinx_cosy_square: (x, y) => Math.sin(x) * Math.cos(y),
  };

  it('passes f(x, y) with x the outer variable (its own limits) and y within ya(x)..yb(x)', () => {
    const seen: [number, number][] = [];
    const r = dblquad((x, y) => { seen.push([x, y]); return x; }, 0, 1, 2, 3);
    expect(r.value).toBeCloseTo(0.5, 13);
    for (const [x, y] of seen) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(y).toBeGreaterThanOrEqual(2);
      expect(y).toBeLessThanOrEqual(3);
    }
    seen.length = 0;
    const t = dblquad((x, y) => { seen.push([x, y]); return 1; }, 0, 1, 0, (x) => x);
    expect(t.value).toBeCloseTo(0.5, 13);
    for (const [x, y] of seen) expect(y).toBeLessThanOrEqual(x);
    const u = dblquad((x, y) => { seen.push([x, y]); return 1; }, 0, 1, (x) => x, 1);
    expect(u.value).toBeCloseTo(0.5, 13);
  });

  it('matches SciPy\'s value and neval (every call of f) on the fixtures', () => {
    for (const c of q.cases.filter((cc) => cc.kind === 'dblquad')) {
      let calls = 0;
      const f = integrands[c.name]!;
      const r = dblquad((x, y) => { calls++; return f(x, y); }, c.xa, c.xb, c.ya, c.yb === 'x' ? (x: number) => x : c.yb);
      expect(r.neval, c.name).toBe(c.result.neval);
      expect(r.neval, c.name).toBe(calls);
      expect(r.value, c.name).toBeCloseTo(c.result.value, 12);
      expect(Object.keys(r).sort()).toEqual(['abserr', 'message', 'neval', 'status', 'success', 'value']);
    }
  });

  it('uses the same tolerance options as quad at both levels', () => {
    const f = (x: number, y: number): number => Math.cos(20 * x * y);
    const base = dblquad(f, 0, 1, 0, 1);
    expect(dblquad(f, 0, 1, 0, 1, { epsabs: 1.49e-8, epsrel: 1.49e-8, limit: 50 })).toEqual(base);
    expect(dblquad(f, 0, 1, 0, 1, { epsabs: 1e-3, epsrel: 1e-3 }).neval).toBeLessThan(base.neval);
  });

  it('status is non-zero and success false when an inner integration fails', () => {
    // The inner integral over y of 1/sqrt|y - x| ... needs more than 3 subintervals.
    const r = dblquad((x, y) => Math.sin(1 / (y + 1e-4)) * x, 0, 1, 0, 1, { limit: 3 });
    expect(r.status).not.toBe(0);
    expect(r.success).toBe(false);
  });

  it('an integrand returning NaN gives success: false, no throw', () => {
    const r = dblquad((x, y) => (x + y > 1.5 ? NaN : 1), 0, 1, 0, 1);
    expect(r.success).toBe(false);
    expect(r.status).not.toBe(0);
  });

  it('a throwing integrand or limit function propagates and the next call works', () => {
    const boom = new Error('boom');
    expectPropagated(() => dblquad(() => { throw boom; }, 0, 1, 0, 1), boom);
    const lim = new Error('lim');
    expectPropagated(() => dblquad(() => 1, 0, 1, 0, () => { throw lim; }), lim);
    expect(dblquad((x, y) => x * y, 0, 1, 0, 1).value).toBeCloseTo(0.25, 14);
  });

  it('rejects bad arguments with TypeError / RangeError naming the argument and value', () => {
    expectThrow(() => dblquad(1 as never, 0, 1, 0, 1), TypeError, /dblquad/, /f/);
    expectThrow(() => dblquad(() => 1, 0, 1, 'lo' as never, 1), TypeError, /dblquad/, /ya/);
    expectThrow(() => dblquad(() => 1, 0, NaN, 0, 1), RangeError, /dblquad/, /xb/, /NaN/);
    expectThrow(() => dblquad(() => 1, 0, 1, 0, 1, { epsrel: -1 }), RangeError, /dblquad/, /epsrel/, /-1/);
  });
});

// ---- eigenvalues -------------------------------------------------------------------

describe('eigh', () => {
  it('gives values ascending (Float64Array) and unit eigenvector columns (Matrix) reading only the lower triangle', () => {
    const A = deepFreeze([[2, 999], [1, 2]]); // upper triangle ignored: [[2,1],[1,2]]
    const r = eigh(A);
    expect(r.values).toBeInstanceOf(Float64Array);
    expect(Array.from(r.values)).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(r.vectors).toBeInstanceOf(Matrix);
    const V = r.vectors!;
    for (let k = 0; k < 2; k++) {
      const v = [V.get(0, k), V.get(1, k)];
      expect(Math.hypot(v[0]!, v[1]!)).toBeCloseTo(1, 14);
      // A v = lambda v with the symmetric A
      expect(2 * v[0]! + 1 * v[1]!).toBeCloseTo(r.values[k]! * v[0]!, 13);
    }
    expectOwned(r.values);
    expectOwned(V.data);
  });

  it('vectors: false omits the vectors', () => {
    const r = eigh([[2, 1], [1, 2]], { vectors: false });
    expect(r.vectors).toBeUndefined();
    expect(r.values.length).toBe(2);
  });

  it('rejects a non-square or non-finite A', () => {
    expectThrow(() => eigh([[1, 2, 3]]), RangeError, /eigh/, /A/, /1x3/);
    expectThrow(() => eigh([[1, NaN], [NaN, 1]]), RangeError, /eigh/, /A/, /NaN/);
    expectThrow(() => eigh([[1]], { vectors: 'yes' as never }), TypeError, /eigh/, /vectors/);
  });
});

describe('eig', () => {
  it('gives { values: { re, im } } with conjugate pairs adjacent, positive imaginary part first', () => {
    const r = eig([[0, -1], [1, 0]]);
    expect(r.values.re).toBeInstanceOf(Float64Array);
    expect(r.values.im).toBeInstanceOf(Float64Array);
    expect(Array.from(r.values.re)).toEqual([expect.closeTo(0, 14), expect.closeTo(0, 14)]);
    expect(Array.from(r.values.im)).toEqual([expect.closeTo(1, 14), expect.closeTo(-1, 14)]);
    expect(r.vectors!.re).toBeInstanceOf(Matrix);
    expect(r.vectors!.im).toBeInstanceOf(Matrix);
    expectOwned(r.values.re);
    expectOwned(r.vectors!.re.data);
  });

  it('eigenvectors have unit 2-norm with the largest component real', () => {
    const A = [[1, 2, 0], [-3, 1, 1], [0, 0.5, 2]];
    const r = eig(A);
    const { re, im } = r.vectors!;
    for (let k = 0; k < 3; k++) {
      let norm = 0;
      let best = -1;
      let bi = 0;
      for (let i = 0; i < 3; i++) {
        const m = re.get(i, k) ** 2 + im.get(i, k) ** 2;
        norm += m;
        if (m > best) { best = m; bi = i; }
      }
      expect(Math.sqrt(norm)).toBeCloseTo(1, 13);
      expect(im.get(bi, k) === 0).toBe(true);
      // (A - lambda I) v = 0 with lambda = re + i im, v = vre + i vim.
      const lr = r.values.re[k]!;
      const li = r.values.im[k]!;
      for (let i = 0; i < 3; i++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < 3; j++) {
          sr += A[i]![j]! * re.get(j, k);
          si += A[i]![j]! * im.get(j, k);
        }
        expect(sr - (lr * re.get(i, k) - li * im.get(i, k))).toBeCloseTo(0, 12);
        expect(si - (lr * im.get(i, k) + li * re.get(i, k))).toBeCloseTo(0, 12);
      }
    }
    // This matrix has one complex pair: adjacent, positive imaginary part first.
    const pair = Array.from(r.values.im).findIndex((v) => v !== 0);
    expect(r.values.im[pair]!).toBeGreaterThan(0);
    expect(r.values.im[pair + 1]).toBe(-r.values.im[pair]!);
    expect(r.values.re[pair + 1]).toBe(r.values.re[pair]);
  });

  it('vectors: false omits the vectors; inputs are never modified', () => {
    const A = deepFreeze([[1, 2], [3, 4]]);
    const r = eig(A, { vectors: false });
    expect(r.vectors).toBeUndefined();
    const M = Matrix.from([[1, 2], [3, 4]]);
    eig(M);
    eigh(M);
    expect(M.toArray()).toEqual([[1, 2], [3, 4]]);
  });
});

// ---- cross-cutting rules -----------------------------------------------------------

describe('callbacks that throw, options objects, arena', () => {
  const osc = (_t: number, y: Float64Array, d: Float64Array): void => {
    d[0] = y[1]!;
    d[1] = -4 * y[0]!;
  };
  const throwers: Array<[string, (v: unknown) => unknown]> = [
    ['solveIvp fun', (v) => solveIvp(() => { throw v; }, [0, 1], [1])],
    ['solveIvp event', (v) => solveIvp(osc, [0, 1], [1, 0], { events: () => { throw v; } })],
    ['minimize fun', (v) => minimize(() => { throw v; }, [1])],
    ['minimize jac', (v) => minimize(sqr, [1, 1], { jac: () => { throw v; } })],
    ['minimize callback', (v) => minimize(sqr, [1, 1], { callback: () => { throw v; } })],
    ['quad f', (v) => quad(() => { throw v; }, 0, 1)],
    ['dblquad f', (v) => dblquad(() => { throw v; }, 0, 1, 0, 1)],
    ['dblquad yb', (v) => dblquad(() => 1, 0, 1, 0, () => { throw v; })],
  ];

  it('a thrown non-Error value (string, number, undefined) propagates as that value', () => {
    for (const [name, call] of throwers) {
      for (const v of ['str', 42, undefined]) {
        let caught: unknown = 'nothing thrown';
        try {
          call(v);
        } catch (e) {
          caught = e;
        }
        if (caught !== v) {
          expect(caught, name).toBeInstanceOf(ScicompError);
          expect((caught as Error).cause, name).toBe(v);
        }
      }
    }
  });

  it('a throwing callback releases the WASM arena, so memory use does not creep and the next call works', () => {
    const arena = wasm().arena;
    const mark = arena.mark();
    for (const [name, call] of throwers) {
      const e = new Error(name);
      expectPropagated(() => call(e), e);
      expect(arena.mark(), name).toBe(mark);
    }
    expect(quad(Math.sin, 0, Math.PI).neval).toBe(21);
    expect(solve([[2]], [4])[0]).toBe(2);
  });

  it('frozen options objects are accepted everywhere (never written to)', () => {
    const F = Object.freeze;
    const ev = F(Object.assign((_t: number, y: Float64Array) => y[0]! - 0.5, { terminal: 1 }));
    expect(solveIvp(decay, F([0, 1]) as [number, number], F([1]), F({ rtol: 1e-6, atol: F([1e-9]), tEval: F([0.5, 1]), events: F([ev]) as never, denseOutput: true, maxStep: 0.5, firstStep: 0.01, method: 'RK45' as const })).success).toBe(true);
    expect(quad(Math.sin, 0, 1, F({ epsabs: 1e-10, epsrel: 1e-10, limit: 30, points: F([0.5]) })).success).toBe(true);
    expect(dblquad((x) => x, 0, 1, 0, 1, F({ epsabs: 1e-10, epsrel: 1e-10, limit: 30 })).success).toBe(true);
    expect(eig(F([F([1, 2]), F([3, 4])]), F({ vectors: true })).vectors).toBeDefined();
    expect(eigh(F([F([1, 2]), F([2, 4])]), F({ vectors: false })).vectors).toBeUndefined();
    expect(solve(F([F([1, 2]), F([3, 4])]), F([F([1]), F([2])]), F({ transposed: true }))).toBeInstanceOf(Matrix);
    expect(luFactor(F([F([1, 2]), F([3, 4])])).solve(F([1, 2]), F({ transposed: true }))).toBeInstanceOf(Float64Array);
    expect(minimize(sqr, F([1, 1]), F({ bounds: F([F([-1, 2]) as [number, number], F([null, null]) as [null, null]]), jac: sqrGrad, callback: () => undefined, maxcor: 5 })).success).toBe(true);
  });

  it('typed-array and Matrix inputs are left as they were (eig, eigh, luFactor, det, inv, LU.solve, hessInv.matvec)', () => {
    const rows = [Float64Array.of(2, 1, 0), Float64Array.of(1, 3, 1), Float64Array.of(0, 1, 4)];
    const copy = rows.map((r) => Array.from(r));
    const M = Matrix.from(copy);
    for (const A of [rows, M]) {
      eig(A);
      eigh(A);
      det(A);
      inv(A);
      luFactor(A).solve(Float64Array.of(1, 2, 3));
    }
    expect(rows.map((r) => Array.from(r))).toEqual(copy);
    expect(M.toArray()).toEqual(copy);
    const r = minimize((x) => x[0]! ** 2 + 3 * x[1]! ** 2, [1, 1]);
    const v = Float64Array.of(1, 2);
    r.hessInv.matvec(v);
    r.hessInv.matvec(Object.freeze([1, 2]));
    expect(Array.from(v)).toEqual([1, 2]);
  });

  it('LU.solve and hessInv.matvec results are fresh arrays', () => {
    const f = luFactor([[4, 1], [1, 3]]);
    const x = f.solve([1, 2]);
    expectOwned(x);
    x.fill(0);
    expect(f.solve([1, 2])[0]).toBeCloseTo(1 / 11, 14);
    const r = minimize((z) => z[0]! ** 2 + 3 * z[1]! ** 2, [1, 1]);
    const h1 = r.hessInv.matvec([1, 0]);
    const keep = h1[0];
    h1.fill(0);
    expect(r.hessInv.matvec([1, 0])[0]).toBe(keep);
  });
});

describe('Vectors are ArrayLike<number>', () => {
  const like = (arr: number[]): ArrayLike<number> => {
    const o: Record<number, number> & { length: number } = { length: arr.length };
    arr.forEach((v, i) => { o[i] = v; });
    return o;
  };

  it('every vector argument takes number[], any typed array and a plain array-like object', () => {
    for (const b of [[2, 4], Int32Array.of(2, 4), Float32Array.of(2, 4), like([2, 4])]) {
      expect(Array.from(solve([[2, 0], [0, 4]], b))).toEqual([1, 1]);
    }
    const ref = solveIvp(decay, [0, 1], [1], { tEval: [0.5, 1], atol: [1e-6] });
    for (const y0 of [Float32Array.of(1), Int8Array.of(1), like([1])]) {
      const r = solveIvp(decay, [0, 1], y0, { tEval: Float32Array.of(0.5, 1), atol: like([1e-6]) });
      expect(Array.from(r.y[0]!)).toEqual(Array.from(ref.y[0]!));
    }
    for (const x0 of [Int32Array.of(5, 5), like([5, 5])]) {
      expect(Array.from(minimize(sqr, x0, { jac: sqrGrad }).x)).toEqual(Array.from(minimize(sqr, [5, 5], { jac: sqrGrad }).x));
    }
    expect(quad((x) => Math.abs(x - 1), 0, 2, { points: Int32Array.of(1) }).value).toBeCloseTo(1, 14);
    expect(new Matrix(1, 2, like([1, 2])).toArray()).toEqual([[1, 2]]);
    expect(Matrix.from([Float64Array.of(1, 2)]).toArray()).toEqual([[1, 2]]);
  });
});

describe('nested calls that grow WASM memory from inside a callback', () => {
  /** A diagonal system just big enough that solving it must grow the current memory. */
  const growingSolve = (): number => {
    const bytes = wasm().exports.memory.buffer.byteLength;
    const n = Math.ceil(Math.sqrt(bytes / 8)) + 8;
    const A = new Matrix(n, n);
    for (let i = 0; i < n; i++) A.data[i * n + i] = 2;
    const b = new Float64Array(n).fill(1);
    return solve(A, b)[n - 1]!;
  };

  it('solveIvp gives the same result when its right-hand side grows memory part-way', () => {
    const ref = solveIvp(oscillator, [0, 2], [1, 0], { rtol: 1e-8, atol: 1e-10, denseOutput: true, events: (_t: number, y: Float64Array) => y[0]! });
    let calls = 0;
    const before = wasm().exports.memory.buffer.byteLength;
    const r = solveIvp((t, y, d) => {
      if (++calls === 7) expect(growingSolve()).toBe(0.5);
      oscillator(t, y, d);
    }, [0, 2], [1, 0], { rtol: 1e-8, atol: 1e-10, denseOutput: true, events: (_t: number, y: Float64Array) => y[0]! });
    expect(wasm().exports.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(Array.from(r.t)).toEqual(Array.from(ref.t));
    expect(r.y.map((c) => Array.from(c))).toEqual(ref.y.map((c) => Array.from(c)));
    expect(Array.from(r.tEvents![0]!)).toEqual(Array.from(ref.tEvents![0]!));
    expect(Array.from(r.sol!(1.3))).toEqual(Array.from(ref.sol!(1.3)));
    // nfev counts the calls made (the evaluation interrupted by the growth is redone).
    expect(r.nfev).toBe(calls);
  });

  it('minimize gives the same result when its objective grows memory part-way', () => {
    const ref = minimize(rosen, [-1.2, 1]);
    let calls = 0;
    const before = wasm().exports.memory.buffer.byteLength;
    const r = minimize((x) => {
      if (++calls === 5) expect(growingSolve()).toBe(0.5);
      return rosen(x);
    }, [-1.2, 1]);
    expect(wasm().exports.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(Array.from(r.x)).toEqual(Array.from(ref.x));
    expect([r.nit, r.nfev, r.fun, r.status]).toEqual([ref.nit, ref.nfev, ref.fun, ref.status]);
    expect(Array.from(r.hessInv.matvec([1, 0]))).toEqual(Array.from(ref.hessInv.matvec([1, 0])));
  });

  it('quad and dblquad give the same result when the integrand grows memory part-way', () => {
    const f = (x: number): number => Math.sqrt(x) * Math.log(x);
    const ref = quad(f, 0, 1);
    let calls = 0;
    let before = wasm().exports.memory.buffer.byteLength;
    const r = quad((x) => {
      if (++calls === 30) expect(growingSolve()).toBe(0.5);
      return f(x);
    }, 0, 1);
    expect(wasm().exports.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(r).toEqual(ref);
    const g = (x: number, y: number): number => Math.exp(-x * x - y * y);
    const dref = dblquad(g, -1, 1, -1, 1);
    calls = 0;
    before = wasm().exports.memory.buffer.byteLength;
    const d = dblquad((x, y) => {
      if (++calls === 100) expect(growingSolve()).toBe(0.5);
      return g(x, y);
    }, -1, 1, -1, 1);
    expect(wasm().exports.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(d).toEqual(dref);
  });

  it('a throw from a nested call propagates through the outer call and leaves the arena where it was', () => {
    const arena = wasm().arena;
    const mark = arena.mark();
    const e = new Error('inner');
    expectPropagated(() => quad((x) => quad(() => { throw e; }, 0, x).value, 0, 1), e);
    expectPropagated(() => solveIvp((_t, y, d) => { d[0] = minimize(() => { throw e; }, [y[0]!]).fun; }, [0, 1], [1]), e);
    expect(arena.mark()).toBe(mark);
    expect(quad(Math.sin, 0, Math.PI).neval).toBe(21);
  });
});

import { describe, expect, test } from 'vitest';
import { minimize, type OptimizeResult } from '../minimize.js';
import { loadFixture, num, rng } from '../../__tests__/fixtures.js';
import { withWasm, wasm } from '../../wasm/module.js';
import { quadratic, rosen, rosenDer } from './problems.js';

interface OptCase {
  name: string;
  objective: 'rosenbrock' | 'weighted_quadratic';
  params: { n?: number; w?: number[]; c?: number[] };
  x0: number[];
  grad: 'analytic' | 'fd';
  bounds: [number, number][] | null;
  result: {
    x: number[]; fun: number; jac: number[]; nit: number; nfev: number; njev: number;
    status: number; success: boolean; message: string; activeLower: number[]; activeUpper: number[];
  };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};
const ones = (n: number): Float64Array => new Float64Array(n).fill(1);
const standardStart = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));

describe('minimize against the SciPy 1.10 fixtures', () => {
  const fixture = loadFixture<OptCase>('optimize');
  test('the fixture file has every case the issue names', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual([
      'rosen2.grad', 'rosen2.fd', 'rosen5.grad', 'rosen5.fd', 'rosen2.bounded', 'quadratic4.bounded',
    ]);
  });
  for (const c of fixture.cases) {
    test(`${c.name}: same x, active set, message and evaluation counts as SciPy`, () => {
      let f: (x: Float64Array) => number;
      let g: (x: Float64Array, grad: Float64Array) => void;
      if (c.objective === 'rosenbrock') {
        f = rosen;
        g = rosenDer;
      } else {
        ({ f, g } = quadratic(c.params.w!, c.params.c!));
      }
      const r = minimize(f, c.x0, { jac: c.grad === 'analytic' ? g : undefined, bounds: c.bounds ?? undefined });
      const ref = c.result;
      // fd runs depend on the rounding of f in the differences; analytic runs agree closely.
      const tol = c.grad === 'fd' ? 1e-5 : 1e-8;
      expect(maxAbsDiff(r.x, ref.x.map(num))).toBeLessThan(tol);
      expect(Math.abs(r.fun - num(ref.fun))).toBeLessThan(1e-9);
      expect(r.status).toBe(ref.status);
      expect(r.success).toBe(ref.success);
      expect(r.message).toBe(ref.message);
      expect(r.nit).toBe(ref.nit);
      expect(r.nfev).toBe(ref.nfev);
      expect(r.njev).toBe(ref.njev);
      const lower: number[] = [];
      const upper: number[] = [];
      if (c.bounds) {
        r.x.forEach((v, i) => {
          if (Math.abs(v - c.bounds![i]![0]) <= 1e-10) lower.push(i);
          if (Math.abs(v - c.bounds![i]![1]) <= 1e-10) upper.push(i);
        });
      }
      expect(lower).toEqual(ref.activeLower);
      expect(upper).toEqual(ref.activeUpper);
    });
  }
});

describe('minimize on problems with known minimizers', () => {
  test('finds the minimizer of a quadratic inside the box', () => {
    const { f, g } = quadratic([1, 10, 100], [0.5, -0.25, 0.75]);
    const r = minimize(f, [0, 0, 0], { jac: g, bounds: [[-1, 1], [-1, 1], [-1, 1]] });
    expect(r.success).toBe(true);
    expect(maxAbsDiff(r.x, [0.5, -0.25, 0.75])).toBeLessThan(1e-6);
    expect(r.fun).toBeLessThan(1e-10);
  });

  test('finds the minimizer of a quadratic on faces of the box (the clipped center)', () => {
    const c = [3, -4, 0.5, -0.2];
    const { f, g } = quadratic([1, 2, 3, 4], c);
    const bounds: [number, number][] = [[-1, 1], [-1, 1], [0, 1], [0, 1]];
    const r = minimize(f, [0.3, 0.3, 0.3, 0.3], { jac: g, bounds });
    expect(r.status).toBe(0);
    expect(Array.from(r.x)).toEqual([1, -1, 0.5, 0].map((v, i) => (i === 2 ? r.x[2]! : v)));
    expect(Math.abs(r.x[2]! - 0.5)).toBeLessThan(1e-6);
  });

  test('puts every variable on a bound when the minimizer is outside a corner of the box', () => {
    const f = (x: Float64Array, grad?: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const sign = i % 2 === 0 ? 1 : -1;
        s += sign * x[i]!;
        if (grad) grad[i] = sign;
      }
      return s;
    };
    const r = minimize(f, [0.5, 0.5, 0.5, 0.5, 0.5], { jac: true, bounds: Array(5).fill([0, 1]) });
    expect(r.status).toBe(0);
    expect(r.message).toBe('CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL');
    expect(Array.from(r.x)).toEqual([0, 1, 0, 1, 0]);
    expect(r.fun).toBe(-2);
  });

  for (const n of [2, 5, 100]) {
    test(`minimizes Rosenbrock in ${n} dimensions from the standard start`, () => {
      const r = minimize(rosen, standardStart(n), { jac: rosenDer });
      expect(r.success).toBe(true);
      expect(maxAbsDiff(r.x, ones(n))).toBeLessThan(1e-4);
      expect(r.fun).toBeLessThan(1e-8);
      expect(r.nfev).toBe(r.njev);
    });
  }

  test('convex quadratics in random boxes end at points satisfying the KKT conditions', () => {
    const g = rng(2024);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + (trial % 6);
      // A = M'M + I (SPD), f = x'Ax/2 - b'x
      const M = Array.from({ length: n }, () => Array.from({ length: n }, () => g.normal()));
      const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < n; k++) s += M[k]![i]! * M[k]![j]!;
        return s;
      }));
      const b = Array.from({ length: n }, () => 3 * g.normal());
      const bounds = Array.from({ length: n }, (): [number | null, number | null] => {
        const u = g.uniform();
        if (u < 0.2) return [null, null];
        if (u < 0.4) return [g.normal(), null];
        if (u < 0.6) return [null, g.normal()];
        const lo = g.normal();
        return [lo, lo + 0.1 + g.uniform()];
      });
      const fun = (x: Float64Array, grad?: Float64Array): number => {
        let f = 0;
        for (let i = 0; i < n; i++) {
          let ax = 0;
          for (let j = 0; j < n; j++) ax += A[i]![j]! * x[j]!;
          f += 0.5 * x[i]! * ax - b[i]! * x[i]!;
          if (grad) grad[i] = ax - b[i]!;
        }
        return f;
      };
      const r = minimize(fun, Array.from({ length: n }, () => g.normal()), { jac: true, bounds, gtol: 1e-7, ftol: 1e-13 });
      expect(r.status).toBe(0);
      for (let i = 0; i < n; i++) {
        const [lo, hi] = bounds[i]!;
        const xi = r.x[i]!, gi = r.jac[i]!;
        if (lo !== null) expect(xi).toBeGreaterThanOrEqual(lo);
        if (hi !== null) expect(xi).toBeLessThanOrEqual(hi);
        if (lo !== null && xi === lo) expect(gi).toBeGreaterThan(-1e-5);
        else if (hi !== null && xi === hi) expect(gi).toBeLessThan(1e-5);
        else expect(Math.abs(gi)).toBeLessThan(1e-5);
      }
    }
  });

  test('keeps a fixed variable (lower == upper) at its value', () => {
    const r = minimize(rosen, [0, 0, 0], { jac: rosenDer, bounds: [[null, null], [0.25, 0.25], [null, null]] });
    expect(r.x[1]).toBe(0.25);
    expect(r.success).toBe(true);
  });

  test('treats null and infinite bounds as no bounds', () => {
    const free = minimize(rosen, [-1.2, 1], { jac: rosenDer });
    const open = minimize(rosen, [-1.2, 1], { jac: rosenDer, bounds: [[null, Infinity], [-Infinity, null]] });
    expect(Array.from(open.x)).toEqual(Array.from(free.x));
    expect([open.nit, open.nfev]).toEqual([free.nit, free.nfev]);
  });

  test('works in one dimension', () => {
    const r = minimize((x) => (x[0]! - 2) ** 2, [10]);
    expect(Math.abs(r.x[0]! - 2)).toBeLessThan(1e-6);
    expect(r.nfev).toBe(2 * r.njev);
  });
});

describe('gradients', () => {
  test('the finite-difference path agrees with the analytic path', () => {
    const a = minimize(rosen, [0, 0, 0, 0, 0], { jac: rosenDer });
    const d = minimize(rosen, [0, 0, 0, 0, 0]);
    expect(maxAbsDiff(a.x, d.x)).toBeLessThan(2e-5);
    expect(d.nfev).toBe(d.njev * 6);
    const g = new Float64Array(5);
    rosenDer(d.x, g);
    expect(maxAbsDiff(d.jac, g)).toBeLessThan(1e-4);
  });

  test('jac: true reads the gradient that fun writes, and a returned gradient array works too', () => {
    const viaTrue = minimize((x, grad) => {
      if (grad) rosenDer(x, grad);
      return rosen(x);
    }, [-1.2, 1], { jac: true });
    const viaReturn = minimize(rosen, [-1.2, 1], {
      jac: (x) => {
        const g = new Float64Array(2);
        rosenDer(x, g);
        return Array.from(g);
      },
    });
    const viaFill = minimize(rosen, [-1.2, 1], { jac: rosenDer });
    expect(Array.from(viaTrue.x)).toEqual(Array.from(viaFill.x));
    expect(Array.from(viaReturn.x)).toEqual(Array.from(viaFill.x));
    expect(viaTrue.nfev).toBe(44);
  });

  test('finite differences never evaluate fun outside the box and x0 is clipped into it', () => {
    const seen: number[][] = [];
    const bounds: [number, number][] = [[-1.5, 0.5], [-1.5, 2]];
    const r = minimize((x) => {
      seen.push(Array.from(x));
      return rosen(x);
    }, [-3, 5], { bounds });
    expect(seen[0]).toEqual([-1.5, 2]);
    for (const x of seen) {
      expect(x[0]).toBeGreaterThanOrEqual(-1.5);
      expect(x[0]).toBeLessThanOrEqual(0.5);
      expect(x[1]).toBeGreaterThanOrEqual(-1.5);
      expect(x[1]).toBeLessThanOrEqual(2);
    }
    expect(r.x[0]).toBe(0.5);
    expect(Math.abs(r.x[1]! - 0.25)).toBeLessThan(1e-5);
    expect(r.nfev).toBe(seen.length);
  });
});

describe('limits, callback and the inverse Hessian', () => {
  test('maxiter stops after exactly that many iterations', () => {
    for (const maxiter of [1, 5, 12]) {
      const r = minimize(rosen, [-1.2, 1], { jac: rosenDer, maxiter });
      expect(r.nit).toBe(maxiter);
      expect(r.status).toBe(1);
      expect(r.success).toBe(false);
      expect(r.message).toBe('STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT');
    }
  });

  test('maxfun stops at the first iteration whose evaluation count exceeds it (as SciPy)', () => {
    const calls: number[] = [];
    let count = 0;
    const r = minimize((x) => {
      count++;
      return rosen(x);
    }, [-1.2, 1], { jac: rosenDer, maxfun: 20, callback: () => void calls.push(count) });
    const firstOver = calls.findIndex((c) => c > 20);
    expect(firstOver).toBeGreaterThanOrEqual(0);
    expect(r.nit).toBe(firstOver + 1);
    expect(r.nfev).toBe(calls[firstOver]);
    expect(r.status).toBe(1);
    expect(r.message).toBe('STOP: TOTAL NO. OF f AND g EVALUATIONS EXCEEDS LIMIT');
  });

  test('a callback returning true stops with status 3 at that iterate', () => {
    const iterates: Float64Array[] = [];
    const r = minimize(rosen, [-1.2, 1], {
      jac: rosenDer,
      callback: (x) => {
        iterates.push(x);
        return iterates.length === 3;
      },
    });
    expect(r.status).toBe(3);
    expect(r.success).toBe(false);
    expect(r.nit).toBe(3);
    expect(Array.from(r.x)).toEqual(Array.from(iterates[2]!));
    expect(r.fun).toBe(rosen(r.x));
  });

  test('hessInv.matvec equals the two-loop product of the last maxcor (s, y) pairs', () => {
    const xs: Float64Array[] = [new Float64Array([0, 0, 0, 0, 0])];
    const maxcor = 4;
    const r = minimize(rosen, xs[0]!, { jac: rosenDer, maxcor, callback: (x) => void xs.push(x) });
    expect(r.success).toBe(true);
    const grads = xs.map((x) => {
      const g = new Float64Array(5);
      rosenDer(x, g);
      return g;
    });
    // The run stops at the tests of the last iterate x_k, before its pair is stored: the
    // memory holds the pairs of steps x_{k-1-maxcor} -> ... -> x_{k-1} (no update was skipped
    // on this problem).
    const k = xs.length - 1;
    const pairs: { s: number[]; y: number[] }[] = [];
    for (let i = Math.max(0, k - 1 - maxcor); i < k - 1; i++) {
      pairs.push({
        s: Array.from(xs[i + 1]!, (v, j) => v - xs[i]![j]!),
        y: Array.from(grads[i + 1]!, (v, j) => v - grads[i]![j]!),
      });
    }
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
      return s;
    };
    const twoLoop = (v: number[]): number[] => {
      const q = v.slice();
      const alpha: number[] = [];
      for (let i = pairs.length - 1; i >= 0; i--) {
        const { s, y } = pairs[i]!;
        alpha[i] = dot(s, q) / dot(y, s);
        for (let j = 0; j < q.length; j++) q[j] = q[j]! - alpha[i]! * y[j]!;
      }
      for (let i = 0; i < pairs.length; i++) {
        const { s, y } = pairs[i]!;
        const beta = dot(y, q) / dot(y, s);
        for (let j = 0; j < q.length; j++) q[j] = q[j]! + (alpha[i]! - beta) * s[j]!;
      }
      return q;
    };
    expect(r.hessInv.nCorrections).toBe(maxcor);
    for (const v of [[1, 0, 0, 0, 0], [0.3, -1, 2, 0.5, -0.7]]) {
      const got = r.hessInv.matvec(v);
      const want = twoLoop(v);
      const scale = Math.max(...want.map(Math.abs));
      expect(maxAbsDiff(got, want) / scale).toBeLessThan(1e-6);
    }
    expect(() => r.hessInv.matvec([1, 2])).toThrow(RangeError);
  });
});

describe('failures, errors and re-entrancy', () => {
  test('an objective returning NaN gives status 2 with a message, never a hang', () => {
    const r = minimize((x) => (x[0]! > 0.5 ? NaN : (x[0]! - 3) ** 2), [0]);
    expect(r.status).toBe(2);
    expect(r.success).toBe(false);
    expect(r.message).toMatch(/fun returned NaN at evaluation \d+/);
    expect(r.x[0]).toBeLessThanOrEqual(0.5);
    expect(Number.isFinite(r.fun)).toBe(true);
  });

  test('a NaN at the starting point is reported as well', () => {
    const r = minimize(() => NaN, [1, 2]);
    expect(r.status).toBe(2);
    expect(r.nfev).toBe(1);
    expect(r.message).toContain('NaN');
  });

  test('an infinite gradient component is reported with its index', () => {
    const r = minimize((x, g) => {
      if (g) { g[0] = 2 * x[0]!; g[1] = Infinity; }
      return x[0]! ** 2;
    }, [1, 1], { jac: true });
    expect(r.status).toBe(2);
    expect(r.message).toContain('gradient component 1 is Infinity');
  });

  test('a gradient function that fills nothing is reported instead of read stale', () => {
    const r = minimize((x) => x[0]! ** 2, [1], { jac: () => undefined });
    expect(r.status).toBe(2);
    expect(r.message).toBe('ABNORMAL: gradient component 0 is NaN at evaluation 1');
  });

  test('a wrong gradient makes the line search fail: ABNORMAL_TERMINATION_IN_LNSRCH', () => {
    const r = minimize((x) => x[0]! ** 2 + x[1]! ** 2, [1, 1], {
      jac: (x, g) => { g[0] = -2 * x[0]!; g[1] = -2 * x[1]!; },
    });
    expect(r.status).toBe(2);
    expect(r.message).toBe('ABNORMAL_TERMINATION_IN_LNSRCH');
    expect(Array.from(r.x)).toEqual([1, 1]);
    expect(r.fun).toBe(2);
  });

  test('a throwing objective propagates the same error and the next call works', () => {
    const boom = new Error('boom');
    let calls = 0;
    expect(() => minimize((x) => {
      if (++calls === 5) throw boom;
      return rosen(x);
    }, [-1.2, 1], { jac: rosenDer })).toThrow(boom);
    const before = wasm().arena.mark();
    const r = minimize(rosen, [-1.2, 1], { jac: rosenDer });
    expect([r.nit, r.nfev]).toEqual([36, 44]);
    expect(wasm().arena.mark()).toBe(before);
  });

  test('nested use: an objective that itself calls minimize (LU solve is not on this branch)', () => {
    // f(a) = min_y [(y - a)^2 + (y - 1)^2] + (a - 3)^2 = (a - 1)^2 / 2 + (a - 3)^2 -> a = 7/3.
    let inner = 0;
    const outer = minimize((a) => {
      const r = minimize((y) => (y[0]! - a[0]!) ** 2 + (y[0]! - 1) ** 2, [0], {
        jac: (y, g) => { g[0] = 2 * (y[0]! - a[0]!) + 2 * (y[0]! - 1); },
        gtol: 1e-12,
      });
      inner++;
      expect(r.success).toBe(true);
      return r.fun + (a[0]! - 3) ** 2;
    }, [0]);
    expect(outer.success).toBe(true);
    expect(Math.abs(outer.x[0]! - 7 / 3)).toBeLessThan(1e-5);
    expect(inner).toBe(outer.nfev);
  });

  test('memory does not grow over 1,000 calls', () => {
    minimize(rosen, standardStart(50), { jac: rosenDer });
    const bytes = wasm().arena.memoryBytes;
    for (let i = 0; i < 1000; i++) minimize(rosen, standardStart(50), { jac: rosenDer, maxiter: 3 });
    expect(wasm().arena.memoryBytes).toBe(bytes);
  });

  test('bad inputs throw errors naming the argument', () => {
    const f = (x: Float64Array): number => x[0]! ** 2;
    expect(() => minimize(f, [1, 2], { bounds: [[0, 1], [5, 1]] })).toThrow(
      new RangeError('minimize: bounds[1] lower bound 5 is greater than upper bound 1'));
    expect(() => minimize(f, [1, 2], { bounds: [[0, 1]] })).toThrow(RangeError);
    expect(() => minimize(f, [1, 2], { bounds: [[0, 1]] })).toThrow(/minimize: bounds must have one \[lower, upper\] pair per variable \(2\), got 1/);
    expect(() => minimize(f, [1, NaN])).toThrow(new RangeError('minimize: x0[1] must be finite, got NaN'));
    expect(() => minimize(f, [1, Infinity])).toThrow(RangeError);
    expect(() => minimize(f, [])).toThrow(/minimize: x0 must not be empty/);
    expect(() => minimize(f, [1, 2], { jac: () => [1, 2, 3] })).toThrow(
      new RangeError('minimize: jac must return 2 values (the length of x0), got 3'));
    expect(() => minimize('f' as never, [1])).toThrow(TypeError);
    expect(() => minimize(f, [1], { method: 'BFGS' as never })).toThrow(/minimize: unknown method "BFGS"/);
    expect(() => minimize(f, [1], { maxcor: 0 })).toThrow(/minimize: maxcor must be at least 1, got 0/);
    expect(() => minimize(f, [1], { eps: -1 })).toThrow(/minimize: eps must be positive, got -1/);
    expect(() => minimize(f, [1], { bounds: [[NaN, 1]] })).toThrow(/bounds\[0\] lower bound must not be NaN/);
    expect(() => minimize(f, [1], { jac: 'yes' as never })).toThrow(TypeError);
    expect(() => minimize(() => 'x' as never, [1])).toThrow(/fun must return a number/);
  });

  test('inputs are not modified and results are fresh arrays', () => {
    const x0 = new Float64Array([-1.2, 1]);
    const r1 = minimize(rosen, x0, { jac: rosenDer });
    expect(Array.from(x0)).toEqual([-1.2, 1]);
    const r2 = minimize(rosen, x0, { jac: rosenDer });
    expect(r1.x).not.toBe(r2.x);
    expect(r1.x.buffer).not.toBe(wasm().exports.memory.buffer);
  });

  test('the scalar and SIMD builds give identical results', () => {
    const run = (): OptimizeResult => minimize(rosen, standardStart(20), { jac: rosenDer, bounds: Array(20).fill([-2, 2]) });
    const a = withWasm('scalar', run);
    const b = withWasm('simd', run);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect([a.nit, a.nfev]).toEqual([b.nit, b.nfev]);
  });
});

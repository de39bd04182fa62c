// solveIvp: mathematics (analytic solutions, invariants, order of accuracy, dense output,
// events, backward integration), the API's edge cases and errors, callbacks that throw,
// nesting, and the scalar and SIMD builds agreeing.
import { describe, expect, test } from 'vitest';
import { wasm, withWasm } from '../../wasm/module.js';
import { solveIvp } from '../solve_ivp.js';
import { solve } from '../../linalg/lu.js';
import { quad } from '../../quad/quad.js';
import type { EventFn, OdeFun } from '../types.js';
import { arenstorf } from './problems.js';

const decay: OdeFun = (_t, y, d) => { d[0] = -y[0]!; };
const oscillator = (w: number): OdeFun => (_t, y, d) => { d[0] = y[1]!; d[1] = -w * w * y[0]!; };
const last = (a: Float64Array): number => a[a.length - 1]!;
const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.max(1e-300, Math.abs(want));

/** Fixed steps h: the controller can only grow h, and maxStep caps it at h. */
function fixedStepError(method: 'RK45' | 'RK23', steps: number): number {
  const h = 1 / steps;
  const r = solveIvp(oscillator(1), [0, 1], [1, 0], { method, firstStep: h, maxStep: h, rtol: 1e6, atol: 1e6 });
  expect(r.t.length - 1).toBe(steps);
  return Math.hypot(last(r.y[0]!) - Math.cos(1), last(r.y[1]!) + Math.sin(1));
}

describe('solveIvp: analytic solutions and invariants', () => {
  test('exponential decay matches y0 exp(-k t) at tight tolerance, componentwise', () => {
    const k = 0.7;
    const r = solveIvp((_t, y, d) => { for (let i = 0; i < 3; i++) d[i] = -k * y[i]!; }, [0, 10], [2, 4, 8], { rtol: 1e-10, atol: 1e-12 });
    expect(r.success).toBe(true);
    expect(r.status).toBe(0);
    [2, 4, 8].forEach((y0, i) => expect(relErr(last(r.y[i]!), y0 * Math.exp(-k * 10))).toBeLessThan(1e-8));
  });

  test('the harmonic oscillator follows cos and sin and keeps its energy at tight tolerance', () => {
    const w = 2;
    const r = solveIvp(oscillator(w), [0, 10], [1, 0], { rtol: 1e-10, atol: 1e-12 });
    for (let k = 0; k < r.t.length; k++) {
      const t = r.t[k]!;
      expect(Math.abs(r.y[0]![k]! - Math.cos(w * t))).toBeLessThan(1e-8);
      expect(Math.abs(r.y[1]![k]! + w * Math.sin(w * t))).toBeLessThan(2e-8);
      const energy = w * w * r.y[0]![k]! ** 2 + r.y[1]![k]! ** 2;
      expect(Math.abs(energy - w * w)).toBeLessThan(1e-8);
    }
  });

  test('Lotka–Volterra keeps its first integral delta x - gamma ln x + beta z - alpha ln z', () => {
    const [a, b, g, dl] = [1.5, 1, 3, 1];
    const V = (x: number, z: number): number => dl * x - g * Math.log(x) + b * z - a * Math.log(z);
    const f: OdeFun = (_t, y, d) => { d[0] = a * y[0]! - b * y[0]! * y[1]!; d[1] = dl * y[0]! * y[1]! - g * y[1]!; };
    const r = solveIvp(f, [0, 15], [10, 5], { rtol: 1e-10, atol: 1e-10 });
    const v0 = V(10, 5);
    for (let k = 0; k < r.t.length; k++) expect(Math.abs(V(r.y[0]![k]!, r.y[1]![k]!) - v0)).toBeLessThan(1e-7 * Math.abs(v0));
    // At the default tolerance the drift is visible but bounded by the tolerance's scale.
    const loose = solveIvp(f, [0, 15], [10, 5]);
    const drift = Math.max(...Array.from(loose.t, (_, k) => Math.abs(V(loose.y[0]![k]!, loose.y[1]![k]!) - v0)));
    expect(drift).toBeGreaterThan(1e-6);
    expect(drift).toBeLessThan(0.5);
  });

  test('the Arenstorf orbit closes after one period at rtol 1e-10', () => {
    const T = 17.0652165601579625588917206249;
    const y0 = [0.994, 0, 0, -2.00158510637908252240537862224];
    const r = solveIvp(arenstorf(0.012277471), [0, T], y0, { rtol: 1e-10, atol: 1e-12 });
    expect(Math.hypot(last(r.y[0]!) - y0[0]!, last(r.y[1]!) - y0[1]!)).toBeLessThan(1e-5);
  });
});

describe('solveIvp: order of accuracy on fixed steps', () => {
  test('RK45 converges at order 5', () => {
    const e1 = fixedStepError('RK45', 16);
    const e2 = fixedStepError('RK45', 32);
    const order = Math.log2(e1 / e2);
    expect(order).toBeGreaterThan(4.7);
    expect(order).toBeLessThan(5.5);
  });

  test('RK23 converges at order 3', () => {
    const e1 = fixedStepError('RK23', 32);
    const e2 = fixedStepError('RK23', 64);
    const order = Math.log2(e1 / e2);
    expect(order).toBeGreaterThan(2.8);
    expect(order).toBeLessThan(3.3);
  });
});

describe('solveIvp: dense output and output times', () => {
  for (const method of ['RK45', 'RK23'] as const) {
    test(`${method}: sol is continuous at step boundaries, equals y there and is accurate mid-step`, () => {
      const r = solveIvp(oscillator(1), [0, 10], [1, 0], { method, denseOutput: true, rtol: 1e-6, atol: 1e-9 });
      const sol = r.sol!;
      expect(sol).not.toBeNull();
      for (let k = 1; k < r.t.length - 1; k++) {
        const tk = r.t[k]!;
        const at = sol(tk);
        expect(Math.abs(at[0]! - r.y[0]![k]!)).toBeLessThan(1e-12);
        const d = 1e-9;
        const left = sol(tk - d);
        const right = sol(tk + d);
        expect(Math.abs(left[0]! - right[0]!)).toBeLessThan(1e-8);
        const mid = 0.5 * (tk + r.t[k + 1]!);
        expect(Math.abs(sol(mid)[0]! - Math.cos(mid))).toBeLessThan(method === 'RK45' ? 1e-5 : 1e-4);
      }
      // Each call gives a fresh array.
      const a = sol(1);
      a[0] = 99;
      expect(sol(1)[0]).not.toBe(99);
    });
  }

  test('tEval returns exactly those times, with the same nfev as without', () => {
    const tEval = Array.from({ length: 101 }, (_, k) => k / 10);
    const plain = solveIvp(decay, [0, 10], [1]);
    const r = solveIvp(decay, [0, 10], [1], { tEval });
    expect(Array.from(r.t)).toEqual(tEval);
    expect(r.nfev).toBe(plain.nfev);
    r.t.forEach((t, k) => expect(Math.abs(r.y[0]![k]! - Math.exp(-t))).toBeLessThan(2e-3));
  });

  test('denseOutput with tEval covers the whole span', () => {
    const r = solveIvp(decay, [0, 5], [1], { tEval: [1, 2], denseOutput: true, rtol: 1e-8, atol: 1e-10 });
    expect(r.t.length).toBe(2);
    for (const t of [0, 0.3, 2.5, 4.99, 5]) expect(Math.abs(r.sol!(t)[0]! - Math.exp(-t))).toBeLessThan(1e-7);
  });

  test('results are fresh arrays: inputs untouched, outputs writable and independent', () => {
    const y0 = new Float64Array([1, 0]);
    const r = solveIvp(oscillator(1), [0, 1], y0);
    expect(Array.from(y0)).toEqual([1, 0]);
    expect(r.y[0]).toBeInstanceOf(Float64Array);
    expect(r.y[0]!.buffer).not.toBe(wasm().exports.memory.buffer);
    const y1 = Array.from(r.y[1]!);
    r.y[0]!.fill(7);
    expect(Array.from(r.y[1]!)).toEqual(y1);
  });
});

describe('solveIvp: events', () => {
  test('a bouncing ball restarted at each terminal hit reproduces the analytic hit times', () => {
    const g = 9.81;
    const e = 0.8;
    const hit: EventFn = Object.assign((_t: number, y: Float64Array) => y[0]!, { terminal: true, direction: -1 });
    const fall: OdeFun = (_t, y, d) => { d[0] = y[1]!; d[1] = -g; };
    let t0 = 0;
    let y: number[] = [10, 0];
    const hits: number[] = [];
    for (let bounce = 0; bounce < 4; bounce++) {
      const r = solveIvp(fall, [t0, t0 + 10], y, { events: hit, rtol: 1e-10, atol: 1e-12 });
      expect(r.status).toBe(1);
      expect(r.message).toBe('A termination event occurred.');
      const te = r.tEvents![0]!;
      expect(te.length).toBe(1);
      hits.push(te[0]!);
      expect(last(r.t)).toBe(te[0]);
      const ye = r.yEvents![0]![0]!;
      t0 = te[0]!;
      y = [0, -e * ye[1]!];
    }
    // First fall from 10 m, then flights of 2 v_k / g with v_k = e^k sqrt(2 g 10).
    const v1 = Math.sqrt(2 * g * 10);
    const want = [v1 / g];
    for (let k = 1; k < 4; k++) want.push(want[k - 1]! + (2 * e ** k * v1) / g);
    hits.forEach((t, k) => expect(Math.abs(t - want[k]!)).toBeLessThan(1e-8));
  });

  test('terminal: 2 stops at the second zero and lists both', () => {
    // x = cos(2t): zeros at pi/4, 3pi/4, 5pi/4, ...
    const zero: EventFn = Object.assign((_t: number, y: Float64Array) => y[0]!, { terminal: 2 });
    const r = solveIvp(oscillator(2), [0, 10], [1, 0], { events: zero, rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe(1);
    expect(r.tEvents![0]!.length).toBe(2);
    expect(Math.abs(r.tEvents![0]![0]! - Math.PI / 4)).toBeLessThan(1e-9);
    expect(Math.abs(r.tEvents![0]![1]! - (3 * Math.PI) / 4)).toBeLessThan(1e-9);
    expect(last(r.t)).toBe(r.tEvents![0]![1]);
    expect(Math.abs(r.yEvents![0]![1]![0]!)).toBeLessThan(1e-9);
  });

  test('direction filters crossings; non-terminal events record every zero', () => {
    const mk = (direction: number): EventFn => Object.assign((_t: number, y: Float64Array) => y[0]!, { direction });
    const r = solveIvp(oscillator(2), [0, 10], [1, 0], { events: [mk(0), mk(1), mk(-1)], rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe(0);
    const all = Array.from({ length: 6 }, (_, k) => Math.PI / 4 + (k * Math.PI) / 2).filter((t) => t <= 10);
    expect(r.tEvents![0]!.length).toBe(all.length);
    r.tEvents![0]!.forEach((t, k) => expect(Math.abs(t - all[k]!)).toBeLessThan(1e-9));
    // cos(2t) falls through zero at pi/4 + k pi, rises at 3pi/4 + k pi.
    expect(Array.from(r.tEvents![1]!, (t) => Math.round(((t - (3 * Math.PI) / 4) / Math.PI) * 1e6) / 1e6 + 0)).toEqual([0, 1, 2]);
    expect(Array.from(r.tEvents![2]!, (t) => Math.round(((t - Math.PI / 4) / Math.PI) * 1e6) / 1e6 + 0)).toEqual([0, 1, 2]);
  });

  test('a terminal event with tEval keeps only the output times before it; sol ends there too', () => {
    const stop: EventFn = Object.assign((t: number) => t - 2.5, { terminal: true });
    for (const method of ['RK45', 'RK23'] as const) {
      const r = solveIvp(decay, [0, 5], [1], { method, events: stop, tEval: [1, 2, 3, 4], denseOutput: true, rtol: 1e-8, atol: 1e-10 });
      expect(r.status).toBe(1);
      expect(Array.from(r.t)).toEqual([1, 2]);
      expect(r.y[0]!.length).toBe(2);
      expect(Math.abs(r.tEvents![0]![0]! - 2.5)).toBeLessThan(1e-12);
      expect(relErr(r.sol!(2.25)[0]!, Math.exp(-2.25))).toBeLessThan(1e-6);
    }
  });

  test('two terminal events in one step stop at the earlier one', () => {
    const a: EventFn = Object.assign((t: number) => t - 0.5, { terminal: true });
    const b: EventFn = Object.assign((t: number) => t - 0.4, { terminal: true });
    const r = solveIvp(decay, [0, 1], [1], { events: [a, b], firstStep: 1 });
    expect(r.status).toBe(1);
    expect(r.tEvents![0]!.length).toBe(0);
    expect(Math.abs(r.tEvents![1]![0]! - 0.4)).toBeLessThan(1e-14);
    expect(last(r.t)).toBe(r.tEvents![1]![0]);
  });
});

describe('solveIvp: event lists', () => {
  test('an empty events list gives empty tEvents and yEvents (as SciPy), no events option gives null', () => {
    const f: OdeFun = (_t, _y, d) => { d[0] = 1; };
    const r = solveIvp(f, [0, 1], [0], { events: [] });
    expect(r.tEvents).toEqual([]);
    expect(r.yEvents).toEqual([]);
    const z = solveIvp(f, [0, 0], [0], { events: [] });
    expect(z.tEvents).toEqual([]);
    const none = solveIvp(f, [0, 1], [0]);
    expect(none.tEvents).toBeNull();
    expect(none.yEvents).toBeNull();
  });
});

describe('solveIvp: backward integration', () => {
  test('integrating back from y(T) returns to y0, and matches the forward solution at tEval', () => {
    const f = oscillator(1.5);
    const opts = { rtol: 1e-10, atol: 1e-12 };
    const fwd = solveIvp(f, [0, 5], [1, 0], opts);
    const yT = [last(fwd.y[0]!), last(fwd.y[1]!)];
    const bwd = solveIvp(f, [5, 0], yT, { ...opts, tEval: [4, 2.5, 1, 0] });
    expect(bwd.success).toBe(true);
    expect(Array.from(bwd.t)).toEqual([4, 2.5, 1, 0]);
    [4, 2.5, 1, 0].forEach((t, k) => expect(Math.abs(bwd.y[0]![k]! - Math.cos(1.5 * t))).toBeLessThan(1e-8));
    // Mirrored problem: y' = y backwards from 0 to -10 equals y' = -y forwards.
    const back = solveIvp((_t, y, d) => { d[0] = y[0]!; }, [0, -10], [1]);
    const forward = solveIvp(decay, [0, 10], [1]);
    expect(back.nfev).toBe(forward.nfev);
    expect(Array.from(back.t, (t) => 0 - t)).toEqual(Array.from(forward.t));
    expect(Array.from(back.y[0]!)).toEqual(Array.from(forward.y[0]!));
  });

  test('events and dense output work backwards', () => {
    const ev: EventFn = Object.assign((t: number) => t - 2, { terminal: true });
    const r = solveIvp(decay, [5, 0], [Math.exp(-5)], { events: ev, denseOutput: true, rtol: 1e-10, atol: 1e-14 });
    expect(r.status).toBe(1);
    expect(Math.abs(r.tEvents![0]![0]! - 2)).toBeLessThan(1e-12);
    expect(relErr(r.sol!(3)[0]!, Math.exp(-3))).toBeLessThan(1e-8);
  });
});

describe('solveIvp: options', () => {
  test('maxStep caps every step and firstStep sets the first', () => {
    const r = solveIvp(decay, [0, 10], [1], { maxStep: 0.25, firstStep: 0.01 });
    expect(r.t[1]).toBe(0.01);
    for (let k = 1; k < r.t.length; k++) expect(r.t[k]! - r.t[k - 1]!).toBeLessThanOrEqual(0.25 + 1e-15);
  });

  test('per-component atol: equal entries equal the scalar, a loose entry takes fewer steps', () => {
    const f = oscillator(1);
    const scalar = solveIvp(f, [0, 10], [1e-3, 0], { atol: 1e-9, rtol: 1e-9 });
    const vector = solveIvp(f, [0, 10], [1e-3, 0], { atol: [1e-9, 1e-9], rtol: 1e-9 });
    expect(Array.from(vector.t)).toEqual(Array.from(scalar.t));
    const loose = solveIvp(f, [0, 10], [1e-3, 0], { atol: [1e-9, 1], rtol: 1e-9 });
    expect(loose.nfev).toBeLessThan(scalar.nfev);
  });

  test('RK23 and RK45 are selected by method and agree on a smooth problem', () => {
    const a = solveIvp(decay, [0, 2], [1], { method: 'RK23', rtol: 1e-8, atol: 1e-10 });
    const b = solveIvp(decay, [0, 2], [1], { method: 'RK45', rtol: 1e-8, atol: 1e-10 });
    expect((a.nfev - 2) % 3).toBe(0);
    expect((b.nfev - 2) % 6).toBe(0);
    expect(Math.abs(last(a.y[0]!) - last(b.y[0]!))).toBeLessThan(1e-8);
  });

  test('a function returning the derivative works like one filling dydt', () => {
    const inPlace = solveIvp(oscillator(1), [0, 3], [1, 0]);
    const returned = solveIvp((_t, y) => [y[1]!, -y[0]!], [0, 3], [1, 0]);
    expect(Array.from(returned.y[0]!)).toEqual(Array.from(inPlace.y[0]!));
    expect(returned.nfev).toBe(inPlace.nfev);
  });

  test('tSpan[0] === tSpan[1] returns at once with t = [t0] and no evaluations', () => {
    let calls = 0;
    const r = solveIvp(() => { calls++; }, [3, 3], [1, 2]);
    expect(r.success).toBe(true);
    expect(r.status).toBe(0);
    expect(Array.from(r.t)).toEqual([3]);
    expect(r.y.map((c) => Array.from(c))).toEqual([[1], [2]]);
    expect(calls).toBe(0);
    expect(r.nfev).toBe(0);
  });
});

describe('solveIvp: failures come back as status -1 with a message', () => {
  test('an event function that returns NaN mid-run stops with success false, naming the event and t', () => {
    const r = solveIvp((_t, _y, d) => { d[0] = 1; }, [0, 1], [0], { events: (t: number) => (t > 0.5 ? NaN : 1) });
    expect(r.success).toBe(false);
    expect(r.status).toBe(-1);
    expect(r.message).toMatch(/^solveIvp: events\[0\] returned a non-finite value, NaN, at t = /);
    expect(last(r.t)).toBeLessThanOrEqual(1);
  });

  test('an event function that is not finite at t0 stops before the first step', () => {
    const r = solveIvp((_t, _y, d) => { d[0] = 1; }, [0, 1], [0], { events: [() => 1, () => Infinity] });
    expect(r.success).toBe(false);
    expect(r.message).toBe('solveIvp: events[1] returned a non-finite value, Infinity, at t = 0');
    expect(Array.from(r.t)).toEqual([0]);
  });

  test('a NaN derivative stops with success false and names the component and t', () => {
    const r = solveIvp((t, y, d) => { d[0] = t > 1 ? NaN : -y[0]!; }, [0, 5], [1]);
    expect(r.success).toBe(false);
    expect(r.status).toBe(-1);
    expect(r.message).toMatch(/^solveIvp: fun returned a non-finite derivative, dydt\[0\] = NaN, at t = 1\.\d+/);
    expect(last(r.t)).toBeLessThanOrEqual(1.5);
  });

  test('a NaN in one component of a middle stage is caught (RK23, three components)', () => {
    const f: OdeFun = (t, y, d) => {
      d[0] = -y[0]!;
      d[1] = t > 0.3 && t < 0.35 ? NaN : -2 * y[1]!;
      d[2] = y[0]!;
    };
    const r = solveIvp(f, [0, 1], [1, 1, 0], { method: 'RK23', maxStep: 0.01 });
    expect(r.success).toBe(false);
    expect(r.message).toMatch(/^solveIvp: fun returned a non-finite derivative, dydt\[1\] = NaN, at t = 0\.3/);
  });

  test('an infinite derivative at t0 fails before any step', () => {
    const r = solveIvp((_t, _y, d) => { d[0] = 1; d[1] = Infinity; }, [0, 1], [0, 0]);
    expect(r.success).toBe(false);
    expect(r.message).toBe('solveIvp: fun returned a non-finite derivative, dydt[1] = Infinity, at t = 0');
    expect(Array.from(r.t)).toEqual([0]);
  });

  test('a derivative of the wrong length fails with a message naming t', () => {
    const r = solveIvp(() => [1, 2, 3], [0, 1], [0, 0]);
    expect(r.success).toBe(false);
    expect(r.message).toBe('solveIvp: fun must fill dydt or return an array of length 2, got an array of length 3 at t = 0');
    const s = solveIvp(() => 5 as unknown as number[], [0, 1], [0, 0]);
    expect(s.message).toBe('solveIvp: fun must fill dydt or return an array of length 2, got 5 at t = 0');
  });

  test('a solution that blows up ends with SciPy\'s step-size message, not a hang', () => {
    // y' = y^2, y(0) = 1 has y = 1/(1 - t): a singularity at t = 1.
    const r = solveIvp((_t, y, d) => { d[0] = y[0]! * y[0]!; }, [0, 2], [1]);
    expect(r.success).toBe(false);
    expect(r.status).toBe(-1);
    expect(r.message).toBe('Required step size is less than spacing between numbers.');
    expect(last(r.t)).toBeLessThan(1);
    expect(last(r.t)).toBeGreaterThan(0.99);
  });
});

describe('solveIvp: bad inputs throw with the argument, the rule and the value', () => {
  const f: OdeFun = decay;
  const cases: [string, () => unknown, ErrorConstructor, string][] = [
    ['empty y0', () => solveIvp(f, [0, 1], []), RangeError, 'solveIvp: y0 must not be empty, got length 0'],
    ['non-finite tSpan', () => solveIvp(f, [0, Infinity], [1]), RangeError, 'solveIvp: tSpan[1] must be finite, got Infinity'],
    ['NaN in tSpan', () => solveIvp(f, [NaN, 1], [1]), RangeError, 'solveIvp: tSpan[0] must be finite, got NaN'],
    ['tSpan of length 3', () => solveIvp(f, [0, 1, 2] as unknown as [number, number], [1]), RangeError, 'solveIvp: tSpan must have length 2, got 3'],
    ['negative rtol', () => solveIvp(f, [0, 1], [1], { rtol: -1e-3 }), RangeError, 'solveIvp: rtol must be non-negative and finite, got -0.001'],
    ['negative atol entry', () => solveIvp(f, [0, 1], [1, 2], { atol: [1e-6, -1] }), RangeError, 'solveIvp: atol[1] must be non-negative, got -1'],
    ['atol of the wrong length', () => solveIvp(f, [0, 1], [1, 2], { atol: [1e-6] }), RangeError, 'solveIvp: atol must be a number or have one entry per component (2), got length 1'],
    ['tEval outside the span', () => solveIvp(f, [0, 1], [1], { tEval: [0.5, 1.5] }), RangeError, 'solveIvp: tEval values must lie within tSpan [0, 1], tEval[1] is 1.5'],
    ['tEval not sorted', () => solveIvp(f, [0, 1], [1], { tEval: [0.5, 0.2] }), RangeError, 'solveIvp: tEval must be strictly increasing (the direction of integration), tEval[1] = 0.2 follows 0.5'],
    ['tEval increasing for a backward span', () => solveIvp(f, [1, 0], [1], { tEval: [0.2, 0.5] }), RangeError, 'solveIvp: tEval must be strictly decreasing (the direction of integration), tEval[1] = 0.5 follows 0.2'],
    ['unknown method', () => solveIvp(f, [0, 1], [1], { method: 'BDF' as 'RK45' }), RangeError, "solveIvp: method must be 'RK45' or 'RK23', got \"BDF\""],
    ['fun not a function', () => solveIvp(42 as unknown as OdeFun, [0, 1], [1]), TypeError, 'solveIvp: fun must be a function, got 42'],
    ['non-numeric y0 entry', () => solveIvp(f, [0, 1], ['a'] as unknown as number[]), TypeError, 'solveIvp: y0[0] must be a number, got "a"'],
    ['maxStep zero', () => solveIvp(f, [0, 1], [1], { maxStep: 0 }), RangeError, 'solveIvp: maxStep must be positive, got 0'],
    ['firstStep beyond the span', () => solveIvp(f, [0, 1], [1], { firstStep: 2 }), RangeError, 'solveIvp: firstStep must not exceed |tSpan[1] - tSpan[0]| = 1, got 2'],
    ['fractional terminal', () => solveIvp(f, [0, 1], [1], { events: Object.assign(() => 1, { terminal: 1.5 }) }), RangeError, 'solveIvp: events[0].terminal must be a boolean or a positive integer, got 1.5'],
    ['NaN rtol', () => solveIvp(f, [0, 1], [1], { rtol: NaN }), RangeError, 'solveIvp: rtol must be non-negative and finite, got NaN'],
    ['NaN atol', () => solveIvp(f, [0, 1], [1], { atol: NaN }), RangeError, 'solveIvp: atol must be non-negative and finite, got NaN'],
    ['NaN maxStep', () => solveIvp(f, [0, 1], [1], { maxStep: NaN }), RangeError, 'solveIvp: maxStep must be positive, got NaN'],
    ['NaN firstStep', () => solveIvp(f, [0, 1], [1], { firstStep: NaN }), RangeError, 'solveIvp: firstStep must be positive, got NaN'],
    ['NaN event direction', () => solveIvp(f, [0, 1], [1], { events: Object.assign(() => 1, { direction: NaN }) }), RangeError, 'solveIvp: events[0].direction must not be NaN, got NaN'],
  ];
  for (const [what, call, type, message] of cases) {
    test(`${what}: ${type.name}`, () => {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    });
  }
});

describe('solveIvp: callbacks that throw, nesting, memory and builds', () => {
  test('a throwing right-hand side propagates the same object, releases the arena, and the next call works', () => {
    const boom = new Error('boom');
    const mark = wasm().arena.mark();
    let thrown: unknown;
    try {
      solveIvp((t, y, d) => { if (t > 0.5) throw boom; d[0] = -y[0]!; }, [0, 1], [1]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(boom);
    expect(wasm().arena.mark()).toBe(mark);
    const r = solveIvp(decay, [0, 1], [1], { rtol: 1e-8, atol: 1e-10 });
    expect(relErr(last(r.y[0]!), Math.exp(-1))).toBeLessThan(1e-7);
  });

  test('a throwing event function propagates too', () => {
    const boom = new RangeError('event failed');
    const ev: EventFn = (t) => { if (t > 0.2) throw boom; return 1; };
    expect(() => solveIvp(decay, [0, 1], [1], { events: ev })).toThrow(boom);
    expect(solveIvp(decay, [0, 1], [1]).success).toBe(true);
  });

  test('a right-hand side that itself calls solveIvp works (nested kernels)', () => {
    // y' = -z(t) y with z(t) = t obtained from an inner integration of z' = 1: y = exp(-t^2/2).
    let inner = 0;
    const f: OdeFun = (t, y, d) => {
      const z = t === 0 ? 0 : last(solveIvp((_s, _z, dz) => { dz[0] = 1; }, [0, t], [0]).y[0]!);
      inner++;
      d[0] = -z * y[0]!;
    };
    const r = solveIvp(f, [0, 2], [1], { rtol: 1e-8, atol: 1e-10 });
    expect(r.success).toBe(true);
    expect(inner).toBe(r.nfev);
    expect(relErr(last(r.y[0]!), Math.exp(-2))).toBeLessThan(1e-7);
  });

  test('a right-hand side that calls solve and quad works (other kernels inside the callback)', () => {
    // M y' = -y with M = [[2, 1], [1, 3]]: y' = -M^{-1} y; the rate also integrates
    // 1 = quad(1, 0, 1) at each call. Reference: the same system with M^{-1} written out.
    const M = [[2, 1], [1, 3]];
    const nested: OdeFun = (_t, y, d) => {
      const one = quad(() => 1, 0, 1).value;
      const x = solve(M, [y[0]!, y[1]!]) as Float64Array;
      d[0] = -one * x[0]!;
      d[1] = -one * x[1]!;
    };
    const inv = [[0.6, -0.2], [-0.2, 0.4]];
    const direct: OdeFun = (_t, y, d) => {
      d[0] = -(inv[0]![0]! * y[0]! + inv[0]![1]! * y[1]!);
      d[1] = -(inv[1]![0]! * y[0]! + inv[1]![1]! * y[1]!);
    };
    const a = solveIvp(nested, [0, 3], [1, -1], { rtol: 1e-9, atol: 1e-12 });
    const b = solveIvp(direct, [0, 3], [1, -1], { rtol: 1e-9, atol: 1e-12 });
    expect(a.success).toBe(true);
    expect(a.nfev).toBe(b.nfev);
    expect(Math.abs(last(a.y[0]!) - last(b.y[0]!))).toBeLessThan(1e-12);
    expect(Math.abs(last(a.y[1]!) - last(b.y[1]!))).toBeLessThan(1e-12);
  });

  test('a nested call that grows WASM memory does not corrupt the outer integration', () => {
    const plain = solveIvp(oscillator(1), [0, 2], [1, 0], { rtol: 1e-8, atol: 1e-10 });
    let grew = false;
    const f: OdeFun = (t, y, d) => {
      if (!grew && t > 0.5) {
        // A large inner system: its workspace is larger than the headroom left above the outer one.
        const before = wasm().arena.memoryBytes;
        const n = 40_000;
        solveIvp((_s, z, dz) => { for (let i = 0; i < n; i++) dz[i] = -z[i]!; }, [0, 1e-3], new Float64Array(n).fill(1));
        grew = wasm().arena.memoryBytes > before;
      }
      d[0] = y[1]!;
      d[1] = -y[0]!;
    };
    const r = solveIvp(f, [0, 2], [1, 0], { rtol: 1e-8, atol: 1e-10 });
    expect(grew).toBe(true);
    expect(Array.from(r.t)).toEqual(Array.from(plain.t));
    expect(Array.from(r.y[0]!)).toEqual(Array.from(plain.y[0]!));
    // The evaluation during which memory grew is repeated on copies (counted).
    expect(r.nfev).toBe(plain.nfev + 1);
  });

  test('memory does not grow over 1,000 calls', () => {
    solveIvp(oscillator(1), [0, 5], [1, 0], { tEval: [1, 2, 3], denseOutput: true });
    const bytes = wasm().arena.memoryBytes;
    const mark = wasm().arena.mark();
    for (let i = 0; i < 1000; i++) solveIvp(oscillator(1), [0, 5], [1, 0], { tEval: [1, 2, 3], denseOutput: true });
    expect(wasm().arena.memoryBytes).toBe(bytes);
    expect(wasm().arena.mark()).toBe(mark);
  });

  test('the scalar and SIMD builds give identical bits (small and large systems)', () => {
    // n = 37: the f64x2 element loop with a scalar tail; n = 101: the stage-by-stage passes.
    const heat = (n: number): OdeFun => (_t, y, d) => {
      for (let i = 0; i < n; i++) d[i] = (i > 0 ? y[i - 1]! : 0) - 2 * y[i]! + (i < n - 1 ? y[i + 1]! : 0);
    };
    const y0 = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.sin((Math.PI * (i + 1)) / (n + 1)) + 0.01 * Math.cos(7 * i));
    const run = (): number[][] => [
      ...solveIvp(heat(37), [0, 3], y0(37), { denseOutput: true }).y.map((c) => Array.from(c)),
      ...solveIvp(heat(101), [0, 3], y0(101), { tEval: [1, 2, 3] }).y.map((c) => Array.from(c)),
      ...solveIvp(arenstorf(0.012277471), [0, 2], [0.994, 0, 0, -2.00158510637908252240537862224], { method: 'RK23' }).y.map((c) => Array.from(c)),
    ];
    const scalar = withWasm('scalar', (w) => { expect(w.simd).toBe(false); return run(); });
    const simd = withWasm('simd', (w) => { expect(w.simd).toBe(true); return run(); });
    expect(simd).toEqual(scalar);
  });
});

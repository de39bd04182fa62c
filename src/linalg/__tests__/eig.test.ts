import { describe, expect, it } from 'vitest';
import { eig, eigh, LinAlgError, Matrix } from '../../index.js';
import { eigImpl } from '../eig.js';
import { loadFixture, num, randomRows } from '../../__tests__/fixtures.js';
import { wasm, withWasm } from '../../wasm/module.js';
import {
  checkPairOrder, column, eigResidual, frob, matchDistance, normalisation, type Rows,
} from './eig-helpers.js';

interface LinalgCase {
  name: string;
  n: number;
  A: Rows;
  eigSorted: { re: number[]; im: number[] };
}

const cases = loadFixture<LinalgCase>('linalg').cases;
const SIZES = [1, 2, 3, 17, 64, 200];

function trace(A: Rows): number {
  return A.reduce((s, row, i) => s + row[i]!, 0);
}

describe('eig on the SciPy fixtures', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: eigenvalues match dgeev within 1e-12·‖A‖', (_name, c) => {
    const A = c.A.map((row) => row.map(num));
    const r = eig(A);
    const expected = { re: c.eigSorted.re.map(num), im: c.eigSorted.im.map(num) };
    expect(matchDistance(expected, r.values)).toBeLessThanOrEqual(1e-12 * frob(A));
    expect(eigResidual(A, r)).toBeLessThan(1e-13);
    checkPairOrder(r);
  });
});

describe('eig identities on seeded random matrices', () => {
  it.each(SIZES)('n = %i: ‖Av − λv‖/‖A‖ < 1e-10 for every pair, Σλ = trace, unit vectors with a real largest component', (n) => {
    const A = randomRows(1000 + n, n);
    const r = eig(A);
    expect(r.values.re).toHaveLength(n);
    expect(r.vectors!.re.rows).toBe(n);
    expect(r.vectors!.im.cols).toBe(n);
    expect(eigResidual(A, r)).toBeLessThan(1e-10);
    const sumRe = r.values.re.reduce((a, b) => a + b, 0);
    const sumIm = r.values.im.reduce((a, b) => a + b, 0);
    expect(Math.abs(sumRe - trace(A))).toBeLessThan(1e-12 * n * frob(A));
    expect(Math.abs(sumIm)).toBeLessThan(1e-12 * n * frob(A));
    checkPairOrder(r);
    const { norm, imagAtMax } = normalisation(r);
    expect(norm).toBeLessThan(1e-13);
    expect(imagAtMax).toBe(0);
  });

  it('finds complex pairs in a random matrix (the pair path is exercised)', () => {
    const r = eig(randomRows(1064, 64));
    expect(r.values.im.filter((x) => x > 0).length).toBeGreaterThan(3);
  });

  it.each([40, 150])('n = %i: gives the same eigenvalues with and without vectors', (n) => {
    const A = randomRows(77, n);
    const withV = eig(A);
    const without = eig(A, { vectors: false });
    expect(without.vectors).toBeUndefined();
    expect(matchDistance(withV.values, without.values)).toBeLessThan(1e-12 * frob(A));
    checkPairOrder(without);
  });
});

describe('eig on special matrices', () => {
  it('returns ±i for a 90° rotation, +i first, with eigenvector (1, −i)/√2 up to the convention', () => {
    const r = eig([[0, -1], [1, 0]]);
    expect(Array.from(r.values.re)).toEqual([0, 0]);
    expect(r.values.im[0]).toBeCloseTo(1, 15);
    expect(r.values.im[1]).toBeCloseTo(-1, 15);
    const v = column(r, 0);
    // A v = i v with |v_0| = |v_1| = 1/√2
    expect(Math.hypot(v.re[0]!, v.im[0]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(Math.hypot(v.re[1]!, v.im[1]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(eigResidual([[0, -1], [1, 0]], r)).toBeLessThan(1e-15);
    checkPairOrder(r);
  });

  it('returns cos θ ± i sin θ for a general rotation', () => {
    const t = 0.3;
    const A = [[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]];
    const r = eig(A);
    expect(r.values.re[0]).toBeCloseTo(Math.cos(t), 14);
    expect(r.values.im[0]).toBeCloseTo(Math.sin(t), 14);
    expect(r.values.im[1]).toBeCloseTo(-Math.sin(t), 14);
    expect(eigResidual(A, r)).toBeLessThan(1e-15);
  });

  it('returns the diagonal of a diagonal matrix with unit coordinate vectors', () => {
    const d = [3, -1, 2, 7, 0.5];
    const A = d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
    const r = eig(A);
    expect([...r.values.re].sort((a, b) => a - b)).toEqual([...d].sort((a, b) => a - b));
    expect(Array.from(r.values.im)).toEqual([0, 0, 0, 0, 0]);
    for (let k = 0; k < 5; k++) {
      const v = column(r, k);
      const i = d.indexOf(r.values.re[k]!);
      expect(Math.abs(v.re[i]!)).toBe(1);
      expect(v.re.reduce((s, x) => s + Math.abs(x), 0)).toBe(1);
    }
  });

  it('handles a defective Jordan block: one eigenvalue of multiplicity 4 and tiny residuals', () => {
    const A = [[2, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 2]];
    const r = eig(A);
    for (let k = 0; k < 4; k++) {
      expect(r.values.re[k]).toBe(2);
      expect(r.values.im[k]).toBe(0);
    }
    expect(eigResidual(A, r)).toBeLessThan(1e-15);
    expect(normalisation(r).norm).toBeLessThan(1e-15);
  });

  it('handles a similarity-transformed Jordan block (not triangular, so QR has to work)', () => {
    // A = S J S⁻¹: eigenvalue 3 with a single Jordan chain of length 3
    const J = [[3, 1, 0], [0, 3, 1], [0, 0, 3]];
    const S = [[1, 0, 0], [1, 1, 0], [1, 1, 1]];
    const Si = [[1, 0, 0], [-1, 1, 0], [0, -1, 1]];
    const mul = (X: Rows, Y: Rows): Rows => X.map((row) => Y[0]!.map((_, j) => row.reduce((t, x, k) => t + x * Y[k]![j]!, 0)));
    const A = mul(mul(S, J), Si);
    const r = eig(A);
    // a defective triple eigenvalue is only determined to about eps^(1/3)
    for (let k = 0; k < 3; k++) expect(Math.hypot(r.values.re[k]! - 3, r.values.im[k]!)).toBeLessThan(1e-4);
    expect(Math.abs(r.values.re.reduce((a, b) => a + b, 0) - 9)).toBeLessThan(1e-13);
    expect(eigResidual(A, r)).toBeLessThan(1e-10);
    checkPairOrder(r);
  });

  it('handles repeated eigenvalues (a reflector I − 2uuᵀ has −1 once and 1 five times)', () => {
    const u = [1, 2, 3, 4, 5, 6].map((x) => x / Math.sqrt(91));
    const A = u.map((a, i) => u.map((b, j) => (i === j ? 1 : 0) - 2 * a * b));
    const r = eig(A);
    const sorted = [...r.values.re].sort((a, b) => a - b);
    expect(sorted[0]).toBeCloseTo(-1, 14);
    for (let k = 1; k < 6; k++) expect(sorted[k]).toBeCloseTo(1, 14);
    expect(eigResidual(A, r)).toBeLessThan(1e-14);
  });

  it('balances a badly scaled matrix and still gets small residuals', () => {
    const base = randomRows(5, 6);
    const s = [1, 1e6, 1e-6, 1e3, 1e-3, 1];
    const A = base.map((row, i) => row.map((x, j) => (x * s[i]!) / s[j]!));
    const r = eig(A);
    const ref = eig(base);
    expect(matchDistance(ref.values, r.values)).toBeLessThan(1e-10 * frob(base));
    // the residual is relative to the (huge) ‖A‖, so also check the scale-free eigenvalues above
    expect(eigResidual(A, r)).toBeLessThan(1e-12);
  });

  it('isolates eigenvalues of a permuted triangular block (balancing permutations)', () => {
    const A = [[1, 0, 0, 0], [2, 3, 0, 4], [0, 0, 5, 0], [1, 1, 0, 6]];
    const r = eig(A);
    // eigenvalues: 1, 5, and those of [[3,4],[1,6]]: 2 and 7
    const expected = { re: [1, 5, 2, 7], im: [0, 0, 0, 0] };
    expect(matchDistance(expected, r.values)).toBeLessThan(1e-14);
    expect(eigResidual(A, r)).toBeLessThan(1e-15);
    expect(normalisation(r).norm).toBeLessThan(1e-15);
  });

  it('scales tiny and huge matrices into range and back', () => {
    const base = randomRows(9, 8);
    const ref = eig(base);
    for (const f of [1e-300, 1e300]) {
      const A = base.map((row) => row.map((x) => x * f));
      const r = eig(A);
      const scaled = { re: ref.values.re.map((x) => x * f), im: ref.values.im.map((x) => x * f) };
      expect(matchDistance(scaled, r.values)).toBeLessThan(1e-12 * frob(base) * f);
      // the eigenvectors of fA are those of A: check them against A (‖fA‖² would overflow)
      const unscaled = { values: { re: r.values.re.map((x) => x / f), im: r.values.im.map((x) => x / f) }, vectors: r.vectors! };
      expect(eigResidual(base, unscaled)).toBeLessThan(1e-12);
    }
  });

  it('returns zeros and unit vectors for the zero matrix', () => {
    const r = eig([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    expect(Array.from(r.values.re)).toEqual([0, 0, 0]);
    expect(normalisation(r).norm).toBe(0);
  });
});

describe('eig builds', () => {
  it('gives the same answers from the SIMD and the scalar build', () => {
    const A = randomRows(4242, 65);
    const s = withWasm('scalar', (w) => {
      expect(w.simd).toBe(false);
      return eig(A);
    });
    const v = withWasm('simd', (w) => {
      expect(w.simd).toBe(true);
      return eig(A);
    });
    expect(matchDistance(s.values, v.values)).toBeLessThan(1e-12 * frob(A));
    expect(eigResidual(A, s)).toBeLessThan(1e-12);
    expect(eigResidual(A, v)).toBeLessThan(1e-12);
    // the same normalised vectors (to rounding and sign); the order of distinct eigenvalues
    // may differ between builds, so columns are paired by eigenvalue
    let diff = 0;
    const n = A.length;
    const taken = new Set<number>();
    for (let k = 0; k < n; k++) {
      let j = -1;
      let best = Infinity;
      for (let t = 0; t < n; t++) {
        if (taken.has(t)) continue;
        const d = Math.hypot(s.values.re[k]! - v.values.re[t]!, s.values.im[k]! - v.values.im[t]!);
        if (d < best) {
          best = d;
          j = t;
        }
      }
      taken.add(j);
      const a = column(s, k);
      const b = column(v, j);
      const sign = a.re.reduce((t, x, i) => t + x * b.re[i]! + a.im[i]! * b.im[i]!, 0) < 0 ? -1 : 1;
      for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(a.re[i]! - sign * b.re[i]!), Math.abs(a.im[i]! - sign * b.im[i]!));
    }
    expect(diff).toBeLessThan(1e-9);
  });
});

describe('eig first calls', () => {
  it('gives the same answer on the first large call on a fresh instance (after its warm-up) as on the next', () => {
    const A = randomRows(130, 130);
    const [first, second] = withWasm('simd', () => [eig(A), eig(A)] as const);
    expect(first.values.re).toEqual(second.values.re);
    expect(first.values.im).toEqual(second.values.im);
    expect(first.vectors!.re.data).toEqual(second.vectors!.re.data);
    expect(eigResidual(A, first)).toBeLessThan(1e-12);
  });
});

describe('eig results and memory', () => {
  it('returns fresh arrays: mutating a result does not affect the next call, and A is untouched', () => {
    const A = new Matrix(3, 3, [4, 1, 2, 0, 3, 1, 1, 0, 5]);
    const copy = Float64Array.from(A.data);
    const r1 = eig(A);
    const first = { re: Float64Array.from(r1.values.re), v: Float64Array.from(r1.vectors!.re.data) };
    r1.values.re.fill(99);
    r1.values.im.fill(99);
    r1.vectors!.re.data.fill(99);
    r1.vectors!.im.data.fill(99);
    const r2 = eig(A);
    expect(r2.values.re).toEqual(first.re);
    expect(r2.vectors!.re.data).toEqual(first.v);
    expect(r2.values.re).not.toBe(r1.values.re);
    expect(A.data).toEqual(copy);
  });

  it('accepts Matrix, number[][] and Float64Array[] alike', () => {
    const rows = [[1, 2], [3, 4]];
    const a = eig(rows).values.re;
    expect(eig(Matrix.from(rows)).values.re).toEqual(a);
    expect(eig(rows.map((r) => Float64Array.from(r))).values.re).toEqual(a);
  });

  it('leaves WASM memory and the arena unchanged over repeated calls', () => {
    const A = randomRows(3, 60);
    eig(A);
    const bytes = wasm().arena.memoryBytes;
    const mark = wasm().arena.mark();
    for (let i = 0; i < 30; i++) eig(A);
    expect(wasm().arena.memoryBytes).toBe(bytes);
    expect(wasm().arena.mark()).toBe(mark);
  });
});

describe('eig failures', () => {
  it("throws LinAlgError('no-convergence') when the QR iteration budget runs out, and the next call works", () => {
    const A = randomRows(11, 6);
    let caught: unknown;
    try {
      eigImpl(A, undefined, 2);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LinAlgError);
    expect((caught as LinAlgError).code).toBe('no-convergence');
    expect((caught as Error).message).toMatch(/^eig: the QR iteration did not converge within 2 iterations/);
    expect(() => eigImpl(A, { vectors: false }, 0)).toThrow(LinAlgError);
    expect(eigResidual(A, eig(A))).toBeLessThan(1e-13);
  });
});

import { describe, expect, it } from 'vitest';
import { eigh, LinAlgError, Matrix } from '../../index.js';
import { eighImpl } from '../eig.js';
import { loadFixture, num, randomRows } from '../../__tests__/fixtures.js';
import { wasm, withWasm } from '../../wasm/module.js';
import { eighResiduals, frob, symmetric, type Rows } from './eig-helpers.js';

interface LinalgCase {
  name: string;
  A: Rows;
  eigh?: number[];
}

const symmetricCases = loadFixture<LinalgCase>('linalg').cases.filter((c) => c.eigh !== undefined);
const SIZES = [1, 2, 3, 17, 64, 200];

function ascending(v: Float64Array): boolean {
  for (let k = 1; k < v.length; k++) if (!(v[k - 1]! <= v[k]!)) return false;
  return true;
}

describe('eigh on the SciPy fixtures', () => {
  it('covers at least the three symmetric cases', () => {
    expect(symmetricCases.map((c) => c.name)).toEqual(expect.arrayContaining(['sym3', 'laplace5', 'randsym20']));
  });

  it.each(symmetricCases.map((c) => [c.name, c] as const))('%s: eigenvalues match SciPy eigh within 1e-12·‖A‖', (_name, c) => {
    const A = c.A.map((row) => row.map(num));
    const r = eigh(A);
    const expected = c.eigh!.map(num);
    const tol = 1e-12 * frob(A);
    for (let k = 0; k < expected.length; k++) expect(Math.abs(r.values[k]! - expected[k]!)).toBeLessThanOrEqual(tol);
    const { res, orth } = eighResiduals(A, r);
    expect(res).toBeLessThan(1e-13);
    expect(orth).toBeLessThan(1e-13);
  });

  it('laplace5: eigenvalues are 2 − 2cos(kπ/6)', () => {
    const A = [[2, -1, 0, 0, 0], [-1, 2, -1, 0, 0], [0, -1, 2, -1, 0], [0, 0, -1, 2, -1], [0, 0, 0, -1, 2]];
    const r = eigh(A);
    for (let k = 1; k <= 5; k++) expect(Math.abs(r.values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / 6)))).toBeLessThan(4e-15);
  });
});

describe('eigh identities on seeded random symmetric matrices', () => {
  it.each(SIZES)('n = %i: ‖AV − VΛ‖/‖A‖ and ‖VᵀV − I‖ below 1e-12, values ascending, Σλ = trace', (n) => {
    const A = symmetric(randomRows(2000 + n, n));
    const r = eigh(A);
    expect(r.values).toHaveLength(n);
    expect(r.vectors!.rows).toBe(n);
    expect(r.vectors!.cols).toBe(n);
    expect(ascending(r.values)).toBe(true);
    const { res, orth } = eighResiduals(A, r);
    expect(res).toBeLessThan(1e-12);
    expect(orth).toBeLessThan(1e-12);
    const tr = A.reduce((s, row, i) => s + row[i]!, 0);
    expect(Math.abs(r.values.reduce((a, b) => a + b, 0) - tr)).toBeLessThan(1e-12 * n * frob(A));
  });

  it('reads only the lower triangle: garbage above the diagonal changes nothing', () => {
    const S = symmetric(randomRows(31, 12));
    const G = S.map((row, i) => row.map((x, j) => (j > i ? 1e6 * (i - j) : x)));
    const a = eigh(S);
    const b = eigh(G);
    expect(b.values).toEqual(a.values);
    expect(b.vectors!.data).toEqual(a.vectors!.data);
  });

  it('gives the same eigenvalues with and without vectors', () => {
    const A = symmetric(randomRows(8, 50));
    const withV = eigh(A);
    const without = eigh(A, { vectors: false });
    expect(without.vectors).toBeUndefined();
    // the vector run uses the eigenvalues of a first run as shifts: same values to rounding
    for (let k = 0; k < 50; k++) expect(Math.abs(without.values[k]! - withV.values[k]!)).toBeLessThan(1e-13 * frob(A));
  });
});

describe('eigh on special matrices', () => {
  it('sorts the diagonal of a diagonal matrix and returns signed unit coordinate vectors', () => {
    const d = [3, -1, 2, 7, 0.5, -4];
    const A = d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
    const r = eigh(A);
    expect(Array.from(r.values)).toEqual([...d].sort((a, b) => a - b));
    for (let k = 0; k < d.length; k++) {
      const i = d.indexOf(r.values[k]!);
      for (let j = 0; j < d.length; j++) expect(Math.abs(r.vectors!.get(j, k))).toBe(j === i ? 1 : 0);
    }
  });

  it('returns an orthonormal basis for a repeated eigenvalue (reflector I − 2uuᵀ: −1 once, 1 seven times)', () => {
    const u = [1, -2, 3, 1, 0, 2, -1, 1];
    const s = Math.sqrt(u.reduce((t, x) => t + x * x, 0));
    const A = u.map((a, i) => u.map((b, j) => (i === j ? 1 : 0) - (2 * a * b) / (s * s)));
    const r = eigh(A);
    expect(r.values[0]).toBeCloseTo(-1, 14);
    for (let k = 1; k < 8; k++) expect(r.values[k]).toBeCloseTo(1, 14);
    const { res, orth } = eighResiduals(A, r);
    expect(res).toBeLessThan(1e-14);
    expect(orth).toBeLessThan(1e-14);
  });

  it('handles a multiple of the identity and the zero matrix', () => {
    const I3 = [[2, 0, 0], [0, 2, 0], [0, 0, 2]];
    expect(Array.from(eigh(I3).values)).toEqual([2, 2, 2]);
    const z = eigh([[0, 0], [0, 0]]);
    expect(Array.from(z.values)).toEqual([0, 0]);
    expect(eighResiduals([[0, 0], [0, 0]], z).orth).toBe(0);
  });

  it('handles a 1x1 matrix', () => {
    const r = eigh([[-3.5]]);
    expect(Array.from(r.values)).toEqual([-3.5]);
    expect(Array.from(r.vectors!.data)).toEqual([1]);
  });

  it('scales tiny and huge matrices into range and back', () => {
    const base = symmetric(randomRows(12, 9));
    const ref = eigh(base);
    for (const f of [1e-300, 1e300]) {
      const r = eigh(base.map((row) => row.map((x) => x * f)));
      for (let k = 0; k < 9; k++) expect(Math.abs(r.values[k]! / f - ref.values[k]!)).toBeLessThan(1e-12 * frob(base));
      const { res, orth } = eighResiduals(base, { values: r.values.map((x) => x / f), vectors: r.vectors! });
      expect(res).toBeLessThan(1e-12);
      expect(orth).toBeLessThan(1e-12);
    }
  });

  it('resolves a graded matrix with eigenvalues over many orders of magnitude', () => {
    const n = 10;
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 10 ** (i - 5) : 0)));
    for (let i = 0; i + 1 < n; i++) A[i + 1]![i] = A[i]![i + 1] = 1e-3 * Math.sqrt(A[i]![i]! * A[i + 1]![i + 1]!);
    const { res, orth } = eighResiduals(A, eigh(A));
    expect(res).toBeLessThan(1e-14);
    expect(orth).toBeLessThan(1e-13);
  });
});

describe('eigh builds', () => {
  it('gives the same answers from the SIMD and the scalar build', () => {
    const A = symmetric(randomRows(515, 75));
    const s = withWasm('scalar', (w) => {
      expect(w.simd).toBe(false);
      return eigh(A);
    });
    const v = withWasm('simd', (w) => {
      expect(w.simd).toBe(true);
      return eigh(A);
    });
    for (let k = 0; k < 75; k++) expect(Math.abs(s.values[k]! - v.values[k]!)).toBeLessThan(1e-12 * frob(A));
    let diff = 0;
    for (let k = 0; k < 75; k++) {
      let dot = 0;
      for (let i = 0; i < 75; i++) dot += s.vectors!.get(i, k) * v.vectors!.get(i, k);
      const sign = dot < 0 ? -1 : 1;
      for (let i = 0; i < 75; i++) diff = Math.max(diff, Math.abs(s.vectors!.get(i, k) - sign * v.vectors!.get(i, k)));
    }
    expect(diff).toBeLessThan(1e-10);
    expect(eighResiduals(A, s).res).toBeLessThan(1e-12);
    expect(eighResiduals(A, v).res).toBeLessThan(1e-12);
  });
});

describe('eigh first calls', () => {
  it('gives the same answer on the first large call on a fresh instance (after its warm-up) as on the next', () => {
    const A = symmetric(randomRows(131, 131));
    const [first, second] = withWasm('simd', () => [eigh(A), eigh(A)] as const);
    expect(first.values).toEqual(second.values);
    expect(first.vectors!.data).toEqual(second.vectors!.data);
    expect(eighResiduals(A, first).res).toBeLessThan(1e-12);
  });
});

describe('eigh results and memory', () => {
  it('returns fresh arrays: mutating a result does not affect the next call, and A is untouched', () => {
    const A = new Matrix(3, 3, [4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const copy = Float64Array.from(A.data);
    const r1 = eigh(A);
    const values = Float64Array.from(r1.values);
    const vectors = Float64Array.from(r1.vectors!.data);
    r1.values.fill(7);
    r1.vectors!.data.fill(7);
    const r2 = eigh(A);
    expect(r2.values).toEqual(values);
    expect(r2.vectors!.data).toEqual(vectors);
    expect(r2.vectors).not.toBe(r1.vectors);
    expect(A.data).toEqual(copy);
  });

  it('leaves WASM memory and the arena unchanged over repeated calls', () => {
    const A = symmetric(randomRows(4, 80));
    eigh(A);
    const bytes = wasm().arena.memoryBytes;
    const mark = wasm().arena.mark();
    for (let i = 0; i < 30; i++) eigh(A);
    expect(wasm().arena.memoryBytes).toBe(bytes);
    expect(wasm().arena.mark()).toBe(mark);
  });
});

describe('eigh failures', () => {
  it("throws LinAlgError('no-convergence') when the QL iteration budget runs out, and the next call works", () => {
    const A = symmetric(randomRows(21, 7));
    let caught: unknown;
    try {
      eighImpl(A, undefined, 3);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LinAlgError);
    expect((caught as LinAlgError).code).toBe('no-convergence');
    expect((caught as Error).message).toMatch(/^eigh: the QL iteration did not converge within 3 iterations/);
    expect(() => eighImpl(A, { vectors: false }, 0)).toThrow(LinAlgError);
    expect(eighResiduals(A, eigh(A)).res).toBeLessThan(1e-13);
  });
});

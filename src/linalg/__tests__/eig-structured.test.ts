import { describe, expect, it } from 'vitest';
import { eig, eigh } from '../../index.js';
import { rng } from '../../__tests__/fixtures.js';
import { checkPairOrder, eighResiduals, eigResidual, normalisation, symmetric, type Rows } from './eig-helpers.js';

const KINDS = ['small integers', 'sparse normals', 'sparse integers', 'entries over 20 orders of magnitude', 'permutation-like 0/1', 'upper Hessenberg'] as const;

function structured(kind: number, n: number, g: ReturnType<typeof rng>): Rows {
  const A = Array.from({ length: n }, () =>
    Array.from({ length: n }, () => {
      const u = g.uniform();
      if (kind === 0) return Math.floor(u * 5) - 2;
      if (kind === 1) return u < 0.7 ? 0 : g.normal();
      if (kind === 2) return u < 0.5 ? 0 : Math.floor(u * 3);
      if (kind === 3) return g.normal() * 10 ** Math.floor(u * 20 - 10);
      if (kind === 4) return u < 0.9 ? 0 : 1;
      return g.normal();
    }),
  );
  if (kind === 5) for (let i = 0; i < n; i++) for (let j = 0; j < i - 1; j++) A[i]![j] = 0;
  return A;
}

describe('eig and eigh on structured random matrices (exact zeros, ties, isolated eigenvalues, bad scaling)', () => {
  it.each(KINDS.map((k, i) => [k, i] as const))('%s, n = 1..12: small residuals, conventions hold, eigh orthonormal', (_kind, kind) => {
    const g = rng(100 + kind);
    let worstEig = 0;
    let worstNorm = 0;
    let worstImag = 0;
    let worstEigh = 0;
    let worstOrth = 0;
    for (let trial = 0; trial < 120; trial++) {
      const n = 1 + (trial % 12);
      const A = structured(kind, n, g);
      const r = eig(A);
      checkPairOrder(r);
      worstEig = Math.max(worstEig, eigResidual(A, r));
      const nn = normalisation(r);
      worstNorm = Math.max(worstNorm, nn.norm);
      worstImag = Math.max(worstImag, nn.imagAtMax);
      const S = symmetric(A);
      const { res, orth } = eighResiduals(S, eigh(S));
      worstEigh = Math.max(worstEigh, res);
      worstOrth = Math.max(worstOrth, orth);
    }
    // badly scaled matrices are balanced first, so their residual is not normwise tiny
    expect(worstEig).toBeLessThan(kind === 3 ? 1e-10 : 1e-13);
    expect(worstNorm).toBeLessThan(1e-14);
    expect(worstImag).toBe(0);
    expect(worstEigh).toBeLessThan(1e-13);
    expect(worstOrth).toBeLessThan(1e-13);
  });
});

describe('eig on larger structured matrices (aggressive early deflation at work)', () => {
  it.each(KINDS.map((k, i) => [k, i] as const))('%s, n = 64..130: small residuals and conventions hold', (_kind, kind) => {
    const g = rng(200 + kind);
    let worst = 0;
    for (const n of [64, 97, 130]) {
      const A = structured(kind, n, g);
      const r = eig(A);
      checkPairOrder(r);
      worst = Math.max(worst, eigResidual(A, r));
      const nn = normalisation(r);
      expect(nn.norm).toBeLessThan(1e-13);
      expect(nn.imagAtMax).toBe(0);
      const tr = A.reduce((s, row, i) => s + row[i]!, 0);
      const sum = r.values.re.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - tr)).toBeLessThanOrEqual(1e-12 * n * Math.max(1, Math.abs(tr), A.flat().reduce((m, x) => Math.max(m, Math.abs(x)), 0)));
    }
    expect(worst).toBeLessThan(kind === 3 ? 1e-10 : 1e-13);
  });
});

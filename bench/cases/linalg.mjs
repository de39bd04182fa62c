// Dense linear algebra benchmarks (docs/design/bench.md): LU solve of a seeded random
// system, scicomp against ml-matrix, mathjs and numeric. Every answer is checked by its
// normwise backward error before anything is timed.

import { uniform } from '../lib/random.mjs';

/** A seeded n x n system with entries uniform in [-1, 1): rows as number[][] and b. */
function problem(n, seed = 20240601 + n) {
  const u = uniform(seed);
  const A = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * u() - 1));
  const b = Array.from({ length: n }, () => 2 * u() - 1);
  return { A, b };
}

/** Throws unless ||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf) < 1e-14 n. */
function assertResidual(A, x, b) {
  const n = A.length;
  const xs = Array.from(x, Number);
  if (xs.length !== n) throw new Error(`solution has length ${xs.length}, expected ${n}`);
  let r = 0;
  let normA = 0;
  for (let i = 0; i < n; i++) {
    const row = A[i];
    let s = -b[i];
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      s += row[j] * xs[j];
      rowSum += Math.abs(row[j]);
    }
    r = Math.max(r, Math.abs(s));
    normA = Math.max(normA, rowSum);
  }
  const normX = Math.max(...xs.map(Math.abs));
  const normB = Math.max(...b.map(Math.abs));
  const err = r / (normA * normX + normB);
  if (!(err < 1e-14 * n)) throw new Error(`backward error ${err} is not below ${1e-14 * n}`);
  return err;
}

function solveCase(n) {
  return {
    name: `solve n=${n}`,
    area: 'linalg',
    // LU (2/3 n^3) plus the two triangular solves (2 n^2).
    flops: (2 / 3) * n ** 3 + 2 * n ** 2,
    impls: {
      scicomp: async () => {
        const { solve, Matrix } = await import('../../dist/index.js');
        const { A, b } = problem(n);
        const M = Matrix.from(A);
        return { run: () => solve(M, b), check: (x) => assertResidual(A, x, b) };
      },
      'ml-matrix': async () => {
        const { Matrix, solve } = await import('ml-matrix');
        const { A, b } = problem(n);
        const M = new Matrix(A);
        const B = Matrix.columnVector(b);
        return { run: () => solve(M, B), check: (X) => assertResidual(A, X.getColumn(0), b) };
      },
      mathjs: async () => {
        const { lusolve } = await import('mathjs');
        const { A, b } = problem(n);
        return { run: () => lusolve(A, b), check: (X) => assertResidual(A, X.map((row) => row[0]), b) };
      },
      numeric: async () => {
        const numeric = (await import('numeric')).default;
        const { A, b } = problem(n);
        return { run: () => numeric.solve(A, b), check: (x) => assertResidual(A, x, b) };
      },
    },
  };
}

export default [solveCase(100), solveCase(1000)];

// Eigenvalue benchmarks: eigh and eig at n = 500 with vectors, scicomp against ml-matrix
// (EigenvalueDecomposition), mathjs (eigs) and numeric (numeric.eig). See
// docs/design/bench.md for the case contract. Inputs are seeded; every answer is checked
// by its residual, so a wrong or truncated answer fails the case instead of timing it.

import { normalRows } from '../lib/random.mjs';

const N = 500;

// mathjs and numeric take minutes per run at n = 500 (measured once: mathjs eigs 124 s
// symmetric and > 400 s general, numeric.eig 337 s symmetric and 66 s general; see
// docs/linalg-eigen.md), so a timed run with warm-up would take most of an hour. They are
// included only when SCICOMP_BENCH_SLOW_PEERS=1.
const SLOW_PEERS = typeof process !== 'undefined' && process.env.SCICOMP_BENCH_SLOW_PEERS === '1';
const slow = (impls) => (SLOW_PEERS ? impls : {});

function symmetricProblem(n) {
  const M = normalRows(500, n);
  return M.map((row, i) => row.map((_, j) => (M[i][j] + M[j][i]) / 2));
}

function generalProblem(n) {
  return normalRows(501, n);
}

function frob(A) {
  let s = 0;
  for (const row of A) for (const x of row) s += x * x;
  return Math.sqrt(s);
}

/**
 * Throws unless every pair satisfies ‖A v − λ v‖₂ ≤ tol ‖A‖_F ‖v‖₂ (complex arithmetic).
 * `pairs` yields { re, im, vr, vi } with vr/vi arrays (vi may be null for real vectors).
 */
/** numeric.eig's result ({ lambda: {x, y?}, E: {x, y?} }) as eigenpairs for assertPairs. */
function numericPairs(r, n) {
  return Array.from({ length: n }, (_, k) => ({
    re: r.lambda.x[k], im: r.lambda.y ? r.lambda.y[k] : 0,
    vr: col(r.E.x, k), vi: r.E.y ? col(r.E.y, k) : null,
  }));
}

function assertPairs(A, pairs, expectedCount, tol = 1e-8) {
  const n = A.length;
  const an = frob(A);
  let count = 0;
  for (const { re, im, vr, vi } of pairs) {
    count++;
    let res = 0;
    let nv = 0;
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      const row = A[i];
      for (let j = 0; j < n; j++) {
        sr += row[j] * vr[j];
        if (vi) si += row[j] * vi[j];
      }
      const xr = vr[i];
      const xi = vi ? vi[i] : 0;
      sr -= re * xr - im * xi;
      si -= re * xi + im * xr;
      res += sr * sr + si * si;
      nv += xr * xr + xi * xi;
    }
    if (!(nv > 0) || !(Math.sqrt(res) <= tol * an * Math.sqrt(nv))) {
      throw new Error(`eigenpair ${count - 1} (${re} + ${im}i) has residual ${Math.sqrt(res / nv) / an}`);
    }
  }
  if (count !== expectedCount) throw new Error(`expected ${expectedCount} eigenpairs, got ${count}`);
}

function* columnsOf(get, n, values) {
  // values: [{ re, im }] with conjugate pairs stored LAPACK-style by the caller's adapter
  for (let k = 0; k < n; k++) yield { ...values[k], ...get(k) };
}

const col = (A, k) => A.map((row) => row[k]);

export default [
  {
    name: 'eigh n=500',
    area: 'linalg',
    impls: {
      scicomp: async () => {
        const { eigh } = await import('../../dist/index.js');
        const A = symmetricProblem(N);
        return {
          run: () => eigh(A),
          check: (r) => {
            const n = A.length;
            for (let k = 1; k < n; k++) if (!(r.values[k - 1] <= r.values[k])) throw new Error('values not ascending');
            const get = (k) => ({ vr: Array.from({ length: n }, (_, i) => r.vectors.data[i * n + k]), vi: null });
            assertPairs(A, columnsOf(get, n, Array.from(r.values, (re) => ({ re, im: 0 }))), n);
          },
        };
      },
      'ml-matrix': async () => {
        const { EigenvalueDecomposition, Matrix } = await import('ml-matrix');
        const A = symmetricProblem(N);
        const M = new Matrix(A);
        return {
          run: () => new EigenvalueDecomposition(M, { assumeSymmetric: true }),
          check: (e) => {
            const V = e.eigenvectorMatrix.to2DArray();
            const values = e.realEigenvalues.map((re) => ({ re, im: 0 }));
            assertPairs(A, columnsOf((k) => ({ vr: col(V, k), vi: null }), A.length, values), A.length);
          },
        };
      },
      ...slow({
        mathjs: async () => {
          const { eigs } = await import('mathjs');
          const A = symmetricProblem(N);
          return {
            run: () => eigs(A),
            check: (r) => {
              const pairs = r.eigenvectors.map(({ value, vector }) => ({ re: Number(value), im: 0, vr: vector.map(Number), vi: null }));
              assertPairs(A, pairs, A.length);
            },
          };
        },
        numeric: async () => {
          const numeric = (await import('numeric')).default;
          const A = symmetricProblem(N);
          return {
            run: () => numeric.eig(A),
            check: (r) => assertPairs(A, numericPairs(r, A.length), A.length),
          };
        },
      }),
    },
  },
  {
    name: 'eig n=500',
    area: 'linalg',
    impls: {
      scicomp: async () => {
        const { eig } = await import('../../dist/index.js');
        const A = generalProblem(N);
        return {
          run: () => eig(A),
          check: (r) => {
            const n = A.length;
            const get = (k) => ({
              vr: Array.from({ length: n }, (_, i) => r.vectors.re.data[i * n + k]),
              vi: Array.from({ length: n }, (_, i) => r.vectors.im.data[i * n + k]),
            });
            const values = Array.from(r.values.re, (re, k) => ({ re, im: r.values.im[k] }));
            assertPairs(A, columnsOf(get, n, values), n);
          },
        };
      },
      'ml-matrix': async () => {
        const { EigenvalueDecomposition, Matrix } = await import('ml-matrix');
        const A = generalProblem(N);
        const M = new Matrix(A);
        return {
          run: () => new EigenvalueDecomposition(M),
          check: (e) => {
            // JAMA layout: for a pair (k, k+1) with im[k] > 0, columns k and k+1 are re and im
            const V = e.eigenvectorMatrix.to2DArray();
            const re = e.realEigenvalues;
            const im = e.imaginaryEigenvalues;
            const pairs = [];
            for (let k = 0; k < A.length; k++) {
              if (im[k] === 0) pairs.push({ re: re[k], im: 0, vr: col(V, k), vi: null });
              else if (im[k] > 0) pairs.push({ re: re[k], im: im[k], vr: col(V, k), vi: col(V, k + 1) });
              else pairs.push({ re: re[k], im: im[k], vr: col(V, k - 1), vi: col(V, k).map((x) => -x) });
            }
            assertPairs(A, pairs, A.length);
          },
        };
      },
      ...slow({
        mathjs: async () => {
          const { eigs } = await import('mathjs');
          const A = generalProblem(N);
          return {
            run: () => eigs(A),
            check: (r) => {
              const part = (z, p) => (typeof z === 'number' ? (p === 're' ? z : 0) : z[p]);
              const pairs = r.eigenvectors.map(({ value, vector }) => ({
                re: part(value, 're'), im: part(value, 'im'),
                vr: vector.map((z) => part(z, 're')), vi: vector.map((z) => part(z, 'im')),
              }));
              assertPairs(A, pairs, A.length);
            },
          };
        },
        numeric: async () => {
          const numeric = (await import('numeric')).default;
          const A = generalProblem(N);
          return {
            run: () => numeric.eig(A),
            check: (r) => assertPairs(A, numericPairs(r, A.length), A.length),
          };
        },
      }),
    },
  },
];

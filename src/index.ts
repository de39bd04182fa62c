/**
 * scicomp: SciPy-grade numerics for Node.js with WebAssembly kernels.
 * Importing this module loads nothing and starts nothing; the WASM module is instantiated
 * on the first kernel call (or by `ready()`).
 */

// ---- loading and data --------------------------------------------------------------
export { ready, features } from './wasm/module.js';
export { Matrix } from './core/matrix.js';
export { ScicompError, LinAlgError } from './core/errors.js';
export type { MatrixLike } from './core/matrix.js';
export type { LinAlgErrorCode } from './core/errors.js';

// ---- linear algebra: LU (src/linalg/lu.ts) -------------------------------------------
export { solve, luFactor, det, inv } from './linalg/lu.js';
export type { LU, SolveOptions } from './linalg/lu.js';


// ---- linear algebra: eigenvalues (src/linalg/eig.ts) ---------------------------------
export { eigh, eig } from './linalg/eig.js';
export type { EighResult, EigResult, EigOptions } from './linalg/eig.js';


// ---- ODE (src/ode) -------------------------------------------------------------------
export { solveIvp } from './ode/index.js';
export type { OdeResult, OdeOptions, EventFn, OdeFun, OdeMethod } from './ode/index.js';


// ---- optimization (src/optimize) -----------------------------------------------------
export { minimize } from './optimize/minimize.js';
export type { OptimizeResult, MinimizeOptions, ObjectiveFn, GradientFn, Bound, InverseHessian } from './optimize/minimize.js';


// ---- quadrature (src/quad) -----------------------------------------------------------
export { quad, dblquad } from './quad/quad.js';
export type { QuadResult, QuadOptions, DblquadOptions } from './quad/quad.js';


/**
 * quad and dblquad: adaptive Gauss–Kronrod quadrature with Wynn-epsilon extrapolation,
 * QUADPACK's QAGS / QAGI / QAGP as SciPy's `integrate.quad` calls them (the kernels are in
 * assembly/quad; see docs/quad.md).
 */
import { show } from '../core/format.js';
import { functionArg, integerArg, optionsArg, vectorArg } from '../core/validate.js';
import { innerIntegrals, integrate, rawResult, type InnerProblem, type RawResult, type Tolerances } from './engine.js';
import { STATUS_NON_FINITE, STATUS_SUCCESS, statusMessage } from './messages.js';

export interface QuadResult {
  /** The integral estimate. */
  value: number;
  /** Estimate of the absolute error (for dblquad: the largest of the outer and inner estimates, as SciPy's nquad). */
  abserr: number;
  /** Number of integrand calls. */
  neval: number;
  /** 0 success; QUADPACK's ier otherwise (1 limit, 2 roundoff, 3 bad integrand, 4 no convergence, 5 divergent); 7 a non-finite integrand value. */
  status: number;
  message: string;
  success: boolean;
}

export interface QuadOptions {
  /** Absolute error tolerance (default 1.49e-8). */
  epsabs?: number;
  /** Relative error tolerance (default 1.49e-8). */
  epsrel?: number;
  /** Maximum number of subintervals (default 50). */
  limit?: number;
  /** Known difficulties strictly inside the interval (QAGP); finite limits only. */
  points?: ArrayLike<number>;
}

export type DblquadOptions = Omit<QuadOptions, 'points'>;

export const DEFAULT_EPSABS = 1.49e-8;
export const DEFAULT_EPSREL = 1.49e-8;
export const DEFAULT_LIMIT = 50;
/** QUADPACK rejects epsabs <= 0 together with epsrel below max(50·eps, 0.5e-28) (ier = 6). */
const MIN_EPSREL = Math.max(50 * Number.EPSILON, 0.5e-28);

function limitArg(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  if (Number.isNaN(value)) throw new RangeError(`${fn}: ${name} must not be NaN, got NaN`);
  return value;
}

function toleranceArg(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${show(value)}`);
  if (!(value >= 0)) throw new RangeError(`${fn}: ${name} must be non-negative, got ${show(value)}`);
  return value;
}

const NO_OPTIONS: Partial<QuadOptions> = Object.freeze({});
const sharedRaw = rawResult();

const DEFAULT_TOLERANCES: Tolerances = Object.freeze({ epsabs: DEFAULT_EPSABS, epsrel: DEFAULT_EPSREL, limit: DEFAULT_LIMIT });

function resolveTolerances(fn: string, opts: Partial<QuadOptions>): Tolerances {
  if (opts.epsabs === undefined && opts.epsrel === undefined && opts.limit === undefined) return DEFAULT_TOLERANCES;
  const epsabs = toleranceArg(fn, 'epsabs', opts.epsabs, DEFAULT_EPSABS);
  const epsrel = toleranceArg(fn, 'epsrel', opts.epsrel, DEFAULT_EPSREL);
  const limit = opts.limit === undefined ? DEFAULT_LIMIT : integerArg(fn, 'limit', opts.limit, 1);
  if (epsabs <= 0 && epsrel < MIN_EPSREL) {
    throw new RangeError(`${fn}: epsrel must be at least ${MIN_EPSREL} when epsabs is 0, got ${show(epsrel)}`);
  }
  return Object.freeze({ epsabs, epsrel, limit });
}

/** Break points: finite, inside [lo, hi]; returns the distinct ones strictly inside, sorted (as SciPy). */
function pointsArg(fn: string, value: unknown, lo: number, hi: number, limit: number): Float64Array {
  const pts = vectorArg(fn, 'points', value, { allowEmpty: true });
  if (lo === -Infinity || hi === Infinity) {
    throw new RangeError(`${fn}: points cannot be used with an infinite limit, got [${lo}, ${hi}]`);
  }
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (p < lo || p > hi) throw new RangeError(`${fn}: points[${i}] must lie within [${lo}, ${hi}], got ${p}`);
  }
  const inside = Array.from(new Set(Array.from(pts))).filter((p) => p > lo && p < hi).sort((x, y) => x - y);
  if (limit <= inside.length) {
    throw new RangeError(`${fn}: limit must be greater than the number of break points (${inside.length}), got ${limit}`);
  }
  return Float64Array.from(inside);
}

function nonFiniteMessage(raw: RawResult): string {
  return `The integrand returned ${show(raw.badValue)} at x = ${raw.badX}.`;
}

function finish(raw: RawResult, sign: number, tol: Tolerances, nonFinite: (raw: RawResult) => string): QuadResult {
  const status = raw.status;
  return {
    value: sign * raw.value,
    abserr: raw.abserr,
    neval: raw.neval,
    status,
    message: status === STATUS_NON_FINITE ? nonFinite(raw) : statusMessage(status, tol.limit),
    success: status === STATUS_SUCCESS,
  };
}

function zeroResult(): QuadResult {
  return { value: 0, abserr: 0, neval: 0, status: 0, message: statusMessage(0, 0), success: true };
}

/**
 * ∫ f(x) dx from a to b. Finite limits: QAGS (21-point Gauss–Kronrod, bisection of the
 * interval with the largest error, epsilon extrapolation); an infinite limit: QAGI;
 * `points`: QAGP. a = b gives 0 without calling f; b < a gives minus the integral from b
 * to a (as SciPy). Numerical failures come back with success: false and QUADPACK's status.
 */
export function quad(f: (x: number) => number, a: number, b: number, opts?: QuadOptions): QuadResult {
  const fn = 'quad';
  functionArg(fn, 'f', f);
  a = limitArg(fn, 'a', a);
  b = limitArg(fn, 'b', b);
  const o: Partial<QuadOptions> = opts === undefined ? NO_OPTIONS : optionsArg<QuadOptions>(fn, opts);
  const tol = resolveTolerances(fn, o);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const points = o.points === undefined ? null : pointsArg(fn, o.points, lo, hi, tol.limit);
  if (a === b) return zeroResult();
  // Filled at the very end of integrate and read at once, so nested calls cannot clobber it.
  const raw = sharedRaw;
  integrate(f, lo, hi, tol, points, raw);
  return finish(raw, b < a ? -1 : 1, tol, nonFiniteMessage);
}

type Limit = number | ((x: number) => number);

function innerLimitArg(fn: string, name: string, value: unknown): Limit {
  if (typeof value === 'function') return value as (x: number) => number;
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number or a function of x, got ${show(value)}`);
  if (Number.isNaN(value)) throw new RangeError(`${fn}: ${name} must not be NaN, got NaN`);
  return value;
}

/**
 * ∫_{xa}^{xb} ∫_{ya(x)}^{yb(x)} f(x, y) dy dx, x the outer variable. Each outer node runs a
 * full quad over y with the same tolerances and limit (SciPy's dblquad/nquad); `neval`
 * counts every call of f; `abserr` is, as in SciPy's nquad, the largest estimate of all the
 * quad calls (the outer one and every inner one); the status is the outer one, or
 * the first failing inner integration's when the outer one succeeded.
 */
export function dblquad(
  f: (x: number, y: number) => number,
  xa: number,
  xb: number,
  ya: number | ((x: number) => number),
  yb: number | ((x: number) => number),
  opts?: DblquadOptions,
): QuadResult {
  const fn = 'dblquad';
  functionArg(fn, 'f', f);
  xa = limitArg(fn, 'xa', xa);
  xb = limitArg(fn, 'xb', xb);
  const yaL = innerLimitArg(fn, 'ya', ya);
  const ybL = innerLimitArg(fn, 'yb', yb);
  const tol = resolveTolerances(fn, opts === undefined ? NO_OPTIONS : optionsArg<DblquadOptions>(fn, opts));
  if (xa === xb) return zeroResult();

  const inner: InnerProblem = {
    f,
    ya: yaL,
    yb: ybL,
    tol,
    neval: 0,
    abserr: 0,
    status: STATUS_SUCCESS,
    failX: NaN,
    message: '',
  };
  const outer = rawResult();
  // The outer integrand is evaluated a whole batch of x at a time: the inner integrals of
  // those x run side by side (innerIntegrals), each exactly as a separate quad would.
  const unused = (): number => NaN;
  integrate(unused, Math.min(xa, xb), Math.max(xa, xb), tol, null, outer, (xs, n, fs) => innerIntegrals(inner, xs, n, fs));
  outer.neval = inner.neval;
  // SciPy's nquad reports the largest error estimate of all the quad calls it made.
  if (inner.abserr > outer.abserr) outer.abserr = inner.abserr;
  const result = finish(outer, xb < xa ? -1 : 1, tol, (raw) => inner.message || nonFiniteMessage(raw));
  if (result.status === STATUS_SUCCESS && inner.status !== STATUS_SUCCESS) {
    result.status = inner.status;
    result.success = false;
    result.message = `The inner integral at x = ${inner.failX} failed: ${statusMessage(inner.status, tol.limit)}`;
  }
  return result;
}

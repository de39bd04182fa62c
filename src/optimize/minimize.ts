/**
 * minimize: bound-constrained minimization with L-BFGS-B, as SciPy's
 * `minimize(method='L-BFGS-B')` runs it (the same Python-side loop around the Fortran
 * reverse-communication driver, the same evaluation counting, the same finite differences).
 */
import { wasm } from '../wasm/module.js';
import { withArena } from '../wasm/arena.js';
import { show } from '../core/format.js';
import { functionArg, integerArg, optionsArg, positiveNumberArg, vectorArg } from '../core/validate.js';
import { INFO, MESSAGES, NBD, OFF, TASK, outcome, type LbfgsbExports } from './lbfgsb.js';

const FN = 'minimize';

/** `fun(x, grad?)`: the objective; with `jac: true` it also fills `grad` when given one. */
export type ObjectiveFn = (x: Float64Array, grad?: Float64Array) => number;
/** A gradient function: fill `grad` in place or return the gradient. */
export type GradientFn = (x: Float64Array, grad: Float64Array) => void | ArrayLike<number>;
export type Bound = [number | null, number | null];

export interface MinimizeOptions {
  method?: 'L-BFGS-B';
  jac?: true | GradientFn;
  bounds?: ArrayLike<Bound | readonly [number | null, number | null]>;
  maxcor?: number;
  ftol?: number;
  gtol?: number;
  eps?: number;
  maxfun?: number;
  maxiter?: number;
  maxls?: number;
  callback?: (x: Float64Array) => boolean | void;
}

export interface InverseHessian {
  /** The L-BFGS inverse-Hessian approximation (stored pairs, H0 = I) applied to v. */
  matvec(v: ArrayLike<number>): Float64Array;
  /** Number of stored correction pairs. */
  readonly nCorrections: number;
}

export interface OptimizeResult {
  x: Float64Array;
  fun: number;
  jac: Float64Array;
  nit: number;
  nfev: number;
  njev: number;
  status: number;
  message: string;
  success: boolean;
  hessInv: InverseHessian;
}

/** SciPy's defaults for L-BFGS-B. */
export const DEFAULTS = Object.freeze({
  maxcor: 10,
  ftol: 2.220446049250313e-9,
  gtol: 1e-5,
  eps: 1e-8,
  maxfun: 15000,
  maxiter: 15000,
  maxls: 20,
});

const EPSMCH = 2.220446049250313e-16;
/** sqrt(eps): SciPy's fallback 2-point step when x + eps rounds back to x. */
const FD_FALLBACK = Math.sqrt(EPSMCH);

interface Resolved {
  maxcor: number;
  ftol: number;
  gtol: number;
  eps: number;
  maxfun: number;
  maxiter: number;
  maxls: number;
  jac: true | GradientFn | null;
  callback: ((x: Float64Array) => boolean | void) | null;
}

function countArg(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (value === Infinity) return Infinity;
  return integerArg(FN, name, value, min);
}

function resolveOptions(raw: unknown): Resolved {
  const o = optionsArg<MinimizeOptions>(FN, raw);
  if (o.method !== undefined) {
    if (typeof o.method !== 'string') throw new TypeError(`${FN}: method must be a string, got ${show(o.method)}`);
    if (o.method.toUpperCase() !== 'L-BFGS-B') {
      throw new RangeError(`${FN}: unknown method ${show(o.method)}, expected 'L-BFGS-B'`);
    }
  }
  let jac: Resolved['jac'] = null;
  if (o.jac === true || typeof o.jac === 'function') jac = o.jac;
  else if (o.jac !== undefined && o.jac !== null && o.jac !== false && (o.jac as unknown) !== '2-point') {
    throw new TypeError(`${FN}: jac must be true, a function or absent, got ${show(o.jac)}`);
  }
  const callback = o.callback === undefined || o.callback === null ? null : functionArg<NonNullable<MinimizeOptions['callback']>>(FN, 'callback', o.callback);
  return Object.freeze({
    maxcor: countArg('maxcor', o.maxcor, DEFAULTS.maxcor, 1),
    ftol: o.ftol === undefined ? DEFAULTS.ftol : positiveNumberArg(FN, 'ftol', o.ftol, { allowZero: true }),
    gtol: o.gtol === undefined ? DEFAULTS.gtol : positiveNumberArg(FN, 'gtol', o.gtol, { allowZero: true }),
    eps: o.eps === undefined ? DEFAULTS.eps : positiveNumberArg(FN, 'eps', o.eps),
    maxfun: countArg('maxfun', o.maxfun, DEFAULTS.maxfun, 0),
    maxiter: countArg('maxiter', o.maxiter, DEFAULTS.maxiter, 0),
    maxls: countArg('maxls', o.maxls, DEFAULTS.maxls, 1),
    jac,
    callback,
  });
}

function boundValue(i: number, side: 'lower' | 'upper', v: unknown): number {
  if (v === null || v === undefined) return side === 'lower' ? -Infinity : Infinity;
  if (typeof v !== 'number') throw new TypeError(`${FN}: bounds[${i}] ${side} bound must be a number or null, got ${show(v)}`);
  if (Number.isNaN(v)) throw new RangeError(`${FN}: bounds[${i}] ${side} bound must not be NaN`);
  if (side === 'lower' && v === Infinity) throw new RangeError(`${FN}: bounds[${i}] lower bound must be below Infinity, got Infinity`);
  if (side === 'upper' && v === -Infinity) throw new RangeError(`${FN}: bounds[${i}] upper bound must be above -Infinity, got -Infinity`);
  return v;
}

/** Lower/upper arrays (±Infinity where unbounded) and the L-BFGS-B bound kinds. */
function resolveBounds(raw: unknown, n: number): { lo: Float64Array; hi: Float64Array; nbd: Int32Array } {
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  const nbd = new Int32Array(n);
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || typeof (raw as ArrayLike<unknown>).length !== 'number') {
      throw new TypeError(`${FN}: bounds must be an array of [lower, upper] pairs, got ${show(raw)}`);
    }
    const list = raw as ArrayLike<unknown>;
    if (list.length !== n) {
      throw new RangeError(`${FN}: bounds must have one [lower, upper] pair per variable (${n}), got ${list.length}`);
    }
    for (let i = 0; i < n; i++) {
      const pair = list[i];
      if (pair === null || pair === undefined) continue;
      if (typeof pair !== 'object' || (pair as ArrayLike<unknown>).length !== 2) {
        throw new TypeError(`${FN}: bounds[${i}] must be a [lower, upper] pair, got ${show(pair)}`);
      }
      const l = boundValue(i, 'lower', (pair as ArrayLike<unknown>)[0]);
      const u = boundValue(i, 'upper', (pair as ArrayLike<unknown>)[1]);
      if (l > u) throw new RangeError(`${FN}: bounds[${i}] lower bound ${l} is greater than upper bound ${u}`);
      lo[i] = l;
      hi[i] = u;
    }
  }
  for (let i = 0; i < n; i++) {
    const hasL = Number.isFinite(lo[i]!);
    const hasU = Number.isFinite(hi[i]!);
    nbd[i] = hasL ? (hasU ? NBD.BOTH : NBD.LOWER) : hasU ? NBD.UPPER : NBD.NONE;
  }
  return { lo, hi, nbd };
}

/**
 * The two-loop product with the stored pairs and H0 = I (SciPy's LbfgsInvHessProduct).
 * `sBlock`/`yBlock` hold `count` pairs of length n in the kernel's circular slots; slot
 * `first` is the oldest.
 */
function inverseHessian(sBlock: Float64Array, yBlock: Float64Array, n: number, count: number, first: number): InverseHessian {
  const order = Array.from({ length: count }, (_, k) => ((first + k) % count) * n);
  let rho: Float64Array | null = null;
  return {
    nCorrections: count,
    matvec(v: ArrayLike<number>): Float64Array {
      const q = vectorArg('hessInv.matvec', 'v', v, { length: n });
      if (rho === null) {
        rho = new Float64Array(count);
        for (let i = 0; i < count; i++) {
          const o = order[i]!;
          let sy = 0;
          for (let j = 0; j < n; j++) sy += sBlock[o + j]! * yBlock[o + j]!;
          rho[i] = 1 / sy;
        }
      }
      const alpha = new Float64Array(count);
      for (let i = count - 1; i >= 0; i--) {
        const o = order[i]!;
        let a = 0;
        for (let j = 0; j < n; j++) a += sBlock[o + j]! * q[j]!;
        a *= rho[i]!;
        alpha[i] = a;
        for (let j = 0; j < n; j++) q[j] = q[j]! - a * yBlock[o + j]!;
      }
      for (let i = 0; i < count; i++) {
        const o = order[i]!;
        let b = 0;
        for (let j = 0; j < n; j++) b += yBlock[o + j]! * q[j]!;
        b *= rho[i]!;
        const c = alpha[i]! - b;
        for (let j = 0; j < n; j++) q[j] = q[j]! + c * sBlock[o + j]!;
      }
      return q;
    },
  };
}

class NonFinite {
  constructor(readonly message: string) {}
}

/**
 * Minimize `fun` from `x0` with L-BFGS-B, within optional bounds.
 */
export function minimize(fun: ObjectiveFn, x0: ArrayLike<number>, opts?: MinimizeOptions): OptimizeResult {
  functionArg(FN, 'fun', fun);
  const xStart = vectorArg(FN, 'x0', x0);
  const n = xStart.length;
  const o = resolveOptions(opts);
  const { lo, hi, nbd } = resolveBounds(opts?.bounds, n);
  const anyBound = nbd.some((k) => k !== NBD.NONE);
  // x0 outside the box is clipped into it (SciPy 1.10 does the same before the first call).
  for (let i = 0; i < n; i++) xStart[i] = Math.min(Math.max(xStart[i]!, lo[i]!), hi[i]!);

  const { jac, callback } = o;
  let nfev = 0;
  let njev = 0;
  const grad = new Float64Array(n);
  // The last evaluated point (SciPy's ScalarFunction re-uses f and g at an unchanged x).
  let haveLast = false;
  const lastX = new Float64Array(n);
  let lastF = NaN;
  const lastG = new Float64Array(n);

  const callFun = (x: Float64Array, g?: Float64Array): number => {
    nfev++;
    const f = g === undefined ? fun(x) : fun(x, g);
    if (typeof f !== 'number') throw new TypeError(`${FN}: fun must return a number, got ${show(f)}`);
    if (!Number.isFinite(f)) throw new NonFinite(`ABNORMAL: fun returned ${f} at evaluation ${nfev}`);
    return f;
  };
  const checkGrad = (g: ArrayLike<number>, what: string): void => {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(g[i]!)) throw new NonFinite(`ABNORMAL: ${what} component ${i} is ${g[i]} at evaluation ${nfev}`);
    }
  };

  /** f and g at x (g into `grad`), with SciPy's counting. */
  const evaluate = (x: Float64Array): number => {
    if (haveLast) {
      let same = true;
      for (let i = 0; i < n; i++) if (x[i] !== lastX[i]) { same = false; break; }
      if (same) {
        grad.set(lastG);
        return lastF;
      }
    }
    let f: number;
    if (jac === true) {
      // A gradient left unfilled then reads as NaN and is reported, never silently stale.
      grad.fill(NaN);
      f = callFun(x.slice(), grad);
      njev++;
      checkGrad(grad, 'gradient');
    } else if (jac !== null) {
      const xc = x.slice();
      f = callFun(xc);
      njev++;
      grad.fill(NaN);
      const r = jac(xc, grad);
      if (r !== undefined && r !== null) {
        if (typeof r !== 'object' || typeof (r as ArrayLike<number>).length !== 'number') {
          throw new TypeError(`${FN}: jac must fill grad or return an array of numbers, got ${show(r)}`);
        }
        if (r.length !== n) throw new RangeError(`${FN}: jac must return ${n} values (the length of x0), got ${r.length}`);
        for (let i = 0; i < n; i++) grad[i] = r[i]!;
      }
      checkGrad(grad, 'gradient');
    } else {
      f = callFun(x.slice());
      njev++;
      // SciPy's approx_derivative('2-point', abs_step=eps, bounds): forward steps, turned
      // around (or shortened) where x + h would leave the box.
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        let h = o.eps;
        if (xi + h - xi === 0) h = FD_FALLBACK * (xi >= 0 ? 1 : -1) * Math.max(1, Math.abs(xi));
        if (anyBound) {
          const lowerDist = xi - lo[i]!;
          const upperDist = hi[i]! - xi;
          const xt = xi + h;
          const fitting = Math.abs(h) <= Math.max(lowerDist, upperDist);
          if ((xt < lo[i]! || xt > hi[i]!) && fitting) h = -h;
          else if (!fitting) h = upperDist >= lowerDist ? upperDist : -lowerDist;
        }
        const xh = x.slice();
        xh[i] = xi + h;
        const dx = xh[i]! - xi;
        if (dx === 0) {
          // A fixed variable (lower == upper): SciPy divides 0 by 0 here; its derivative
          // never matters, so report 0 without an evaluation.
          grad[i] = 0;
        } else {
          grad[i] = (callFun(xh) - f) / dx;
        }
      }
    }
    haveLast = true;
    lastX.set(x);
    lastF = f;
    lastG.set(grad);
    return f;
  };

  const w = wasm();
  const ex = w.exports as unknown as LbfgsbExports;
  const memory = ex.memory;
  return withArena(w.arena, (arena) => {
    const m = o.maxcor;
    const ws = arena.alloc(ex.lbfgsb_workspace_size(n, m));
    const pX = ws + ex.lbfgsb_offset(n, m, OFF.X);
    const pG = ws + ex.lbfgsb_offset(n, m, OFF.G);
    const pL = ws + ex.lbfgsb_offset(n, m, OFF.L);
    const pU = ws + ex.lbfgsb_offset(n, m, OFF.U);
    const pNbd = ws + ex.lbfgsb_offset(n, m, OFF.NBD);
    const factr = o.ftol / EPSMCH;
    ex.lbfgsb_init(ws, n, m, o.maxls, factr * EPSMCH, o.gtol);
    arena.f64(pX, n).set(xStart);
    const lv = arena.f64(pL, n);
    const uv = arena.f64(pU, n);
    for (let i = 0; i < n; i++) {
      lv[i] = Number.isFinite(lo[i]!) ? lo[i]! : 0;
      uv[i] = Number.isFinite(hi[i]!) ? hi[i]! : 0;
    }
    arena.i32(pNbd, n).set(nbd);

    // Views of linear memory, re-made whenever memory grew (a nested call may grow it).
    let buf = memory.buffer;
    let xv = arena.f64(pX, n);
    let gv = arena.f64(pG, n);
    const views = (): void => {
      if (memory.buffer !== buf) {
        buf = memory.buffer;
        xv = arena.f64(pX, n);
        gv = arena.f64(pG, n);
      }
    };

    let nit = 0;
    let status = -1;
    let message = '';
    // The last accepted iterate, reported if an evaluation returns NaN/Infinity.
    const xCur = new Float64Array(n);
    let fCur = NaN;
    const gCur = new Float64Array(n);
    let started = false;
    const xEval = new Float64Array(n);

    for (;;) {
      const task = ex.lbfgsb(ws);
      if (task === TASK.FG_START || task === TASK.FG_LNSRCH) {
        views();
        xEval.set(xv);
        let f: number;
        try {
          f = evaluate(xEval);
        } catch (err) {
          if (!(err instanceof NonFinite)) throw err;
          if (!started) {
            xCur.set(xEval);
            fCur = lastF;
          }
          status = 2;
          message = err.message;
          break;
        }
        views();
        gv.set(grad);
        ex.lbfgsb_set_f(ws, f);
        if (task === TASK.FG_START) {
          started = true;
          xCur.set(xEval);
          fCur = f;
          gCur.set(grad);
        }
      } else if (task === TASK.NEW_X) {
        nit++;
        views();
        xCur.set(xv);
        gCur.set(gv);
        fCur = ex.lbfgsb_get_f(ws);
        if (callback !== null && callback(xCur.slice()) === true) {
          status = 3;
          message = MESSAGES.callback;
          break;
        }
        if (nit >= o.maxiter) {
          status = 1;
          message = MESSAGES.maxiter;
          break;
        }
        if (nfev > o.maxfun) {
          status = 1;
          message = MESSAGES.maxfun;
          break;
        }
      } else {
        [status, message] = outcome(task);
        views();
        xCur.set(xv);
        gCur.set(gv);
        fCur = ex.lbfgsb_get_f(ws);
        break;
      }
    }

    // Correction pairs: col of them in slots 1..col (circular once maxcor pairs were
    // stored; slot `head` holds the oldest).
    const col = ex.lbfgsb_info(ws, INFO.COL);
    const head = ex.lbfgsb_info(ws, INFO.HEAD);
    const sBlock = arena.getF64(ws + ex.lbfgsb_offset(n, m, OFF.WS), col * n);
    const yBlock = arena.getF64(ws + ex.lbfgsb_offset(n, m, OFF.WY), col * n);

    return {
      x: xCur,
      fun: fCur,
      jac: gCur,
      nit,
      nfev,
      njev,
      status,
      message,
      success: status === 0,
      hessInv: inverseHessian(sBlock, yBlock, n, col, head - 1),
    };
  });
}

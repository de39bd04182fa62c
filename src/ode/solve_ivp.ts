/**
 * solveIvp: explicit Runge–Kutta integration of y' = f(t, y) with SciPy's RK45 / RK23
 * stepping (same initial step, error norm and controller, so the same steps), output
 * times, dense output and events. The WASM kernels (assembly/ode) step by reverse
 * communication: they return NEED_F with the stage time and state in the workspace, this
 * driver calls the user's function and hands the derivative back. The driver owns output
 * times, events and the result (as SciPy's solve_ivp loop).
 */
import { wasm } from '../wasm/module.js';
import { withArena } from '../wasm/arena.js';
import { show } from '../core/format.js';
import { functionArg, optionsArg, vectorArg } from '../core/validate.js';
import { activeEvents, brentRoot } from './events.js';
import { evalSegment, evalSegmentAt, odeSolution, RecordStore, segmentWidth } from './dense.js';
import type { EventFn, OdeFun, OdeMethod, OdeOptions, OdeResult } from './types.js';

const FN = 'solveIvp';
const EPS = 2.220446049250313e-16;

/** Defaults (SciPy's). */
export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_ATOL = 1e-6;
/** SciPy raises rtol to this floor (with a warning): below it steps cannot resolve the error. */
export const MIN_RTOL = 100 * EPS;

/** Status messages (SciPy's for 0, 1 and the step-size failure). */
export const MESSAGES = {
  0: 'The solver successfully reached the end of the integration interval.',
  1: 'A termination event occurred.',
  tooSmall: 'Required step size is less than spacing between numbers.',
} as const;

// Kernel protocol (assembly/ode/workspace.ts).
const NEED_F = 1;
const STEP_DONE = 2;
const TOO_SMALL_STEP = -1;
const H_T = 0, H_T_BOUND = 1, H_H_ABS = 2, H_DIR = 3, H_MAX_STEP = 4, H_RTOL = 5, H_T_OLD = 6;
const H_T_STAGE = 8, H_STATE = 9, H_BAD_INDEX = 17, H_FIRST_STEP = 18, H_STAGE = 19;
const HEADER = 32;
/** Bytes kept free above the workspace for nested calls (a few small workspaces). */
const NESTED_HEADROOM = 1 << 16;
const EMPTY = new Float64Array(0);
const V_ATOL = 0, V_Y = 1, V_Y_OLD = 2, V_Y_IN = 4, V_K = 6, K_ROWS = 7, V_Q = 13;

interface OdeExports {
  memory: WebAssembly.Memory;
  dopri5(ws: number, n: number): number;
  dopri5_dense(ws: number, n: number): void;
  dopri5_workspace_size(n: number): number;
  rk23(ws: number, n: number): number;
  rk23_dense(ws: number, n: number): void;
  rk23_workspace_size(n: number): number;
}

/** A user event function returned NaN/Infinity (or not a number): the run fails there. */
function badEventMessage(e: number, value: unknown, t: number): string {
  return `${FN}: events[${e}] returned a non-finite value, ${String(value)}, at t = ${t}`;
}

/** Kernel code used by fastStages: the last evaluation needs the general path. */
const SLOW = 100;

interface Counter {
  nfev: number;
  /** The return value of the evaluation that left the fast path. */
  pending: void | ArrayLike<number>;
}

/**
 * The hot loop, kept small and free of closures so that it compiles to tight code: the
 * kernel has asked for f (NEED_F); evaluate on the mailbox views and call back until it
 * asks for something else. Leaves with SLOW when the function returned an array instead
 * of filling dydt, or when memory grew during the call (views detached).
 */
function fastStages(
  step: (ws: number, n: number) => number, ws: number, n: number, fun: OdeFun,
  hv: Float64Array, yIn: Float64Array, kv: Float64Array[], counter: Counter,
): number {
  let k = 0;
  let code = NEED_F;
  do {
    const dydt = kv[hv[H_STAGE]!]!;
    const r = fun(hv[H_T_STAGE]!, yIn, dydt);
    k++;
    if ((r !== undefined && r !== dydt) || hv.length === 0) {
      counter.nfev += k;
      counter.pending = r;
      return SLOW;
    }
    code = step(ws, n);
  } while (code === NEED_F);
  counter.nfev += k;
  return code;
}

interface Resolved {
  method: OdeMethod;
  rtol: number;
  atol: Float64Array;
  tEval: Float64Array | null;
  denseOutput: boolean;
  events: EventFn[];
  /** Whether `events` was given at all (SciPy: tEvents is a list then, even an empty one). */
  hasEvents: boolean;
  maxEvents: Float64Array;
  eventDir: Float64Array;
  maxStep: number;
  firstStep: number | undefined;
}

function resolveOptions(opts: unknown, n: number, t0: number, tf: number): Resolved {
  const o = optionsArg<OdeOptions>(FN, opts);
  const method = o.method ?? 'RK45';
  if (method !== 'RK45' && method !== 'RK23') {
    throw new RangeError(`${FN}: method must be 'RK45' or 'RK23', got ${show(method)}`);
  }
  const rtolIn = o.rtol ?? DEFAULT_RTOL;
  if (typeof rtolIn !== 'number') throw new TypeError(`${FN}: rtol must be a number, got ${show(rtolIn)}`);
  if (!(rtolIn >= 0) || !Number.isFinite(rtolIn)) throw new RangeError(`${FN}: rtol must be non-negative and finite, got ${rtolIn}`);
  const rtol = Math.max(rtolIn, MIN_RTOL);

  const atolIn = o.atol ?? DEFAULT_ATOL;
  let atol: Float64Array;
  if (typeof atolIn === 'number') {
    if (!(atolIn >= 0) || !Number.isFinite(atolIn)) throw new RangeError(`${FN}: atol must be non-negative and finite, got ${atolIn}`);
    atol = new Float64Array(n).fill(atolIn);
  } else {
    atol = vectorArg(FN, 'atol', atolIn);
    if (atol.length !== n) throw new RangeError(`${FN}: atol must be a number or have one entry per component (${n}), got length ${atol.length}`);
    for (let i = 0; i < n; i++) {
      if (atol[i]! < 0) throw new RangeError(`${FN}: atol[${i}] must be non-negative, got ${atol[i]}`);
    }
  }

  let tEval: Float64Array | null = null;
  if (o.tEval !== undefined && o.tEval !== null) {
    tEval = vectorArg(FN, 'tEval', o.tEval, { allowEmpty: true });
    const lo = Math.min(t0, tf);
    const hi = Math.max(t0, tf);
    const dir = tf >= t0 ? 1 : -1;
    for (let k = 0; k < tEval.length; k++) {
      const v = tEval[k]!;
      if (v < lo || v > hi) throw new RangeError(`${FN}: tEval values must lie within tSpan [${t0}, ${tf}], tEval[${k}] is ${v}`);
      if (k > 0 && dir * (v - tEval[k - 1]!) <= 0) {
        throw new RangeError(`${FN}: tEval must be strictly ${dir > 0 ? 'increasing' : 'decreasing'} (the direction of integration), tEval[${k}] = ${v} follows ${tEval[k - 1]}`);
      }
    }
  }

  const denseOutput = o.denseOutput ?? false;
  if (typeof denseOutput !== 'boolean') throw new TypeError(`${FN}: denseOutput must be a boolean, got ${show(denseOutput)}`);

  let events: EventFn[] = [];
  if (o.events !== undefined && o.events !== null) {
    events = typeof o.events === 'function' ? [o.events] : Array.isArray(o.events) ? o.events : [];
    if (typeof o.events !== 'function' && !Array.isArray(o.events)) {
      throw new TypeError(`${FN}: events must be a function or an array of functions, got ${show(o.events)}`);
    }
  }
  const maxEvents = new Float64Array(events.length);
  const eventDir = new Float64Array(events.length);
  events.forEach((ev, e) => {
    if (typeof ev !== 'function') throw new TypeError(`${FN}: events[${e}] must be a function, got ${show(ev)}`);
    const terminal = ev.terminal;
    if (terminal === undefined || terminal === false || terminal === 0) maxEvents[e] = Infinity;
    else if (terminal === true) maxEvents[e] = 1;
    else if (typeof terminal === 'number' && Number.isInteger(terminal) && terminal > 0) maxEvents[e] = terminal;
    else throw new RangeError(`${FN}: events[${e}].terminal must be a boolean or a positive integer, got ${show(terminal)}`);
    const d = ev.direction ?? 0;
    if (typeof d !== 'number') throw new TypeError(`${FN}: events[${e}].direction must be a number, got ${show(d)}`);
    if (Number.isNaN(d)) throw new RangeError(`${FN}: events[${e}].direction must not be NaN, got NaN`);
    eventDir[e] = d;
  });

  const maxStep = o.maxStep ?? Infinity;
  if (typeof maxStep !== 'number') throw new TypeError(`${FN}: maxStep must be a number, got ${show(maxStep)}`);
  if (!(maxStep > 0)) throw new RangeError(`${FN}: maxStep must be positive, got ${maxStep}`);

  let firstStep: number | undefined;
  if (o.firstStep !== undefined && o.firstStep !== null) {
    firstStep = o.firstStep;
    if (typeof firstStep !== 'number') throw new TypeError(`${FN}: firstStep must be a number, got ${show(firstStep)}`);
    if (!(firstStep > 0)) throw new RangeError(`${FN}: firstStep must be positive, got ${firstStep}`);
    if (firstStep > Math.abs(tf - t0)) throw new RangeError(`${FN}: firstStep must not exceed |tSpan[1] - tSpan[0]| = ${Math.abs(tf - t0)}, got ${firstStep}`);
  }
  const hasEvents = o.events !== undefined && o.events !== null;
  return Object.freeze({ method, rtol, atol, tEval, denseOutput, events, hasEvents, maxEvents, eventDir, maxStep, firstStep });
}

function tSpanArg(value: unknown): [number, number] {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${FN}: tSpan must be an array [t0, tf], got ${show(value)}`);
  }
  const span = value as ArrayLike<unknown>;
  if (span.length !== 2) throw new RangeError(`${FN}: tSpan must have length 2, got ${span.length}`);
  const out: number[] = [];
  for (let k = 0; k < 2; k++) {
    const v = span[k];
    if (typeof v !== 'number') throw new TypeError(`${FN}: tSpan[${k}] must be a number, got ${show(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`${FN}: tSpan[${k}] must be finite, got ${v}`);
    out.push(v);
  }
  return [out[0]!, out[1]!];
}

/**
 * Integrate y' = fun(t, y) from tSpan[0] to tSpan[1]. See /shared/api.md (ODE) and docs/ode.md.
 */
export function solveIvp(fun: OdeFun, tSpan: [number, number], y0: ArrayLike<number>, opts?: OdeOptions): OdeResult {
  functionArg(FN, 'fun', fun);
  const [t0, tf] = tSpanArg(tSpan);
  const y0v = vectorArg(FN, 'y0', y0);
  const n = y0v.length;
  const o = resolveOptions(opts, n, t0, tf);
  const nEv = o.events.length;

  if (t0 === tf) return trivialResult(o, t0, y0v);

  const w = wasm();
  const ex = w.exports as unknown as OdeExports;
  const rk45 = o.method === 'RK45';
  // The loader wraps each export in a rest-args shim; the stepper runs once per derivative,
  // so call the raw WASM function.
  const step = rk45 ? ex.dopri5 : ex.rk23;
  const dense = rk45 ? ex.dopri5_dense : ex.rk23_dense;
  const cols = rk45 ? 4 : 3;
  const dir = tf > t0 ? 1 : -1;
  const memory = ex.memory;

  return withArena(w.arena, (arena) => {
    const ws = arena.alloc(rk45 ? ex.dopri5_workspace_size(n) : ex.rk23_workspace_size(n));
    // Headroom for nested calls from the user's functions, so that they rarely grow memory
    // (growth detaches the views handed to the user; see `direct` below).
    const mark = arena.mark();
    arena.alloc(NESTED_HEADROOM);
    arena.release(mark);
    const vecPtr = (slot: number): number => ws + (HEADER + slot * n) * 8;
    // Views of the workspace; re-made whenever memory has grown (a detached view has length 0).
    let hv!: Float64Array, yInV!: Float64Array, yV!: Float64Array;
    const kv: Float64Array[] = new Array(K_ROWS);
    let yOldV!: Float64Array, qV!: Float64Array;
    const refresh = (): void => {
      const buf = memory.buffer;
      hv = new Float64Array(buf, ws, HEADER);
      yInV = new Float64Array(buf, vecPtr(V_Y_IN), n);
      for (let j = 0; j < K_ROWS; j++) kv[j] = new Float64Array(buf, vecPtr(V_K + j), n);
      yV = new Float64Array(buf, vecPtr(V_Y), n);
      yOldV = new Float64Array(buf, vecPtr(V_Y_OLD), n);
      qV = new Float64Array(buf, vecPtr(V_Q), cols * n);
    };
    refresh();
    hv.fill(0);
    hv[H_T] = t0;
    hv[H_T_BOUND] = tf;
    hv[H_DIR] = dir;
    hv[H_MAX_STEP] = o.maxStep;
    hv[H_RTOL] = o.rtol;
    hv[H_FIRST_STEP] = o.firstStep ?? 0;
    hv[H_STATE] = 0;
    hv[H_H_ABS] = 0;
    new Float64Array(memory.buffer, vecPtr(V_ATOL), n).set(o.atol);
    yV.set(y0v);

    // The user's y and dydt are views of the workspace (Y_IN, and the K row the kernel
    // names): no copies per evaluation. They are valid during the call only (api.md). Should a nested call grow
    // memory (detaching the views), this evaluation is redone on JS-owned copies, which are
    // then used for the rest of the integration (`direct = false`).
    let direct = true;
    let yUser = EMPTY;
    let dydt = EMPTY;
    const counter: Counter = { nfev: 0, pending: undefined };

    // Outputs.
    const tEval = o.tEval;
    let tEvalIdx = 0;
    const tOut: number[] = [];
    const yRows = new RecordStore(n, tEval ? 0 : 64);
    // y at tEval, component-major in one buffer: yEvalAll[i * m + k].
    const yEvalAll = tEval ? new Float64Array(n * tEval.length) : EMPTY;
    if (!tEval) {
      tOut.push(t0);
      yRows.push(y0v);
    }
    const segTs: number[] = [t0];
    const width = segmentWidth(n, cols);
    const segs = o.denseOutput ? new RecordStore(width) : null;

    // Events.
    let g = new Float64Array(nEv);
    let gNew = new Float64Array(nEv);
    const eventCount = new Float64Array(nEv);
    const tEvents: number[][] = Array.from({ length: nEv }, () => []);
    const yEvents: Float64Array[][] = Array.from({ length: nEv }, () => []);
    for (let e = 0; e < nEv; e++) g[e] = o.events[e]!(t0, y0v.slice());
    if (nEv > 0 && yV.length === 0) refresh();

    // The current step's interpolant, copied out of the workspace when first needed into a
    // reused JS record (it must survive user callbacks, which may detach WASM views).
    const needSeg = o.denseOutput || nEv > 0 || tEval !== null;
    const seg = needSeg ? new Float64Array(width) : EMPTY;
    let segTOld = 0;
    let segH = 0;
    let haveSeg = false;
    const ensureSeg = (): void => {
      if (haveSeg) return;
      if (hv.length === 0) refresh();
      dense(ws, n);
      seg[0] = segTOld;
      seg[1] = segH;
      const m = cols * n;
      if (n < 16) {
        for (let k = 0; k < m; k++) seg[2 + k] = qV[k]!;
        for (let i = 0; i < n; i++) seg[2 + m + i] = yOldV[i]!;
      } else {
        seg.set(qV, 2);
        seg.set(yOldV, 2 + m);
      }
      haveSeg = true;
    };
    const scratch = needSeg ? new Float64Array(n) : EMPTY;
    /** y(t) on the current step into a fresh array (kept by the caller). */
    const solAt = (t: number): Float64Array => evalSegment(seg, 0, n, cols, t, new Float64Array(n));
    /** y(t) on the current step into a reused array (valid during one user call). */
    const solScratch = (t: number): Float64Array => evalSegment(seg, 0, n, cols, t, scratch);

    let status: -1 | 0 | 1 | null = null;
    let message = '';
    const badStart = g.findIndex((v) => !Number.isFinite(v));
    if (badStart >= 0) {
      status = -1;
      message = badEventMessage(badStart, g[badStart]!, t0);
    }
    // An event function that is not finite at t0 ends the run before the first step.
    let code = status === null ? step(ws, n) : TOO_SMALL_STEP;
    while (status === null) {
      if (code === NEED_F) {
        const tS = hv[H_T_STAGE]!;
        let r: void | ArrayLike<number>;
        if (direct) {
          code = fastStages(step, ws, n, fun, hv, yInV, kv, counter);
          if (code !== SLOW) continue;
          r = counter.pending;
          counter.pending = undefined;
          if (hv.length === 0) {
            // Memory grew during the call (a nested scicomp call needed more): the views
            // the function saw went stale part-way, so its reads or writes may be lost.
            // Evaluate this point again on JS-owned copies and stay on copies from now on.
            refresh();
            direct = false;
            yUser = new Float64Array(n);
            dydt = new Float64Array(n);
            code = NEED_F;
            continue;
          }
        } else {
          if (n < 32) for (let i = 0; i < n; i++) yUser[i] = yInV[i]!;
          else yUser.set(yInV);
          r = fun(tS, yUser, dydt);
          counter.nfev++;
          if (hv.length === 0) refresh();
          if (r === undefined || r === dydt) r = dydt;
        }
        const tNow = hv[H_T_STAGE]!;
        if (r !== null && typeof r === 'object' && (r as ArrayLike<number>).length === n) {
          kv[hv[H_STAGE]!]!.set(r as ArrayLike<number>);
        } else {
          const got = r !== null && typeof r === 'object' && typeof (r as ArrayLike<number>).length === 'number'
            ? `an array of length ${(r as ArrayLike<number>).length}` : show(r);
          status = -1;
          message = `${FN}: fun must fill dydt or return an array of length ${n}, got ${got} at t = ${tNow}`;
          break;
        }
        code = step(ws, n);
        continue;
      }
      if (code !== STEP_DONE) {
        status = -1;
        if (code === TOO_SMALL_STEP) message = MESSAGES.tooSmall;
        else {
          const i = hv[H_BAD_INDEX]!;
          message = `${FN}: fun returned a non-finite derivative, dydt[${i}] = ${kv[hv[H_STAGE]!]![i]}, at t = ${hv[H_T_STAGE]}`;
        }
        break;
      }

      // An accepted step from tOld to t.
      segTOld = hv[H_T_OLD]!;
      let t = hv[H_T]!;
      segH = t - segTOld;
      haveSeg = false;
      if (dir * (t - tf) >= 0) status = 0;
      let yEventEnd: Float64Array | null = null;
      if (o.denseOutput) ensureSeg();

      if (nEv > 0) {
        const yEnd = yV.slice();
        let bad = -1;
        for (let e = 0; e < nEv; e++) {
          scratch.set(yEnd);
          gNew[e] = o.events[e]!(t, scratch);
          if (!Number.isFinite(gNew[e])) { bad = e; break; }
        }
        if (bad >= 0) {
          status = -1;
          message = badEventMessage(bad, gNew[bad]!, t);
          break;
        }
        if (hv.length === 0) refresh();
        const active = activeEvents(g, gNew, o.eventDir);
        if (active.length > 0) {
          ensureSeg();
          const tStart = segTOld;
          const roots = active.map((e) => {
            eventCount[e]!++;
            const ev = o.events[e]!;
            return brentRoot((tt) => ev(tt, solScratch(tt)), tStart, t);
          });
          if (hv.length === 0) refresh();
          let order = active.map((_, k) => k);
          let terminate = false;
          if (active.some((e) => eventCount[e]! >= o.maxEvents[e]!)) {
            order.sort((a, b) => dir * (roots[a]! - roots[b]!));
            const stop = order.findIndex((k) => eventCount[active[k]!]! >= o.maxEvents[active[k]!]!);
            order = order.slice(0, stop + 1);
            terminate = true;
          }
          for (const k of order) {
            tEvents[active[k]!]!.push(roots[k]!);
            yEvents[active[k]!]!.push(solAt(roots[k]!));
          }
          if (terminate) {
            status = 1;
            t = roots[order[order.length - 1]!]!;
            yEventEnd = solAt(t);
          }
        }
        const tmp = g;
        g = gNew;
        gNew = tmp;
      }

      if (!tEval) {
        if (o.denseOutput && tOut.length > 1 && tOut[tOut.length - 1] === t) {
          // SciPy drops a zero-length piece (a terminal event exactly at a step start).
        } else {
          tOut.push(t);
          yRows.push(yEventEnd ?? (hv.length === 0 ? (refresh(), yV) : yV));
        }
      } else {
        let end = tEvalIdx;
        while (end < tEval.length && dir * (tEval[end]! - t) <= 0) end++;
        if (end > tEvalIdx) {
          ensureSeg();
          evalSegmentAt(seg, n, cols, tEval, tEvalIdx, end, yEvalAll);
          tEvalIdx = end;
        }
      }
      if (o.denseOutput) {
        const dup = !tEval && segTs.length > 1 && segTs[segTs.length - 1] === t;
        if (!dup) {
          segTs.push(t);
          segs!.push(seg);
        }
      }
      if (status !== null) break;
      code = step(ws, n);
    }

    const success = status !== -1;
    let tArr: Float64Array;
    let yArr: Float64Array[];
    if (tEval) {
      // The outputs are the first tEvalIdx entries of tEval.
      tArr = tEvalIdx === tEval.length ? tEval : tEval.slice(0, tEvalIdx);
      const m = tEval.length;
      yArr = Array.from({ length: n }, (_, i) => tEvalIdx === m
        ? yEvalAll.subarray(i * m, (i + 1) * m)
        : yEvalAll.slice(i * m, i * m + tEvalIdx));
    } else {
      tArr = Float64Array.from(tOut);
      yArr = yRows.columns();
    }
    return {
      t: tArr,
      y: yArr,
      sol: segs && segs.count > 0 ? odeSolution(Float64Array.from(segTs), segs, n, cols) : null,
      tEvents: o.hasEvents ? tEvents.map((l) => Float64Array.from(l)) : null,
      yEvents: o.hasEvents ? yEvents : null,
      nfev: counter.nfev,
      njev: 0,
      nlu: 0,
      status: status as -1 | 0 | 1,
      message: status === 0 || status === 1 ? MESSAGES[status] : message,
      success,
    };
  });
}

/** tSpan[0] === tSpan[1]: nothing to integrate (no evaluation of fun). */
function trivialResult(o: Resolved, t0: number, y0: Float64Array): OdeResult {
  const times = o.tEval ? o.tEval.slice() : Float64Array.of(t0);
  const y = Array.from(y0, (v) => new Float64Array(times.length).fill(v));
  const nEv = o.events.length;
  return {
    t: times,
    y,
    sol: o.denseOutput ? () => y0.slice() : null,
    tEvents: o.hasEvents ? Array.from({ length: nEv }, () => new Float64Array(0)) : null,
    yEvents: o.hasEvents ? Array.from({ length: nEv }, () => []) : null,
    nfev: 0,
    njev: 0,
    nlu: 0,
    status: 0,
    message: MESSAGES[0],
    success: true,
  };
}

/**
 * The reverse-communication loop shared by quad and dblquad: start a QUADPACK driver in
 * WASM (qags, qagi or qagp), evaluate the integrand on each batch of abscissae it asks for
 * (a whole rule application or a whole bisection at once: one JS→WASM crossing per batch,
 * not per point), and read the outcome from the workspace header.
 *
 * The workspace comes from the arena above the caller's mark, so an integrand that itself
 * calls quad gets its own workspace and the drivers share no state. Views of WASM memory
 * are refreshed whenever a callback may have grown (and so detached) it.
 */
import { wasm } from '../wasm/module.js';
import { F_ABSERR, F_RESULT, I32_BASE, I_FPTR, I_IER, I_NNODES, I_XPTR, TASK_NEED_F } from './layout.js';
import { STATUS_NON_FINITE } from './messages.js';

interface QuadExports {
  memory: WebAssembly.Memory;
  qags_workspace_size(limit: number): number;
  qags_init(ws: number, a: number, b: number, epsabs: number, epsrel: number, limit: number): number;
  qagi_init(ws: number, bound: number, inf: number, epsabs: number, epsrel: number, limit: number): number;
  qags_resume(ws: number): number;
  qagp_workspace_size(limit: number, npts2: number): number;
  qagp_init(ws: number, a: number, b: number, npts2: number, points: number, epsabs: number, epsrel: number, limit: number): number;
  qagp_resume(ws: number): number;
  qags_many_init(block: number, size: number, lo: number, hi: number, n: number, epsabs: number, epsrel: number, limit: number, ws: number, tasks: number): number;
  qags_many_resume(ws: number, tasks: number, n: number): number;
}

/** Tolerances resolved once (frozen) and reused by every level of dblquad. */
export interface Tolerances {
  readonly epsabs: number;
  readonly epsrel: number;
  readonly limit: number;
}

/** One run's outcome; `badX`/`badValue` say where a non-finite value came from. */
export interface RawResult {
  value: number;
  abserr: number;
  neval: number;
  status: number;
  badX: number;
  badValue: unknown;
}

export function rawResult(): RawResult {
  return { value: 0, abserr: 0, neval: 0, status: 0, badX: NaN, badValue: undefined };
}

/** The quad kernels of the active instance (raw exports: no loader shim, see src/wasm/module.ts). */
function quadKernels(exports: unknown): QuadExports {
  return exports as QuadExports;
}

let viewBuffer: ArrayBuffer | null = null;
let f64View = new Float64Array(0);
let i32View = new Int32Array(0);

function refreshViews(memory: WebAssembly.Memory): void {
  const buf = memory.buffer;
  if (buf !== viewBuffer) {
    viewBuffer = buf;
    f64View = new Float64Array(buf);
    i32View = new Int32Array(buf);
  }
}

/** Growing memory detaches the old buffer (its views drop to length 0): only then re-read it. */
function freshViews(memory: WebAssembly.Memory): void {
  if (f64View.length === 0 || viewMemory !== memory) {
    viewMemory = memory;
    refreshViews(memory);
  }
}

let viewMemory: WebAssembly.Memory | null = null;

/** Workspace sizes by limit (qags/qagi); the size depends on nothing else. */
let sizeLimit = -1;
let sizeBytes = 0;

let badX = NaN;
let badValue: unknown = undefined;

/**
 * Evaluate f at the n abscissae F[xBase..] into F[fBase..]. Returns -1, or the index of the
 * first value that is not a finite number (recorded in badX / badValue). Kept small so
 * that V8 optimizes it (and inlines f) like a plain loop.
 */
function evalBatch(f: (x: number) => number, memory: WebAssembly.Memory, xBase: number, fBase: number, n: number): number {
  let F = f64View;
  for (let i = 0; i < n; i++) {
    const x = F[xBase + i]!;
    const v = f(x);
    if (typeof v !== 'number' || v - v !== 0) {
      badX = x;
      badValue = v;
      return i;
    }
    // A nested call may have grown memory, which detaches every view.
    if (F.length === 0) {
      refreshViews(memory);
      F = f64View;
    }
    F[fBase + i] = v;
  }
  return -1;
}

/**
 * Evaluates a whole batch at once (dblquad's outer level): fills fs[0..n) from xs[0..n)
 * and returns -1, or the index of the first node whose value is not finite (setting
 * badX / badValue).
 */
export type BatchEval = (xs: Float64Array, n: number, fs: Float64Array) => number;

/** dblquad's inner problems: f(x, ·) over [ya(x), yb(x)] for each outer node x. */
export interface InnerProblem {
  f: (x: number, y: number) => number;
  ya: number | ((x: number) => number);
  yb: number | ((x: number) => number);
  tol: Tolerances;
  /** Accumulated over every inner integration. */
  neval: number;
  abserr: number;
  /** First failing inner status and its x (status 0 while all succeed). */
  status: number;
  failX: number;
  /** Set when a non-finite value (of f or of a limit function) stopped everything. */
  message: string;
}

/**
 * Run the inner integrals of the n outer nodes xs side by side: each is its own qags/qagi
 * driver with its own workspace, and every round evaluates f on the batches of all the
 * drivers still running in one loop, then resumes each. The drivers are independent, so
 * every inner integral takes the same steps (and f calls) as a separate quad would; only
 * the order of the calls across different x changes. Returns -1 or the index of the outer
 * node at which a non-finite value stopped the computation.
 */
export function innerIntegrals(p: InnerProblem, xs: Float64Array, n: number, fs: Float64Array): number {
  const w = wasm();
  const k = quadKernels(w.exports);
  const memory = k.memory;
  const arena = w.arena;
  const mark = arena.mark();
  const tol = p.tol;
  try {
    // Inner limits first (user callbacks: they may call quad, which allocates and releases
    // above the current mark before returning, so nothing is allocated before them).
    const lims = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const ya = p.ya;
      const yb = p.yb;
      const lo = typeof ya === 'number' ? ya : ya(x);
      const hi = typeof yb === 'number' ? yb : yb(x);
      if (typeof lo !== 'number' || Number.isNaN(lo)) return limitFailure(p, 'ya', lo, x, i);
      if (typeof hi !== 'number' || Number.isNaN(hi)) return limitFailure(p, 'yb', hi, x, i);
      lims[i] = lo;
      lims[n + i] = hi;
    }
    const size = qagsSize(k, tol.limit);
    const block = arena.alloc(size * n);
    const lohi = arena.putF64(lims);
    const wsp = arena.allocI32(n);
    const tp = arena.allocI32(n);
    let waiting = k.qags_many_init(block, size, lohi, lohi + 8 * n, n, tol.epsabs, tol.epsrel, tol.limit, wsp, tp);
    const f = p.f;
    const wsI = wsp >> 2;
    const tI = tp >> 2;
    while (waiting > 0) {
      freshViews(memory);
      for (let i = 0; i < n; i++) {
        if (i32View[tI + i] !== TASK_NEED_F) continue;
        const x = xs[i]!;
        const iBase = (i32View[wsI + i]! + I32_BASE) >> 2;
        const m = i32View[iBase + I_NNODES]!;
        const bad = evalInner(f, x, memory, i32View[iBase + I_XPTR]! >> 3, i32View[iBase + I_FPTR]! >> 3, m);
        if (bad >= 0) {
          p.neval += bad + 1;
          p.message = `The integrand returned ${String(badValue)} at (x, y) = (${x}, ${badX}).`;
          badX = x;
          badValue = NaN;
          return i;
        }
        p.neval += m;
        // f may have grown memory: the views used above are re-made on the next round.
        freshViews(memory);
      }
      waiting = k.qags_many_resume(wsp, tp, n);
    }
    freshViews(memory);
    for (let i = 0; i < n; i++) {
      const ws = i32View[wsI + i]!;
      if (ws === 0) {
        fs[i] = 0;
        continue;
      }
      const value = f64View[(ws >> 3) + F_RESULT]!;
      const abserr = f64View[(ws >> 3) + F_ABSERR]!;
      const status = i32View[((ws + I32_BASE) >> 2) + I_IER]!;
      fs[i] = lims[n + i]! < lims[i]! ? -value : value;
      if (abserr > p.abserr) p.abserr = abserr;
      if (status !== 0 && p.status === 0) {
        p.status = status;
        p.failX = xs[i]!;
      }
    }
    return -1;
  } finally {
    arena.release(mark);
  }
}

/** evalBatch for f(x, ·) at a fixed x (kept small for the same reason). */
function evalInner(f: (x: number, y: number) => number, x: number, memory: WebAssembly.Memory, xBase: number, fBase: number, n: number): number {
  let F = f64View;
  for (let i = 0; i < n; i++) {
    const y = F[xBase + i]!;
    const v = f(x, y);
    if (typeof v !== 'number' || v - v !== 0) {
      badX = y;
      badValue = v;
      return i;
    }
    if (F.length === 0) {
      refreshViews(memory);
      F = f64View;
    }
    F[fBase + i] = v;
  }
  return -1;
}

function limitFailure(p: InnerProblem, name: string, value: unknown, x: number, i: number): number {
  p.message = `The inner limit ${name} returned ${typeof value === 'number' ? value : String(value)} at x = ${x}.`;
  badX = x;
  badValue = NaN;
  return i;
}

function qagsSize(k: QuadExports, limit: number): number {
  if (limit !== sizeLimit) {
    sizeBytes = k.qags_workspace_size(limit);
    sizeLimit = limit;
  }
  return sizeBytes;
}

/**
 * Integrate f over (a, b) with a < b (either may be infinite; `points` only with finite
 * limits, sorted, strictly inside). Writes the outcome into `out`; a throwing integrand
 * propagates after the arena is released.
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  tol: Tolerances,
  points: Float64Array | null,
  out: RawResult,
  batch: BatchEval | null = null,
): void {
  const w = wasm();
  const k = quadKernels(w.exports);
  const memory = k.memory;
  const arena = w.arena;
  const mark = arena.mark();
  try {
    let ws: number;
    let task: number;
    let resume: (ws: number) => number;
    if (points !== null) {
      const npts2 = points.length + 2;
      ws = arena.alloc(k.qagp_workspace_size(tol.limit, npts2));
      const pp = points.length > 0 ? arena.putF64(points) : 0;
      task = k.qagp_init(ws, a, b, npts2, pp, tol.epsabs, tol.epsrel, tol.limit);
      resume = k.qagp_resume;
    } else if (a === -Infinity || b === Infinity) {
      const inf = a === -Infinity ? (b === Infinity ? 2 : -1) : 1;
      const bound = inf === 1 ? a : inf === -1 ? b : 0;
      ws = arena.alloc(qagsSize(k, tol.limit));
      task = k.qagi_init(ws, bound, inf, tol.epsabs, tol.epsrel, tol.limit);
      resume = k.qags_resume;
    } else {
      ws = arena.alloc(qagsSize(k, tol.limit));
      task = k.qags_init(ws, a, b, tol.epsabs, tol.epsrel, tol.limit);
      resume = k.qags_resume;
    }
    freshViews(memory);
    const iBase = (ws + I32_BASE) >> 2;
    const xBase = i32View[iBase + I_XPTR]! >> 3;
    const fBase = i32View[iBase + I_FPTR]! >> 3;
    let neval = 0;
    const xs = batch === null ? null : new Float64Array(Math.max(60, i32View[iBase + I_NNODES]!));
    const fs = xs === null ? null : new Float64Array(xs.length);
    while (task === TASK_NEED_F) {
      const n = i32View[iBase + I_NNODES]!;
      let bad: number;
      if (batch === null) bad = evalBatch(f, memory, xBase, fBase, n);
      else {
        xs!.set(f64View.subarray(xBase, xBase + n));
        bad = batch(xs!, n, fs!);
        if (bad < 0) {
          freshViews(memory);
          f64View.set(fs!.subarray(0, n), fBase);
        }
      }
      if (bad >= 0) {
        out.value = NaN;
        out.abserr = NaN;
        out.neval = neval + bad + 1;
        out.status = STATUS_NON_FINITE;
        out.badX = badX;
        out.badValue = badValue;
        return;
      }
      neval += n;
      task = resume(ws);
    }
    freshViews(memory);
    const fw = ws >> 3;
    out.value = f64View[fw + F_RESULT]!;
    out.abserr = f64View[fw + F_ABSERR]!;
    out.neval = neval;
    out.status = i32View[iBase + I_IER]!;
  } finally {
    arena.release(mark);
  }
}

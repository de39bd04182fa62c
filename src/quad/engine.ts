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

/**
 * The raw WASM functions. The loader wraps every export in a rest-arguments shim; the
 * drivers take a fixed number of arguments, so the originals are called directly (this
 * loop crosses the boundary once per batch and the shim would cost as much as the batch).
 */
let kernelsFor: unknown = null;
let kernels: QuadExports | null = null;

function unwrap<F>(fn: F): F {
  return ((fn as { original?: F }).original ?? fn) as F;
}

function quadKernels(exports: unknown): QuadExports {
  if (kernelsFor !== exports || kernels === null) {
    const k = exports as QuadExports;
    kernels = {
      memory: k.memory,
      qags_workspace_size: unwrap(k.qags_workspace_size),
      qags_init: unwrap(k.qags_init),
      qagi_init: unwrap(k.qagi_init),
      qags_resume: unwrap(k.qags_resume),
      qagp_workspace_size: unwrap(k.qagp_workspace_size),
      qagp_init: unwrap(k.qagp_init),
      qagp_resume: unwrap(k.qagp_resume),
    };
    kernelsFor = exports;
  }
  return kernels;
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
  if (f64View.length === 0 || kernels === null || viewMemory !== memory) {
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
    while (task === TASK_NEED_F) {
      const n = i32View[iBase + I_NNODES]!;
      const bad = evalBatch(f, memory, xBase, fBase, n);
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

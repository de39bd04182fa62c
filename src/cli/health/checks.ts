/**
 * The health-check registry. Each kernel check solves a problem with a known answer and
 * verifies it; a check whose export does not exist in this build is skipped (listed with
 * the reason), so an area's check switches itself on when the area lands. The signatures
 * below are those of the public API contract (api.md), declared locally because an area
 * may not be merged yet.
 */
import os from 'node:os';
import { statfs } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type Status = 'ok' | 'warn' | 'fail';
/** numeric and module failures make the system unhealthy; resource failures degrade it. */
export type Kind = 'module' | 'numeric' | 'integration' | 'resource' | 'service';

export interface Outcome {
  status: Status;
  message: string;
}

/** What the checks look at; tests replace any part to inject failures. */
export interface HealthContext {
  /** The public API (`scicomp`), loosely typed: areas may be absent. */
  library: () => Promise<Record<string, unknown>>;
  /** `scicomp/workflow`. */
  workflow: () => Promise<Record<string, unknown>>;
  /** `scicomp/metrics`. */
  metrics: () => Promise<Record<string, unknown>>;
  resources: () => Promise<ResourceReadings>;
  /** Percent at which a resource warns / fails. */
  warnAt: number;
  failAt: number;
}

export interface ResourceReadings {
  /** Each a fraction in [0, 1] of its budget, with what it measured. */
  memory: { used: number; detail: string };
  load: { used: number; detail: string };
  disk: { used: number; detail: string };
  eventLoop: { used: number; detail: string };
}

export interface HealthCheck {
  name: string;
  kind: Kind;
  /** The export(s) the check needs: absent means skipped, with this reason. */
  needs?: (ctx: HealthContext) => Promise<string | null>;
  run: (ctx: HealthContext) => Promise<Outcome> | Outcome;
}

// ---- helpers ---------------------------------------------------------------------------

const ok = (message: string): Outcome => ({ status: 'ok', message });
const fail = (message: string): Outcome => ({ status: 'fail', message });

function fn<T>(mod: Record<string, unknown>, name: string): T {
  return mod[name] as T;
}

async function needsExports(load: () => Promise<Record<string, unknown>>, from: string, names: string[]): Promise<string | null> {
  let mod: Record<string, unknown>;
  try {
    mod = await load();
  } catch (err) {
    return `${from} did not load: ${err instanceof Error ? err.message : String(err)}`;
  }
  const missing = names.filter((n) => typeof mod[n] !== 'function');
  return missing.length ? `${from} does not export ${missing.join(', ')} yet` : null;
}

const lib = (names: string[]) => (ctx: HealthContext) => needsExports(ctx.library, 'scicomp', names);

/** A fixed, well-conditioned test matrix: diagonally dominant, entries from a sine. */
function testMatrix(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? n + 1 : Math.sin(1 + 7 * i + 3 * j))),
  );
}

function sci(x: number): string {
  return x.toExponential(1);
}

// ---- the checks ------------------------------------------------------------------------

export const wasmLoad: HealthCheck = {
  name: 'wasm.load',
  kind: 'module',
  async run(ctx) {
    const mod = await ctx.library();
    const features = fn<() => { simd: boolean; version: string }>(mod, 'features');
    if (typeof features !== 'function') return fail('scicomp does not export features()');
    const f = features();
    return ok(`${f.simd ? 'SIMD' : 'scalar'} build loaded (version ${f.version})`);
  },
};

type Vec = ArrayLike<number>;
type Mat = { rows: number; cols: number; data: Float64Array };

export const linalgSolve: HealthCheck = {
  name: 'linalg.solve',
  kind: 'numeric',
  needs: lib(['solve']),
  async run(ctx) {
    const solve = fn<(A: number[][], b: number[]) => Vec>(await ctx.library(), 'solve');
    const n = 40;
    const A = testMatrix(n);
    const b = Array.from({ length: n }, (_, i) => Math.cos(i));
    const x = solve(A, b);
    if (!x || x.length !== n) return fail(`solve returned ${x?.length ?? 'nothing'} values for n = ${n}`);
    let r = 0, nx = 0, nA = 0, nb = 0;
    for (let i = 0; i < n; i++) {
      let s = -b[i]!, rowSum = 0;
      for (let j = 0; j < n; j++) {
        s += A[i]![j]! * x[j]!;
        rowSum += Math.abs(A[i]![j]!);
      }
      r = Math.max(r, Math.abs(s));
      nA = Math.max(nA, rowSum);
      nx = Math.max(nx, Math.abs(x[i]!));
      nb = Math.max(nb, Math.abs(b[i]!));
    }
    const backward = r / (nA * nx + nb);
    if (!(backward < 1e-13)) return fail(`solve n=${n}: backward error ${sci(backward)} is above 1e-13`);
    return ok(`solve n=${n}: backward error ${sci(backward)}`);
  },
};

/** The second-difference matrix tridiag(-1, 2, -1) has eigenvalues 2 - 2 cos(kπ/(n+1)). */
export const linalgEigh: HealthCheck = {
  name: 'linalg.eigh',
  kind: 'numeric',
  needs: lib(['eigh']),
  async run(ctx) {
    const eigh = fn<(A: number[][], o?: { vectors?: boolean }) => { values: Vec }>(await ctx.library(), 'eigh');
    const n = 20;
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)));
    const { values } = eigh(A);
    if (!values || values.length !== n) return fail(`eigh returned ${values?.length ?? 'no'} values for n = ${n}`);
    let err = 0;
    for (let k = 1; k <= n; k++) err = Math.max(err, Math.abs(values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / (n + 1)))));
    if (!(err < 1e-12)) return fail(`eigh of tridiag(-1, 2, -1), n=${n}: eigenvalue error ${sci(err)} is above 1e-12`);
    return ok(`eigh of tridiag(-1, 2, -1), n=${n}: eigenvalue error ${sci(err)}`);
  },
};

/** A rotation-scaling block and a real eigenvalue: 1 ± 2i and 3. */
export const linalgEig: HealthCheck = {
  name: 'linalg.eig',
  kind: 'numeric',
  needs: lib(['eig']),
  async run(ctx) {
    const eig = fn<(A: number[][], o?: { vectors?: boolean }) => { values: { re: Vec; im: Vec } }>(await ctx.library(), 'eig');
    const { values } = eig([[1, 2, 0], [-2, 1, 0], [0, 0, 3]]);
    const got = Array.from({ length: values?.re?.length ?? 0 }, (_, i) => [values.re[i]!, values.im[i]!] as const).sort(
      (p, q) => p[0] - q[0] || q[1] - p[1],
    );
    const want = [[1, 2], [1, -2], [3, 0]] as const;
    if (got.length !== 3) return fail(`eig returned ${got.length} eigenvalues for a 3x3 matrix`);
    const err = Math.max(...want.map((w, i) => Math.hypot(got[i]![0] - w[0], got[i]![1] - w[1])));
    if (!(err < 1e-12)) return fail(`eig of a 3x3 with eigenvalues 1±2i, 3: error ${sci(err)} is above 1e-12`);
    return ok(`eig of a 3x3 with eigenvalues 1±2i, 3: error ${sci(err)}`);
  },
};

export const odeSolveIvp: HealthCheck = {
  name: 'ode.solveIvp',
  kind: 'numeric',
  needs: lib(['solveIvp']),
  async run(ctx) {
    type Res = { success: boolean; message: string; t: Vec; y: Vec[] };
    const solveIvp = fn<(f: (t: number, y: Float64Array, d: Float64Array) => void, s: [number, number], y0: number[], o?: object) => Res>(
      await ctx.library(),
      'solveIvp',
    );
    const r = solveIvp((_t, y, d) => { d[0] = -y[0]!; }, [0, 1], [1], { rtol: 1e-10, atol: 1e-12 });
    if (!r?.success) return fail(`y' = -y on [0, 1] did not succeed: ${r?.message}`);
    const last = r.y?.[0]?.[(r.t?.length ?? 0) - 1];
    const err = Math.abs((last ?? NaN) - Math.exp(-1));
    if (!(err < 1e-8)) return fail(`y' = -y, y(0) = 1: |y(1) - e^-1| = ${sci(err)} is above 1e-8`);
    return ok(`y' = -y, y(0) = 1: |y(1) - e^-1| = ${sci(err)}`);
  },
};

export const optimizeMinimize: HealthCheck = {
  name: 'optimize.minimize',
  kind: 'numeric',
  needs: lib(['minimize']),
  async run(ctx) {
    type Res = { success: boolean; message: string; x: Vec; nit: number };
    const minimize = fn<(f: (x: Float64Array, g?: Float64Array) => number, x0: number[], o?: object) => Res>(await ctx.library(), 'minimize');
    const rosen = (x: Float64Array, g?: Float64Array) => {
      const a = 1 - x[0]!, b = x[1]! - x[0]! * x[0]!;
      if (g) {
        g[0] = -2 * a - 400 * x[0]! * b;
        g[1] = 200 * b;
      }
      return a * a + 100 * b * b;
    };
    const r = minimize(rosen, [-1.2, 1], { jac: true });
    if (!r?.success) return fail(`Rosenbrock from (-1.2, 1) did not converge: ${r?.message}`);
    const err = Math.hypot(r.x[0]! - 1, r.x[1]! - 1);
    if (!(err < 1e-4)) return fail(`Rosenbrock from (-1.2, 1) ended ${sci(err)} from (1, 1)`);
    return ok(`Rosenbrock from (-1.2, 1) reached (1, 1) within ${sci(err)} in ${r.nit} iterations`);
  },
};

export const quadQuad: HealthCheck = {
  name: 'quad.quad',
  kind: 'numeric',
  needs: lib(['quad']),
  async run(ctx) {
    const quad = fn<(f: (x: number) => number, a: number, b: number) => { value: number; success: boolean; message: string }>(
      await ctx.library(),
      'quad',
    );
    const r = quad(Math.sin, 0, Math.PI);
    const err = Math.abs((r?.value ?? NaN) - 2);
    if (!r?.success || !(err < 1e-10)) return fail(`∫₀^π sin x dx = ${r?.value} (want 2, error ${sci(err)})${r?.success ? '' : `: ${r?.message}`}`);
    return ok(`∫₀^π sin x dx = 2 within ${sci(err)}`);
  },
};

export const quadDblquad: HealthCheck = {
  name: 'quad.dblquad',
  kind: 'numeric',
  needs: lib(['dblquad']),
  async run(ctx) {
    type F = (f: (x: number, y: number) => number, xa: number, xb: number, ya: number, yb: number) => { value: number; success: boolean; message: string };
    const r = fn<F>(await ctx.library(), 'dblquad')((x, y) => x * y * y, 0, 1, 0, 2);
    const want = 4 / 3;
    const err = Math.abs((r?.value ?? NaN) - want);
    if (!r?.success || !(err < 1e-10)) return fail(`∫₀¹∫₀² x y² dy dx = ${r?.value} (want 4/3, error ${sci(err)})`);
    return ok(`∫₀¹∫₀² x y² dy dx = 4/3 within ${sci(err)}`);
  },
};

/** A two-step dependent workflow: det(A) then solve(A, b) scaled by it. */
export const workflowRun: HealthCheck = {
  name: 'workflow.run',
  kind: 'integration',
  needs: (ctx) => needsExports(ctx.workflow, 'scicomp/workflow', ['createWorkflow']),
  async run(ctx) {
    type Wf = { run: (o?: object) => Promise<{ success: boolean; status: string; results: Record<string, unknown>; steps: Record<string, { error?: string }> }> };
    const createWorkflow = fn<(def: object) => Wf>(await ctx.workflow(), 'createWorkflow');
    const wf = createWorkflow({
      name: 'health',
      steps: {
        first: { run: () => 6 },
        second: { run: (c: { results: Record<string, number> }) => (c.results.first ?? NaN) * 7, dependsOn: ['first'] },
      },
    });
    const r = await wf.run({ mode: 'sequential' });
    if (!r.success) return fail(`a two-step workflow ended ${r.status}: ${Object.values(r.steps).map((s) => s.error).filter(Boolean).join('; ')}`);
    if (r.results.second !== 42) return fail(`a two-step workflow returned ${String(r.results.second)}, want 42`);
    return ok('a two-step dependent workflow ran (6 * 7 = 42)');
  },
};

/** The metrics layer renders its registry in the Prometheus text format. */
export const metricsRender: HealthCheck = {
  name: 'metrics.render',
  kind: 'integration',
  needs: (ctx) => needsExports(ctx.metrics, 'scicomp/metrics', ['createMetrics']),
  async run(ctx) {
    type M = { registry: { metrics: () => Promise<string> | string } };
    const m = fn<(o?: object) => M>(await ctx.metrics(), 'createMetrics')();
    const text = await m.registry.metrics();
    if (typeof text !== 'string' || !/^# (HELP|TYPE) /m.test(text)) return fail('the metrics registry did not render Prometheus text');
    return ok(`the metrics registry rendered ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples`);
  },
};

function resourceCheck(name: string, pick: (r: ResourceReadings) => { used: number; detail: string }): HealthCheck {
  return {
    name,
    kind: 'resource',
    async run(ctx) {
      const { used, detail } = pick(await ctx.resources());
      const pct = used * 100;
      const text = `${detail} (${pct.toFixed(1)}%)`;
      if (!Number.isFinite(pct)) return { status: 'warn', message: `${name}: not measured (${detail})` };
      if (pct > ctx.failAt) return { status: 'fail', message: `${text} is over ${ctx.failAt}%` };
      if (pct > ctx.warnAt) return { status: 'warn', message: `${text} is over ${ctx.warnAt}%` };
      return ok(text);
    },
  };
}

export const REGISTRY: readonly HealthCheck[] = [
  wasmLoad,
  linalgSolve,
  linalgEigh,
  linalgEig,
  odeSolveIvp,
  optimizeMinimize,
  quadQuad,
  quadDblquad,
  workflowRun,
  metricsRender,
  resourceCheck('resource.memory', (r) => r.memory),
  resourceCheck('resource.load', (r) => r.load),
  resourceCheck('resource.disk', (r) => r.disk),
  resourceCheck('resource.event-loop', (r) => r.eventLoop),
];

// ---- resource readings -------------------------------------------------------------------

/** Event-loop delay budget: a p99 delay of this many ms counts as 100%. */
export const EVENT_LOOP_BUDGET_MS = 100;

async function memAvailable(): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(await readFile('/proc/meminfo', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

export async function readResources(diskPath: string): Promise<ResourceReadings> {
  const total = os.totalmem();
  // MemAvailable counts reclaimable cache as free, as `free` does; os.freemem() does not.
  const avail = (await memAvailable()) ?? os.freemem();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const load1 = os.loadavg()[0] ?? 0;

  let disk: ResourceReadings['disk'];
  try {
    const s = await statfs(diskPath);
    const size = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    disk = { used: size > 0 ? 1 - free / size : NaN, detail: `disk at ${diskPath}: ${gib(free)} free of ${gib(size)}` };
  } catch (err) {
    disk = { used: NaN, detail: `statfs ${diskPath} failed: ${err instanceof Error ? err.message : String(err)}` };
  }

  // The histogram records whole timer intervals: the delay is what exceeds the resolution.
  const resolution = 10;
  const h = monitorEventLoopDelay({ resolution });
  h.enable();
  await new Promise((r) => setTimeout(r, 200));
  h.disable();
  const p99 = Math.max(0, h.percentile(99) / 1e6 - resolution);

  return {
    memory: { used: 1 - avail / total, detail: `memory: ${gib(avail)} available of ${gib(total)}` },
    load: { used: load1 / cores, detail: `load: ${load1.toFixed(2)} over 1 min on ${cores} cores` },
    disk,
    eventLoop: { used: p99 / EVENT_LOOP_BUDGET_MS, detail: `event-loop delay: p99 ${p99.toFixed(1)} ms of a ${EVENT_LOOP_BUDGET_MS} ms budget` },
  };
}

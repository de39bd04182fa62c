import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HealthContext, type ResourceReadings, readResources } from '../health/checks.js';
import type { HealthReport } from '../health/health.js';
import type { MainHooks } from '../main.js';
import { run } from './helpers.js';

const calm = (used = 0.1): ResourceReadings => ({
  memory: { used, detail: 'memory' },
  load: { used, detail: 'load' },
  disk: { used, detail: 'disk' },
  eventLoop: { used, detail: 'event loop' },
});

/** Dense Gaussian elimination with partial pivoting, to stand in for the real solve. */
function jsSolve(A: number[][], b: number[]): Float64Array {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i]![k]!) > Math.abs(M[p]![k]!)) p = i;
    [M[k], M[p]] = [M[p]!, M[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = M[i]![k]! / M[k]![k]!;
      for (let j = k; j <= n; j++) M[i]![j]! -= f * M[k]![j]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= M[i]![j]! * x[j]!;
    x[i] = s / M[i]![i]!;
  }
  return x;
}

/** A stand-in library giving the right answers, or answers off by `bias`. */
function fakeLibrary(bias = 0): Record<string, unknown> {
  return {
    features: () => ({ simd: true, threads: false, version: 'test' }),
    solve: (A: number[][], b: number[]) => jsSolve(A, b).map((v) => v + bias),
    eigh: (A: number[][]) => {
      const n = A.length;
      return { values: Float64Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)) + bias) };
    },
    eig: () => ({ values: { re: Float64Array.of(1, 1, 3 + bias), im: Float64Array.of(2, -2, 0) } }),
    solveIvp: () => ({ success: true, message: '', t: Float64Array.of(0, 1), y: [Float64Array.of(1, Math.exp(-1) + bias)] }),
    minimize: () => ({ success: true, message: '', x: Float64Array.of(1 + 1000 * bias, 1), nit: 30 }),
    quad: () => ({ value: 2 + bias, success: true, message: '' }),
    dblquad: () => ({ value: 4 / 3 + bias, success: true, message: '' }),
  };
}

function hooks(context: Partial<HealthContext>): MainHooks {
  return {
    health: {
      context: {
        resources: async () => calm(),
        workflow: async () => ({}),
        metrics: async () => ({}),
        ...context,
      },
    },
  };
}

async function health(args: string[], h: MainHooks) {
  const r = await run(['health', '--json', ...args], h);
  return { ...r, report: JSON.parse(r.out) as HealthReport };
}

describe('scicomp health', () => {
  it('is healthy (exit 0) with the library under test, listing areas not in this build as skipped', async () => {
    const lib = (await import('../../index.js')) as unknown as Record<string, unknown>;
    const { code, report } = await health([], hooks({ library: async () => lib }));
    expect(code).toBe(0);
    expect(report.status).toBe('healthy');
    const load = report.checks.find((c) => c.name === 'wasm.load')!;
    expect(load.status).toBe('ok');
    expect(load.message).toMatch(/^(SIMD|scalar) build loaded/);
    for (const c of report.checks) {
      expect(typeof c.message).toBe('string');
      expect(c.durationMs).toBeGreaterThanOrEqual(0);
    }
    const names = [...report.checks.map((c) => c.name), ...report.skipped.map((s) => s.name)];
    expect(names).toEqual(expect.arrayContaining(['linalg.solve', 'linalg.eigh', 'linalg.eig', 'ode.solveIvp', 'optimize.minimize', 'quad.quad', 'workflow.run', 'resource.memory', 'resource.load', 'resource.disk', 'resource.event-loop']));
    for (const s of report.skipped) expect(s.reason).toMatch(/does not export .* yet$/);
  });

  it('passes every kernel check when the answers are right', async () => {
    const { code, report } = await health([], hooks({ library: async () => fakeLibrary() }));
    expect(report.skipped.filter((s) => s.name.startsWith('linalg') || s.name.startsWith('ode') || s.name.startsWith('optimize') || s.name.startsWith('quad'))).toEqual([]);
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(code).toBe(0);
  });

  it('is unhealthy (exit 1) when every kernel answer is slightly wrong, naming each', async () => {
    const { code, report, out } = await health([], hooks({ library: async () => fakeLibrary(1e-6) }));
    expect(code).toBe(1);
    expect(report.status).toBe('unhealthy');
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name).sort();
    expect(failed).toEqual(['linalg.eig', 'linalg.eigh', 'linalg.solve', 'ode.solveIvp', 'optimize.minimize', 'quad.dblquad', 'quad.quad']);
    expect(out).toContain('is above 1e-13');
  });

  it('is unhealthy when the module does not load or a check throws', async () => {
    const broken = { features: () => { throw new Error('WebAssembly.Module(): section too large'); } };
    const a = await health([], hooks({ library: async () => broken }));
    expect(a.code).toBe(1);
    expect(a.report.checks.find((c) => c.name === 'wasm.load')).toMatchObject({ status: 'fail', message: 'threw: WebAssembly.Module(): section too large' });
    const throwing = { ...fakeLibrary(), quad: () => { throw new RangeError('quad: a must be finite'); } };
    const b = await health([], hooks({ library: async () => throwing }));
    expect(b.code).toBe(1);
    expect(b.report.checks.find((c) => c.name === 'quad.quad')?.message).toBe('threw: quad: a must be finite');
  });

  it('is degraded (exit 2) when a resource is over 85%, and still degraded when one is over 95%', async () => {
    const warm = await health([], hooks({ library: async () => fakeLibrary(), resources: async () => ({ ...calm(), load: { used: 0.9, detail: 'load' } }) }));
    expect(warm.code).toBe(2);
    expect(warm.report.checks.find((c) => c.name === 'resource.load')).toMatchObject({ status: 'warn', message: 'load (90.0%) is over 85%' });
    const hot = await health([], hooks({ library: async () => fakeLibrary(), resources: async () => ({ ...calm(), disk: { used: 0.97, detail: 'disk' } }) }));
    expect(hot.code).toBe(2);
    expect(hot.report.status).toBe('degraded');
    expect(hot.report.checks.find((c) => c.name === 'resource.disk')).toMatchObject({ status: 'fail', message: 'disk (97.0%) is over 95%' });
    const custom = await health(['--warn-at', '5', '--fail-at', '50'], hooks({ library: async () => fakeLibrary() }));
    expect(custom.report.checks.filter((c) => c.kind === 'resource').every((c) => c.status === 'warn')).toBe(true);
  });

  it('prints a table without --json and rejects --warn-at not below --fail-at', async () => {
    const r = await run(['health'], hooks({ library: async () => fakeLibrary() }));
    expect(r.out).toMatch(/^status\s+check\s+time\s+message/);
    expect(r.out).toContain('healthy (exit 0)');
    const bad = await run(['health', '--warn-at', '90', '--fail-at', '80'], hooks({}));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--warn-at (90) must be below --fail-at (80)');
  });

  it('measures memory, load, disk and event-loop delay as fractions of their budgets', async () => {
    const r = await readResources(process.cwd());
    for (const k of ['memory', 'disk'] as const) {
      expect(r[k].used).toBeGreaterThan(0);
      expect(r[k].used).toBeLessThan(1);
    }
    expect(r.load.used).toBeGreaterThanOrEqual(0);
    expect(r.eventLoop.used).toBeGreaterThanOrEqual(0);
    expect(r.disk.detail).toMatch(/GiB free of/);
  });
});

describe('scicomp health --url', () => {
  let server: Server;
  let base = '';
  let reply: { code: number; body: string } = { code: 200, body: '{"status":"ok"}' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? reply.code : 404, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('maps the endpoint to exit 0, 2 and 1', async () => {
    reply = { code: 200, body: '{"status":"ok"}' };
    expect((await health(['--url', base], {})).code).toBe(0);
    reply = { code: 200, body: '{"status":"degraded"}' };
    expect((await health(['--url', base], {})).code).toBe(2);
    reply = { code: 503, body: '{"status":"unhealthy"}' };
    const down = await health(['--url', base], {});
    expect(down.code).toBe(1);
    expect(down.report.checks[0]!.message).toBe(`${base}/health: HTTP 503 (unhealthy)`);
  });

  it('is unhealthy when nothing listens, and rejects a URL that is not http', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await health(['--url', `http://127.0.0.1:${port}`], {});
    expect(r.code).toBe(1);
    expect(r.report.checks[0]!.message).toContain('unreachable (ECONNREFUSED)');
    expect((await run(['health', '--url', 'ftp://x'], {})).code).toBe(2);
  });
});

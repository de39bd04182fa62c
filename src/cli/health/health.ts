/**
 * `scicomp health`: run the registry's checks and sum them up. Exit codes as the seed:
 * 0 healthy, 2 degraded (warnings only, or a resource failure), 1 unhealthy (a numeric
 * answer is wrong, a check threw, or the module does not load).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Io, EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { table } from '../bench/format.js';
import { loadBuiltLibrary, packageRoot, packageVersion } from '../root.js';
import { type HealthCheck, type HealthContext, type Kind, type Status, REGISTRY, readResources } from './checks.js';

export const EXIT_DEGRADED = 2;

export interface CheckResult {
  name: string;
  kind: Kind;
  status: Status;
  message: string;
  durationMs: number;
}

export interface HealthReport {
  tool: 'scicomp health';
  format: 1;
  status: 'healthy' | 'degraded' | 'unhealthy';
  exitCode: number;
  version: string;
  node: string;
  checks: CheckResult[];
  /** Checks whose area is not in this build (yet). */
  skipped: { name: string; reason: string }[];
  target?: string;
}

export interface HealthOptions {
  json: boolean;
  url?: string;
  warnAt: number;
  failAt: number;
  timeout: number;
}

/** Test hooks: replace any part of the context, or the registry. */
export interface HealthHooks {
  context?: Partial<HealthContext>;
  registry?: readonly HealthCheck[];
}

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= f());
}

async function importDist(sub: string): Promise<Record<string, unknown>> {
  // scicomp-audit-allow dynamic-module-path: this package's own built subpath
  return (await import(pathToFileURL(join(packageRoot(), 'dist', sub, 'index.js')).href)) as Record<string, unknown>;
}

function defaultContext(io: Io, o: HealthOptions): HealthContext {
  return {
    library: once(async () => (await loadBuiltLibrary()) as unknown as Record<string, unknown>),
    workflow: once(() => importDist('workflow')),
    metrics: once(() => importDist('metrics')),
    resources: once(() => readResources(resolve(io.cwd))),
    warnAt: o.warnAt,
    failAt: o.failAt,
  };
}

export function summarize(checks: CheckResult[]): Pick<HealthReport, 'status' | 'exitCode'> {
  const unhealthy = checks.some((c) => c.status === 'fail' && c.kind !== 'resource');
  if (unhealthy) return { status: 'unhealthy', exitCode: EXIT_FAILURE };
  if (checks.some((c) => c.status !== 'ok')) return { status: 'degraded', exitCode: EXIT_DEGRADED };
  return { status: 'healthy', exitCode: EXIT_OK };
}

export async function runChecks(ctx: HealthContext, registry: readonly HealthCheck[]): Promise<Omit<HealthReport, 'tool' | 'format' | 'version' | 'node' | 'status' | 'exitCode'>> {
  const checks: CheckResult[] = [];
  const skipped: HealthReport['skipped'] = [];
  for (const check of registry) {
    const t0 = performance.now();
    try {
      const reason = check.needs ? await check.needs(ctx) : null;
      if (reason) {
        skipped.push({ name: check.name, reason });
        continue;
      }
      const { status, message } = await check.run(ctx);
      checks.push({ name: check.name, kind: check.kind, status, message, durationMs: performance.now() - t0 });
    } catch (err) {
      const message = `threw: ${err instanceof Error ? err.message : String(err)}`;
      checks.push({ name: check.name, kind: check.kind, status: 'fail', message, durationMs: performance.now() - t0 });
    }
  }
  return { checks, skipped };
}

/** `--url`: a running service's health endpoint instead of the local checks. */
async function remote(url: string, timeout: number): Promise<CheckResult> {
  const t0 = performance.now();
  const target = /^https?:\/\/[^/]+\/?$/.test(url) ? url.replace(/\/?$/, '/health') : url;
  const done = (status: Status, message: string): CheckResult => ({ name: 'service', kind: 'service', status, message: `${target}: ${message}`, durationMs: performance.now() - t0 });
  try {
    const res = await fetch(target, { signal: AbortSignal.timeout(timeout), headers: { accept: 'application/json' } });
    const text = await res.text();
    let body: { status?: unknown } | null = null;
    try {
      body = JSON.parse(text) as { status?: unknown };
    } catch {
      body = null;
    }
    const said = typeof body?.status === 'string' ? body.status : null;
    if (!res.ok) return done('fail', `HTTP ${res.status}${said ? ` (${said})` : ''}`);
    if (said === 'degraded' || said === 'warn') return done('warn', `HTTP ${res.status}, status ${said}`);
    if (said === 'unhealthy' || said === 'fail' || said === 'down') return done('fail', `HTTP ${res.status}, status ${said}`);
    return done('ok', `HTTP ${res.status}${said ? `, status ${said}` : ''}`);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return done('fail', `unreachable (${cause ?? (err instanceof Error ? err.message : String(err))})`);
  }
}

export async function runHealth(o: HealthOptions, io: Io, hooks: HealthHooks = {}): Promise<number> {
  if (!(o.warnAt < o.failAt)) throw new UsageError(`health: --warn-at (${o.warnAt}) must be below --fail-at (${o.failAt})`);
  let part: Omit<HealthReport, 'tool' | 'format' | 'version' | 'node' | 'status' | 'exitCode'>;
  if (o.url) {
    if (!/^https?:\/\//.test(o.url)) throw new UsageError(`health: --url must be an http(s) URL, got ${o.url}`);
    part = { checks: [await remote(o.url, o.timeout)], skipped: [], target: o.url };
  } else {
    const ctx = { ...defaultContext(io, o), ...hooks.context };
    part = await runChecks(ctx, hooks.registry ?? REGISTRY);
  }
  const report: HealthReport = {
    tool: 'scicomp health',
    format: 1,
    ...summarize(part.checks),
    version: packageVersion(),
    node: process.version,
    ...part,
  };
  if (o.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(formatHealth(report));
  return report.exitCode;
}

export function formatHealth(r: HealthReport): string {
  const rows = r.checks.map((c) => [c.status, c.name, `${c.durationMs.toFixed(0)} ms`, c.message]);
  let out = table(['status', 'check', 'time', 'message'], rows, new Set([2]));
  for (const s of r.skipped) out += `skipped  ${s.name}: ${s.reason}\n`;
  out += `\n${r.status} (exit ${r.exitCode})\n`;
  return out;
}

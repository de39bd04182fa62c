/**
 * The bench runner (parent side). It discovers `bench/cases/*.mjs`, then runs every
 * (case, implementation) pair in a fresh child process, case by case with the
 * implementations of a case one after another (interleaved), so no two libraries ever
 * share a process and a slow drift of the machine hits every implementation alike.
 * See docs/design/bench.md for the case contract and docs/cli.md for the options.
 */
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Io, EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { packageRoot } from '../root.js';
import { environment } from './environment.js';
import { formatReport, formatTime } from './format.js';
import type { BenchCase, BenchReport, Job, PairResult, Regression } from './types.js';

export interface BenchOptions {
  /** Folder of `*.mjs` suites (default: the package's bench/cases). */
  cases?: string;
  filter?: string;
  /** ms per task (tinybench time budget). */
  time: number;
  /** Minimum samples per task. */
  iterations: number;
  /** false: scicomp only; true: every installed peer; a list: those peers. */
  peers: boolean | string[];
  /** true: JSON to stdout instead of the table; a path: write the JSON report there. */
  json?: string | true;
  baseline?: string;
  /** Percent. */
  maxRegression: number;
  /** ms one child may take before it is killed. */
  timeout: number;
  /** The child entry (tests point it at a freshly bundled one). */
  childScript?: string;
}

export const DEFAULTS = { time: 1000, iterations: 5, maxRegression: 10, timeout: 600_000 } as const;

interface Suite {
  file: string;
  cases: BenchCase[];
  error?: string;
}

export async function discover(dir: string): Promise<Suite[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const suites: Suite[] = [];
  for (const f of files) {
    const file = join(dir, f);
    try {
      // scicomp-audit-allow dynamic-module-path: loads the suites in the cases folder
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      if (!Array.isArray(mod.default)) throw new TypeError('the default export must be an array of cases');
      suites.push({ file, cases: mod.default as BenchCase[] });
    } catch (err) {
      suites.push({ file, cases: [], error: err instanceof Error ? err.message : String(err) });
    }
  }
  return suites;
}

/**
 * The npm packages an implementation key may name, most specific first: `mathjs`;
 * `ml-matrix` in `ml-matrix (EVD)`; `numeric` in `numeric.dopri` (but `lodash.merge`
 * is tried whole first).
 */
export function peerPackages(impl: string): string[] {
  const names = [impl, impl.split(/[\s(]/)[0] ?? impl, impl.split(/[\s(.:]/)[0] ?? impl];
  return [...new Set(names.filter(Boolean))];
}

/** Whether `pkg` is installed where `fromFile` would resolve it (node_modules upwards). */
export function isInstalled(pkg: string, fromFile: string): boolean {
  let dir = dirname(fromFile);
  for (;;) {
    if (existsSync(join(dir, 'node_modules', pkg, 'package.json'))) return true;
    const up = dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}

function matcher(filter: string | undefined): (c: BenchCase) => boolean {
  if (!filter) return () => true;
  let re: RegExp | null = null;
  try {
    re = new RegExp(filter, 'i');
  } catch {
    re = null;
  }
  const lower = filter.toLowerCase();
  return (c) => c.name.toLowerCase().includes(lower) || c.area === filter || (re?.test(c.name) ?? false);
}

function runInChild(job: Job, script: string, timeout: number, io: Io): Promise<PairResult> {
  return new Promise((done) => {
    const base = { case: job.caseName, area: '', impl: job.impl };
    let result: PairResult | null = null;
    let tail = '';
    // scicomp-audit-allow child-process-command: the bench child entry of this package
    const child = fork(script, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [], serialization: 'advanced' });
    // A case's own output must not reach stdout (the report goes there).
    const relay = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      io.stderr(text);
    };
    child.stdout?.on('data', relay);
    child.stderr?.on('data', relay);
    const timer = setTimeout(() => {
      result ??= { ...base, status: 'failed', error: `timeout: no result after ${formatTime(timeout)}` };
      child.kill('SIGKILL');
    }, timeout);
    child.on('message', (m) => {
      result ??= m as PairResult;
    });
    child.on('error', (err) => {
      result ??= { ...base, status: 'failed', error: `child: ${err.message}` };
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = tail.trim().split('\n').slice(-1)[0] ?? '';
      done(result ?? { ...base, status: 'failed', error: `child: exited with ${signal ?? `code ${code}`} before reporting${last ? ` (${last})` : ''}` });
    });
    child.send(job);
  });
}

/** Fill ratio, GFLOP/s and floor ratio from the medians. */
export function derive(results: PairResult[]): void {
  const base = new Map(results.filter((r) => r.impl === 'scicomp' && r.stats).map((r) => [r.case, r.stats!.p50]));
  for (const r of results) {
    if (!r.stats) continue;
    const b = base.get(r.case);
    if (r.impl !== 'scicomp' && b !== undefined && b > 0) r.ratio = r.stats.p50 / b;
    if (typeof r.flops === 'number' && r.stats.p50 > 0) r.gflops = r.flops / (r.stats.p50 * 1e6);
    if (r.floor && r.floor.p50 > 0) r.floorRatio = r.stats.p50 / r.floor.p50;
  }
}

/** Medians of scicomp that got slower than the baseline's by more than `maxRegression` percent. */
export function compareBaseline(current: PairResult[], baseline: BenchReport, maxRegression: number): Regression[] {
  const before = new Map(
    baseline.results.filter((r) => r.status === 'ok' && r.stats).map((r) => [`${r.case}\u0000${r.impl}`, r.stats!.p50]),
  );
  const out: Regression[] = [];
  for (const r of current) {
    if (r.impl !== 'scicomp' || r.status !== 'ok' || !r.stats) continue;
    const b = before.get(`${r.case}\u0000${r.impl}`);
    if (b === undefined || !(b > 0)) continue;
    const change = ((r.stats.p50 - b) / b) * 100;
    if (change > maxRegression) out.push({ case: r.case, impl: r.impl, baseline: b, current: r.stats.p50, change });
  }
  return out;
}

function readBaseline(path: string): BenchReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`bench: cannot read the baseline ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!data || typeof data !== 'object' || !Array.isArray((data as BenchReport).results))
    throw new UsageError(`bench: the baseline ${path} is not a scicomp bench report (no results array)`);
  return data as BenchReport;
}

export async function runBench(opts: BenchOptions, io: Io): Promise<number> {
  const root = packageRoot();
  const casesDir = opts.cases ? resolve(io.cwd, opts.cases) : join(root, 'bench', 'cases');
  if (opts.cases && !existsSync(casesDir)) throw new UsageError(`bench: the cases folder ${casesDir} does not exist`);
  const script = opts.childScript ?? join(root, 'dist', 'cli', 'bench-child.js');
  if (!existsSync(script)) throw new UsageError(`bench: the child entry ${script} is missing; run \`npm run build\``);
  const baseline = opts.baseline ? readBaseline(resolve(io.cwd, opts.baseline)) : null;

  const notes: string[] = [];
  const results: PairResult[] = [];
  // In declaration order: a result known up front (skipped, invalid) or a job to run.
  const plan: ({ done: PairResult } | { job: Job; area: string; flops?: number })[] = [];
  const wanted = matcher(opts.filter);
  const seen = new Set<string>();
  const suites = await discover(casesDir);
  if (suites.length === 0) notes.push(`no suites in ${casesDir}`);

  const peerNotes = new Set<string>();
  for (const suite of suites) {
    if (suite.error) {
      plan.push({ done: { case: suite.file, area: '', impl: '-', status: 'failed', error: `load: ${suite.error}` } });
      continue;
    }
    for (const c of suite.cases) {
      const name = typeof c?.name === 'string' ? c.name : '(unnamed)';
      if (typeof c?.name !== 'string' || typeof c.area !== 'string' || !c.impls || typeof c.impls !== 'object') {
        plan.push({ done: { case: name, area: '', impl: '-', status: 'failed', error: `invalid case in ${suite.file}: needs name, area and impls` } });
        continue;
      }
      if (!wanted(c)) continue;
      if (seen.has(c.name)) {
        plan.push({ done: { case: c.name, area: c.area, impl: '-', status: 'failed', error: `duplicate case name (again in ${suite.file})` } });
        continue;
      }
      seen.add(c.name);
      for (const impl of Object.keys(c.impls)) {
        const base = { case: c.name, area: c.area, impl };
        if (impl !== 'scicomp') {
          if (opts.peers === false) continue;
          const names = peerPackages(impl);
          if (Array.isArray(opts.peers) && !names.some((p) => (opts.peers as string[]).includes(p))) continue;
          const pkg = names.find((p) => isInstalled(p, suite.file)) ?? names[names.length - 1]!;
          if (!isInstalled(pkg, suite.file)) {
            plan.push({ done: { ...base, status: 'skipped', error: `${pkg} is not installed` } });
            peerNotes.add(pkg);
            continue;
          }
        }
        const job: Job = {
          file: suite.file,
          caseName: c.name,
          impl,
          time: opts.time,
          iterations: opts.iterations,
          warmupTime: Math.min(250, opts.time / 4),
          warmupIterations: Math.min(2, opts.iterations),
        };
        plan.push({ job, area: c.area, ...(typeof c.flops === 'number' ? { flops: c.flops } : {}) });
      }
    }
  }
  if (opts.filter && seen.size === 0 && suites.length > 0) throw new UsageError(`bench: no case matches --filter ${JSON.stringify(opts.filter)}`);
  if (peerNotes.size) notes.push(`peers not installed, skipped: ${[...peerNotes].sort().join(', ')} (npm install them to compare)`);
  if (opts.peers === false) notes.push('scicomp only; add --peers to run the installed peer libraries side by side');

  const total = plan.filter((p) => 'job' in p).length;
  let count = 0;
  for (const step of plan) {
    if ('done' in step) {
      results.push(step.done);
      continue;
    }
    const { job, area, flops } = step;
    io.stderr(`[${++count}/${total}] ${job.caseName} · ${job.impl} ... `);
    const r = await runInChild(job, script, opts.timeout, io);
    r.area ||= area;
    if (flops !== undefined) r.flops ??= flops;
    io.stderr(r.status === 'ok' ? `${formatTime(r.stats?.p50)} (${r.stats?.samples} samples)\n` : `${r.status}: ${r.error ?? ''}\n`);
    results.push(r);
  }
  derive(results);

  const report: BenchReport = {
    tool: 'scicomp bench',
    format: 1,
    environment: await environment(),
    options: { time: opts.time, iterations: opts.iterations, filter: opts.filter ?? null, peers: opts.peers },
    results,
    notes,
  };
  if (baseline) report.regressions = compareBaseline(results, baseline, opts.maxRegression);

  if (opts.json === true) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else {
    if (typeof opts.json === 'string') {
      const path = resolve(io.cwd, opts.json);
      writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
      io.stderr(`wrote ${path}\n`);
    }
    io.stdout(formatReport(report));
  }

  const failedOurs = results.filter((r) => r.status === 'failed' && (r.impl === 'scicomp' || r.impl === '-'));
  if (report.regressions?.length) {
    for (const g of report.regressions)
      io.stderr(`regression: ${g.case} median ${formatTime(g.baseline)} -> ${formatTime(g.current)} (+${g.change.toFixed(1)}% > ${opts.maxRegression}%)\n`);
  }
  if (failedOurs.length) io.stderr(`${failedOurs.length} scicomp case(s) failed\n`);
  return report.regressions?.length || failedOurs.length ? EXIT_FAILURE : EXIT_OK;
}

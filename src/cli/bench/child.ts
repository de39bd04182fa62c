/**
 * The child side of the bench runner: one process measures one (case, implementation)
 * pair, so libraries never share a process. It loads the suite, calls the factory, runs
 * once and checks the answer (a throw marks the pair failed and it is never timed), then
 * times `run()` (and `floor()` when given) with tinybench, warm-up first.
 */
import { pathToFileURL } from 'node:url';
import { Bench, type Statistics } from 'tinybench';
import type { BenchCase, Impl, Job, PairResult, Stats } from './types.js';

function message(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err);
}

/** A factory failing because its peer library cannot be found means "not installed". */
export function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

export function toStats(s: Statistics): Stats {
  return {
    samples: s.samplesCount,
    mean: s.mean,
    min: s.min,
    max: s.max,
    sd: s.sd,
    p50: s.p50,
    p99: s.p99,
    rme: s.rme,
    opsPerSec: s.mean > 0 ? 1000 / s.mean : Infinity,
  };
}

export async function runJob(job: Job): Promise<PairResult> {
  const result: PairResult = { case: job.caseName, area: '', impl: job.impl, status: 'failed' };
  const fail = (phase: string, err: unknown): PairResult => ({ ...result, status: 'failed', error: `${phase}: ${message(err)}` });

  let suite: BenchCase[];
  try {
    // scicomp-audit-allow dynamic-module-path: the suite the parent discovered
    suite = ((await import(pathToFileURL(job.file).href)) as { default: BenchCase[] }).default;
  } catch (err) {
    return fail('load', err);
  }
  const c = Array.isArray(suite) ? suite.find((x) => x?.name === job.caseName) : undefined;
  const factory = c?.impls?.[job.impl];
  if (!c || typeof factory !== 'function') return fail('load', `no implementation ${job.impl} of case ${job.caseName} in ${job.file}`);
  result.area = c.area;
  if (typeof c.flops === 'number') result.flops = c.flops;

  let impl: Impl;
  try {
    impl = await factory();
    if (typeof impl?.run !== 'function' || typeof impl.check !== 'function') throw new TypeError('the factory must return { run, check }');
  } catch (err) {
    if (job.impl !== 'scicomp' && isModuleNotFound(err)) return { ...result, status: 'skipped', error: `${job.impl} is not installed` };
    return fail('setup', err);
  }

  let answer: unknown;
  try {
    answer = await impl.run();
  } catch (err) {
    return fail('run', err);
  }
  try {
    await impl.check(answer);
  } catch (err) {
    return fail('check', err);
  }

  const bench = new Bench({
    time: job.time,
    iterations: job.iterations,
    warmup: true,
    warmupTime: job.warmupTime,
    warmupIterations: job.warmupIterations,
    throws: true,
  });
  bench.add('run', impl.run as () => unknown);
  if (typeof impl.floor === 'function') bench.add('floor', impl.floor as () => unknown);
  try {
    await bench.run();
  } catch (err) {
    return fail('timing', err);
  }
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state !== 'completed') return fail('timing', `${task.name} ended ${r.state}`);
    if (task.name === 'run') result.stats = toStats(r.latency);
    else result.floor = toStats(r.latency);
  }
  // Extra numbers a factory reports about one run (nfev, neval, steps...) go to the JSON.
  const counts = Object.entries(impl).filter(([k, v]) => !['run', 'check', 'floor'].includes(k) && typeof v === 'number');
  if (counts.length) result.counts = Object.fromEntries(counts) as Record<string, number>;
  return { ...result, status: 'ok' };
}

/** Wire `runJob` to the parent over the IPC channel (the bench-child bin). */
export function serveOneJob(): void {
  process.once('message', (job: Job) => {
    runJob(job)
      .catch((err: unknown): PairResult => ({ case: job.caseName, area: '', impl: job.impl, status: 'failed', error: `child: ${message(err)}` }))
      .then((res) => {
        process.send?.(res, () => {
          process.disconnect?.();
          // A case may leave timers or workers behind; the measurement is done.
          process.exit(0);
        });
      });
  });
}

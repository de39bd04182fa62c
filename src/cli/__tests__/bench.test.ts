import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBaseline, derive, peerPackages } from '../bench/runner.js';
import type { BenchReport, PairResult, Stats } from '../bench/types.js';
import { benchChild, removeScratch, run, scratch, writeSuite } from './helpers.js';

afterAll(removeScratch);

// Small budgets everywhere: these tests check what the runner reports, never how fast.
const FAST = ['--time', '0', '--iterations', '3'];

const SUITE = `
import { appendFileSync } from 'node:fs';
const log = process.env.SCICOMP_TEST_RUN_LOG;
const n = 200;
const xs = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
const sum = () => { let s = 0; for (let i = 0; i < n; i++) s += xs[i]; return s; };
export default [
  {
    name: 'sum n=200', area: 'demo', flops: n,
    impls: {
      scicomp: async () => ({
        run: sum,
        nfev: n,
        check: (s) => { if (!Number.isFinite(s)) throw new Error('not finite'); },
        floor: () => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; },
      }),
      'ml-matrix': async () => {
        const { Matrix } = await import('ml-matrix');
        const m = Matrix.rowVector(Array.from(xs));
        return { run: () => m.sum(), check: (s) => { if (Math.abs(s - sum()) > 1e-9) throw new Error('wrong sum'); } };
      },
      'no-such-peer-xyz': async () => ({ run: sum, check: () => {} }),
      'ml-matrix.sum': async () => ({ run: sum, check: () => {} }),
    },
  },
  {
    name: 'wrong answer', area: 'demo',
    impls: {
      scicomp: async () => ({
        run: () => { if (log) appendFileSync(log, 'run\\n'); return 1; },
        check: (x) => { if (x !== 2) throw new Error('expected 2, got ' + x); },
      }),
    },
  },
];
`;

let childScript = '';
let dir = '';
beforeAll(async () => {
  childScript = await benchChild();
  dir = scratch('suite');
  writeSuite(dir, 'demo.mjs', SUITE);
});

const bench = (args: string[]) => run(['bench', '--cases', dir, ...FAST, ...args], { benchChildScript: childScript });

describe('scicomp bench', () => {
  it('times a checked case and reports samples, mean, min, max, sd, p50, p99 and ops/s', async () => {
    const file = join(dir, 'report.json');
    const r = await bench(['--filter', 'sum', '--json', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sum n=200\s+scicomp/);
    expect(r.err).toMatch(/\[1\/1\] sum n=200 · scicomp/);
    const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
    const row = report.results.find((x) => x.impl === 'scicomp')!;
    expect(row.status).toBe('ok');
    const s = row.stats!;
    expect(s.samples).toBeGreaterThanOrEqual(3);
    for (const k of ['mean', 'min', 'max', 'sd', 'p50', 'p99', 'opsPerSec'] as const) expect(Number.isFinite(s[k])).toBe(true);
    expect(s.min).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBeLessThanOrEqual(s.max);
    expect(row.gflops).toBeGreaterThan(0);
    expect(row.floor?.samples).toBeGreaterThanOrEqual(3);
    expect(row.floorRatio).toBeGreaterThan(0);
    expect(row.counts).toEqual({ nfev: 200 });
    const env = report.environment;
    expect(env.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(env.node).toBe(process.version);
    expect(env.v8).toBe(process.versions.v8);
    expect(env.cores).toBeGreaterThan(0);
    expect(typeof env.cpu).toBe('string');
    expect(env.git?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('marks a case whose check throws as failed, runs it once and never times it', async () => {
    const log = join(dir, 'runs.log');
    writeFileSync(log, '');
    process.env.SCICOMP_TEST_RUN_LOG = log;
    try {
      const r = await bench(['--filter', 'wrong answer', '--json', join(dir, 'wrong.json')]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/wrong answer\s+scicomp\s+FAILED/);
      expect(r.out).toContain('check: expected 2, got 1');
      const report = JSON.parse(readFileSync(join(dir, 'wrong.json'), 'utf8')) as BenchReport;
      expect(report.results[0]).toMatchObject({ status: 'failed', error: 'check: expected 2, got 1' });
      expect(report.results[0]!.stats).toBeUndefined();
      expect(readFileSync(log, 'utf8')).toBe('run\n');
    } finally {
      delete process.env.SCICOMP_TEST_RUN_LOG;
    }
  });

  it('runs scicomp only by default and says how to add the peers', async () => {
    const r = await bench(['--filter', 'sum']);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/ml-matrix/);
    expect(r.out).toContain('add --peers');
  });

  it('runs installed peers side by side with --peers and skips a missing one with a note', async () => {
    const r = await bench(['--filter', 'sum', '--peers', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as BenchReport;
    const byImpl = Object.fromEntries(report.results.map((x) => [x.impl, x]));
    expect(byImpl['ml-matrix']?.status).toBe('ok');
    expect(byImpl['ml-matrix']?.ratio).toBeGreaterThan(0);
    expect(byImpl['ml-matrix.sum']?.status).toBe('ok');
    expect(byImpl['no-such-peer-xyz']).toMatchObject({ status: 'skipped', error: 'no-such-peer-xyz is not installed' });
    expect(report.notes.join('\n')).toContain('peers not installed, skipped: no-such-peer-xyz');
  });

  it('limits --peers to the named peers', async () => {
    const r = await bench(['--filter', 'sum', '--peers', 'no-such-peer-xyz', '--json']);
    const report = JSON.parse(r.out) as BenchReport;
    expect(report.results.map((x) => x.impl).sort()).toEqual(['no-such-peer-xyz', 'scicomp']);
    const byPackage = JSON.parse((await bench(['--filter', 'sum', '--peers', 'ml-matrix', '--json'])).out) as BenchReport;
    expect(byPackage.results.map((x) => x.impl).sort()).toEqual(['ml-matrix', 'ml-matrix.sum', 'scicomp']);
  });

  it('prints only JSON on stdout with --json and no file', async () => {
    const r = await bench(['--filter', 'sum', '--json']);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expect(r.err).toContain('sum n=200');
  });

  it('exits 1 naming a case slower than the baseline by more than --max-regression, 0 otherwise', async () => {
    const fast = { samples: 3, mean: 1e-9, min: 1e-9, max: 1e-9, sd: 0, p50: 1e-9, p99: 1e-9, rme: 0, opsPerSec: 1e12 };
    const slow = { ...fast, mean: 1e6, min: 1e6, max: 1e6, p50: 1e6, p99: 1e6, opsPerSec: 1e-3 };
    const base = (stats: Stats): BenchReport =>
      ({ results: [{ case: 'sum n=200', area: 'demo', impl: 'scicomp', status: 'ok', stats }] }) as unknown as BenchReport;
    writeFileSync(join(dir, 'fast.json'), JSON.stringify(base(fast)));
    writeFileSync(join(dir, 'slow.json'), JSON.stringify(base(slow)));
    const worse = await bench(['--filter', 'sum', '--baseline', join(dir, 'fast.json'), '--max-regression', '10']);
    expect(worse.code).toBe(1);
    expect(worse.err).toMatch(/regression: sum n=200 median/);
    expect(worse.out).toContain('regressions');
    const better = await bench(['--filter', 'sum', '--baseline', join(dir, 'slow.json'), '--max-regression', '10']);
    expect(better.code).toBe(0);
    expect(better.err).not.toMatch(/regression:/);
  });

  it('exits 2 on usage errors: a bad number, an unknown option, a filter that matches nothing, a bad baseline', async () => {
    expect((await bench(['--time', 'abc'])).code).toBe(2);
    expect((await bench(['--iterations', '0'])).code).toBe(2);
    expect((await bench(['--frobnicate'])).code).toBe(2);
    const none = await bench(['--filter', 'nothing-matches-this']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no case matches --filter "nothing-matches-this"');
    writeFileSync(join(dir, 'junk.json'), '{"x": 1}');
    const junk = await bench(['--baseline', join(dir, 'junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.err).toContain('is not a scicomp bench report');
  });

  it('reports a suite that fails to load, a factory that throws, a child that dies and a child that hangs', async () => {
    const d = scratch('bad');
    writeSuite(d, 'a-broken.mjs', 'throw new Error("suite exploded");');
    writeSuite(
      d,
      'b-cases.mjs',
      `export default [
        { name: 'setup throws', area: 'x', impls: { scicomp: async () => { throw new Error('no input'); } } },
        { name: 'child dies', area: 'x', impls: { scicomp: async () => ({ run: () => process.exit(7), check: () => {} }) } },
        { name: 'child hangs', area: 'x', impls: { scicomp: async () => ({ run: () => { for (;;); }, check: () => {} }) } },
        { name: 'setup throws', area: 'x', impls: { scicomp: async () => ({ run: () => 1, check: () => {} }) } },
      ];`,
    );
    const r = await run(['bench', '--cases', d, ...FAST, '--timeout', '3000', '--json'], { benchChildScript: childScript });
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.out) as BenchReport).results;
    const err = (name: string) => results.filter((x) => x.case.endsWith(name)).map((x) => x.error);
    expect(err('a-broken.mjs')).toEqual(['load: suite exploded']);
    expect(err('setup throws')).toEqual(['setup: no input', 'duplicate case name (again in ' + join(d, 'b-cases.mjs') + ')']);
    expect(err('child dies')[0]).toMatch(/^child: exited with code 7 before reporting/);
    expect(err('child hangs')[0]).toMatch(/^timeout: no result after 3\.00 s/);
  });
});

describe('peer keys', () => {
  it('name a package whole, before a variant label, or before a dotted function', () => {
    expect(peerPackages('mathjs')).toEqual(['mathjs']);
    expect(peerPackages('ml-matrix (EVD)')).toEqual(['ml-matrix (EVD)', 'ml-matrix']);
    expect(peerPackages('numeric.dopri')).toEqual(['numeric.dopri', 'numeric']);
    expect(peerPackages('fmin (Nelder-Mead)')).toEqual(['fmin (Nelder-Mead)', 'fmin']);
  });
});

describe('bench report arithmetic', () => {
  const stats = (p50: number): Stats => ({ samples: 5, mean: p50, min: p50, max: p50, sd: 0, p50, p99: p50, rme: 0, opsPerSec: 1000 / p50 });

  it('derives the peer ratio, GFLOP/s and floor ratio from medians', () => {
    const rs: PairResult[] = [
      { case: 'c', area: 'a', impl: 'scicomp', status: 'ok', flops: 2e9, stats: stats(100), floor: stats(40) },
      { case: 'c', area: 'a', impl: 'ml-matrix', status: 'ok', flops: 2e9, stats: stats(1200) },
    ];
    derive(rs);
    expect(rs[0]!.gflops).toBeCloseTo(20, 12);
    expect(rs[0]!.floorRatio).toBeCloseTo(2.5, 12);
    expect(rs[0]!.ratio).toBeUndefined();
    expect(rs[1]!.ratio).toBeCloseTo(12, 12);
    expect(rs[1]!.gflops).toBeCloseTo(2e9 / 1.2e9, 12);
  });

  it('flags only scicomp medians above the threshold', () => {
    const base = { results: [
      { case: 'a', area: '', impl: 'scicomp', status: 'ok', stats: stats(100) },
      { case: 'b', area: '', impl: 'scicomp', status: 'ok', stats: stats(100) },
      { case: 'a', area: '', impl: 'mathjs', status: 'ok', stats: stats(100) },
    ] } as unknown as BenchReport;
    const now: PairResult[] = [
      { case: 'a', area: '', impl: 'scicomp', status: 'ok', stats: stats(111) },
      { case: 'b', area: '', impl: 'scicomp', status: 'ok', stats: stats(109) },
      { case: 'a', area: '', impl: 'mathjs', status: 'ok', stats: stats(500) },
      { case: 'new', area: '', impl: 'scicomp', status: 'ok', stats: stats(1) },
    ];
    const g = compareBaseline(now, base, 10);
    expect(g.map((x) => x.case)).toEqual(['a']);
    expect(g[0]!.change).toBeCloseTo(11, 9);
  });
});

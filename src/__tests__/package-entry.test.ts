// The built package as users get it (api.md, top): `scicomp` through its "exports" map as
// ESM and CommonJS, the subpaths scicomp/workflow and scicomp/metrics, bundled types, and
// "importing scicomp must not load prom-client or start anything". Needs the release build
// (`npx tsup`; `npm test` builds first). ESM checks run in a child `node` so that Node's own
// resolver and loader are what is tested.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const requireHere = createRequire(import.meta.url);

/** The runtime names api.md promises from `scicomp`. */
const API_NAMES = ['LinAlgError', 'Matrix', 'ScicompError', 'dblquad', 'det', 'eig', 'eigh', 'features', 'inv', 'luFactor', 'minimize', 'quad', 'ready', 'solve', 'solveIvp'];

/** Run an ES module snippet in a fresh `node` (cwd: the package root); returns the last JSON line printed. */
function runModule(code: string, args: string[] = []): { status: number | null; out: unknown; stderr: string } {
  const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const lines = (r.stdout ?? '').trim().split('\n').filter((l) => l.length > 0);
  const last = lines[lines.length - 1];
  return { status: r.status, out: last === undefined ? undefined : JSON.parse(last), stderr: r.stderr ?? '' };
}

/** Run a CommonJS snippet in a fresh `node`. */
function runScript(code: string): { status: number | null; out: unknown; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const lines = (r.stdout ?? '').trim().split('\n').filter((l) => l.length > 0);
  const last = lines[lines.length - 1];
  return { status: r.status, out: last === undefined ? undefined : JSON.parse(last), stderr: r.stderr ?? '' };
}

/** Every file reachable from `entry` through relative static or dynamic imports / requires. */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;
    for (const m of text.matchAll(re)) stack.push(join(dirname(file), m[2]!));
  }
  return [...seen];
}

describe('the built package (dist)', () => {
  it('has the ESM, CJS and type files the "exports" map names', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
    expect(pkg.name).toBe('scicomp');
    for (const sub of ['.', './workflow', './metrics']) {
      const entry = pkg.exports[sub] as { import: { types: string; default: string }; require: { types: string; default: string } };
      for (const f of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
        expect(existsSync(join(root, f)), `${sub}: ${f}`).toBe(true);
      }
    }
  });

  it('require(dist/index.cjs) gives every api.md name and works without await', () => {
    const cjs = requireHere(join(dist, 'index.cjs')) as Record<string, unknown> & typeof import('../index.js');
    expect(Object.keys(cjs)).toEqual(expect.arrayContaining(API_NAMES));
    for (const n of API_NAMES) expect(typeof cjs[n], n).toBe('function');
    const x = cjs.solve([[4, 1], [1, 3]], [1, 2]);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x[0]).toBeCloseTo(1 / 11, 14);
    let err: unknown;
    try {
      cjs.solve([[1, 2], [2, 4]], [1, 1]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(cjs.LinAlgError);
    expect(err).toBeInstanceOf(cjs.ScicompError);
    expect((err as { code: string }).code).toBe('singular');
    expect(new cjs.Matrix(1, 1)).toBeInstanceOf(cjs.Matrix);
  });

  it('require(\'scicomp\'), require(\'scicomp/workflow\') and require(\'scicomp/metrics\') resolve through the exports map', () => {
    expect(requireHere.resolve('scicomp')).toBe(join(dist, 'index.cjs'));
    expect(requireHere.resolve('scicomp/workflow')).toBe(join(dist, 'workflow', 'index.cjs'));
    expect(requireHere.resolve('scicomp/metrics')).toBe(join(dist, 'metrics', 'index.cjs'));
    const wf = requireHere('scicomp/workflow') as Record<string, unknown>;
    const metrics = requireHere('scicomp/metrics') as Record<string, unknown>;
    expect(Object.keys(wf).length).toBeGreaterThan(0);
    expect(Object.keys(metrics).length).toBeGreaterThan(0);
  });

  it('import(\'scicomp\') in Node gives dist/index.js with every api.md name, usable without await ready()', () => {
    const r = runModule(`
      const m = await import('scicomp');
      const x = m.solve([[4, 1], [1, 3]], [1, 2]);
      const q = m.quad(Math.sin, 0, Math.PI);
      console.log(JSON.stringify({ keys: Object.keys(m), url: import.meta.resolve('scicomp'), x: Array.from(x), isF64: x instanceof Float64Array, q: q.value, f: m.features() }));
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.out as { keys: string[]; url: string; x: number[]; isF64: boolean; q: number; f: { simd: boolean } };
    expect(out.keys).toEqual(expect.arrayContaining(API_NAMES));
    expect(fileURLToPath(out.url)).toBe(join(dist, 'index.js'));
    expect(out.isF64).toBe(true);
    expect(out.x[0]).toBeCloseTo(1 / 11, 14);
    expect(out.q).toBeCloseTo(2, 14);
    expect(typeof out.f.simd).toBe('boolean');
  });

  it('import(\'scicomp/workflow\') and import(\'scicomp/metrics\') resolve to dist/workflow and dist/metrics', () => {
    const r = runModule(`
      const wf = await import('scicomp/workflow');
      const mt = await import('scicomp/metrics');
      console.log(JSON.stringify({ wf: import.meta.resolve('scicomp/workflow'), mt: import.meta.resolve('scicomp/metrics'), wfKeys: Object.keys(wf), mtKeys: Object.keys(mt) }));
    `);
    expect(r.status).toBe(0);
    const out = r.out as { wf: string; mt: string; wfKeys: string[]; mtKeys: string[] };
    expect(fileURLToPath(out.wf)).toBe(join(dist, 'workflow', 'index.js'));
    expect(fileURLToPath(out.mt)).toBe(join(dist, 'metrics', 'index.js'));
    expect(out.wfKeys.length).toBeGreaterThan(0);
    expect(out.mtKeys.length).toBeGreaterThan(0);
  });

  it('ESM and CJS builds give the same answers', () => {
    const r = runModule(`
      import { createRequire } from 'node:module';
      const esm = await import('scicomp');
      const cjs = createRequire(import.meta.url)('scicomp');
      const run = (m) => [Array.from(m.solve([[3, 2], [1, 4]], [1, 1])), m.minimize((x) => (x[0] - 2) ** 2, [0]).nfev, m.solveIvp((t, y, d) => { d[0] = -y[0]; }, [0, 1], [1]).nfev, m.quad(Math.exp, 0, 1).neval];
      console.log(JSON.stringify({ esm: run(esm), cjs: run(cjs), same: esm.solve === cjs.solve }));
    `);
    expect(r.status).toBe(0);
    const out = r.out as { esm: unknown[]; cjs: unknown[] };
    expect(out.cjs).toEqual(out.esm);
  });

  it('ships bundled .d.ts / .d.cts types naming every export', () => {
    for (const f of ['index.d.ts', 'index.d.cts']) {
      const text = readFileSync(join(dist, f), 'utf8');
      const exportList = text.match(/export\s*\{([^}]*)\}/g)?.join(' ') ?? '';
      for (const n of [...API_NAMES, 'MatrixLike', 'LU', 'OdeResult', 'EventFn', 'OptimizeResult', 'QuadResult']) {
        expect(exportList, `${f}: ${n}`).toMatch(new RegExp(`\\b${n}\\b`));
      }
    }
  });
});

describe('importing scicomp loads no prom-client and starts nothing', () => {
  it('no file of the dist/index.js or dist/index.cjs module graph mentions prom-client', () => {
    for (const entry of ['index.js', 'index.cjs']) {
      const files = moduleGraph(join(dist, entry));
      expect(files.length).toBeGreaterThan(1);
      for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/prom-client/);
    }
  });

  it('after import(\'scicomp\') and a kernel call no prom-client module is loaded (a direct import of it is detected)', () => {
    const probe = (extra: string): string => `
      import { createRequire } from 'node:module';
      ${extra}
      const m = await import('scicomp');
      m.solve([[2]], [4]);
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]prom-client[\\\\/]/.test(k));
      console.log(JSON.stringify(loaded));
    `;
    const clean = runModule(probe(''));
    expect(clean.status).toBe(0);
    expect(clean.out).toEqual([]);
    const control = runModule(probe(`await import('prom-client');`));
    expect(control.status).toBe(0);
    expect((control.out as string[]).length).toBeGreaterThan(0);
  });

  it('after require(\'scicomp\') no prom-client module is in require.cache', () => {
    const probe = (extra: string): string => `
      ${extra}
      const m = require('scicomp');
      m.solve([[2]], [4]);
      console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/]prom-client[\\\\/]/.test(k))));
    `;
    const clean = runScript(probe(''));
    expect(clean.status).toBe(0);
    expect(clean.out).toEqual([]);
    const control = runScript(probe(`require('prom-client');`));
    expect((control.out as string[]).length).toBeGreaterThan(0);
  });

  it('importing scicomp leaves no timer, handle or worker behind (same active resources as not importing it)', () => {
    const probe = (load: boolean): string => `
      ${load ? "const m = await import('scicomp'); m.solve([[2]], [4]); await m.ready();" : ''}
      await new Promise((r) => setImmediate(r));
      console.log(JSON.stringify(process.getActiveResourcesInfo().sort()));
    `;
    const base = runModule(probe(false));
    const loaded = runModule(probe(true));
    expect(loaded.status).toBe(0);
    expect(loaded.out).toEqual(base.out);
  });
});

describe('README', () => {
  it('the API tour snippet runs as written against the built package', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const tour = readme.slice(readme.indexOf('## A tour of the API'));
    const block = /```js\n([\s\S]*?)```/.exec(tour);
    expect(block).not.toBeNull();
    const snippet = block![1]!;
    const r = runModule(`${snippet}
      console.log(JSON.stringify({ x: Array.from(x), lu: Object.keys(lu).concat(typeof lu.solve, typeof lu.det), values: Array.from(values), vectors: vectors.rows,
        re: Array.from(ev.values.re), im: Array.from(ev.values.im), ode: [Array.from(ode.t), ode.y[0][1], ode.sol(3.5)[0], ode.nfev, ode.status, ode.message],
        opt: [Array.from(opt.x), opt.nit, opt.nfev, opt.message, Array.from(opt.hessInv.matvec([1, 0]))], q: [q.value, q.neval, q.status], g: g.value, d: d.value }));
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.out as {
      x: number[]; values: number[]; re: number[]; im: number[]; ode: [number[], number, number, number, number, string];
      opt: [number[], number, number, string, number[]]; q: [number, number, number]; g: number; d: number;
    };
    // The values the comments claim.
    expect(out.x[0]).toBeCloseTo(1 / 11, 14);
    expect(out.x[1]).toBeCloseTo(7 / 11, 14);
    expect(out.values).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(out.re).toEqual([expect.closeTo(0, 14), expect.closeTo(0, 14)]);
    expect(out.im).toEqual([expect.closeTo(1, 14), expect.closeTo(-1, 14)]);
    expect(out.ode[0]).toEqual([1, 2, 5]);
    expect(out.ode[1]).toBeCloseTo(Math.exp(-2), 8);
    expect(out.ode[2]).toBeCloseTo(Math.exp(-3.5), 8);
    expect(out.ode[4]).toBe(0);
    expect(out.opt[0][0]).toBeCloseTo(1, 4);
    expect(out.opt[0][1]).toBeCloseTo(1, 4);
    expect(out.q).toEqual([expect.closeTo(2, 14), 21, 0]);
    expect(out.g).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
    expect(out.d).toBeCloseTo(1 / 8, 14);
  });
});

#!/usr/bin/env node
// Packaging check: `npm pack`, install the tarball into a fresh temp project, and call the
// library through both `import` and `require`, the way a user would; then run the bins
// through `npx` there (`scicomp --version`, `scicomp health --json`, the other bins' help,
// and a short `scicomp bench`). `--cli-only` skips the library calls (for a branch on which
// the kernels have not landed yet).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'scicomp-pack-'));
const cliOnly = process.argv.includes('--cli-only');
// scicomp-audit-allow child-process-command: runs npm and node with fixed arguments below
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  // Build first, then pack without lifecycle scripts: `prepare`'s output would otherwise
  // land in the middle of `npm pack --json` on stdout.
  execFileSync('node', ['scripts/build-wasm.mjs'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  execFileSync('npx', ['tsup'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  const tarball = join(dir, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  const bad = files.filter((f) => /^(src|assembly|bench\/__tests__|build)\/|\.test\.|fixtures/.test(f));
  if (bad.length) throw new Error(`the tarball holds files users do not need: ${bad.join(', ')}`);
  console.error(`packed ${packed[0].filename}: ${files.length} files, ${packed[0].size} bytes`);

  const app = join(dir, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', tarball], app);

  const esm = `import { solve, features } from 'scicomp';
import 'scicomp/workflow'; import 'scicomp/metrics';
const x = solve([[4, 1], [1, 3]], [1, 2]);
if (!(x instanceof Float64Array) || Math.abs(4 * x[0] + x[1] - 1) > 1e-12 || Math.abs(x[0] + 3 * x[1] - 2) > 1e-12) throw new Error('bad ESM solve ' + x);
console.log('esm ok', features().simd ? 'simd' : 'scalar', Array.from(x));`;
  const cjs = `const { solve } = require('scicomp'); require('scicomp/workflow'); require('scicomp/metrics');
const x = solve([[4, 1], [1, 3]], [1, 2]);
if (Math.abs(4 * x[0] + x[1] - 1) > 1e-12 || Math.abs(x[0] + 3 * x[1] - 2) > 1e-12) throw new Error('bad CJS solve ' + x);
console.log('cjs ok', Array.from(x));`;
  writeFileSync(join(app, 'esm.mjs'), esm);
  writeFileSync(join(app, 'cjs.cjs'), cjs);
  if (!cliOnly) {
    process.stdout.write(run('node', ['esm.mjs'], app));
    process.stdout.write(run('node', ['cjs.cjs'], app));
  }

  // The bins, through npx, in the user's project.
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const npx = (args) => spawnSync('npx', ['--no-install', ...args], { cwd: app, encoding: 'utf8', timeout: 600_000 });
  const v = npx(['scicomp', '--version']);
  if (v.status !== 0 || v.stdout.trim() !== version) throw new Error(`npx scicomp --version: exit ${v.status}, printed ${JSON.stringify(v.stdout)} ${v.stderr}`);
  console.log(`cli ok: scicomp --version = ${v.stdout.trim()}`);
  // 0 healthy or 2 degraded (a busy machine's load) are fine; 1 means a wrong answer.
  const h = npx(['scicomp', 'health', '--json']);
  const health = JSON.parse(h.stdout);
  if (![0, 2].includes(h.status) || health.exitCode !== h.status || health.checks.find((c) => c.name === 'wasm.load')?.status !== 'ok')
    throw new Error(`npx scicomp health --json: exit ${h.status}\n${h.stdout}${h.stderr}`);
  console.log(`cli ok: scicomp health --json: ${health.status}, ${health.checks.length} checks, ${health.skipped.length} skipped`);
  for (const bin of ['scicomp-bench', 'scicomp-health', 'scicomp-audit']) {
    const r = npx([bin, '--help']);
    if (r.status !== 0 || !r.stdout.startsWith('Usage: scicomp ')) throw new Error(`npx ${bin} --help: exit ${r.status}\n${r.stdout}${r.stderr}`);
  }
  console.log('cli ok: scicomp-bench, scicomp-health, scicomp-audit --help');
  // The suites ship with the package; peers are not installed here, so they are skipped.
  // This checks the packaging (suites load, import the installed library, run in their
  // child), not the numbers: a failed answer check is reported, a broken load is an error.
  const b = npx(['scicomp', 'bench', '--time', '0', '--iterations', '2', '--peers', '--json']);
  let bench;
  try {
    bench = JSON.parse(b.stdout);
  } catch {
    throw new Error(`npx scicomp bench printed no JSON report: exit ${b.status}\n${b.stderr.slice(-2000)}`);
  }
  const broken = bench.results.filter((x) => x.status === 'failed' && !/^(check|run|timing): /.test(x.error));
  if (![0, 1].includes(b.status) || broken.length) throw new Error(`npx scicomp bench: exit ${b.status}\n${JSON.stringify(broken, null, 2)}\n${b.stderr.slice(-2000)}`);
  for (const x of bench.results.filter((r) => r.status === 'failed')) console.log(`note: bench ${x.case} [${x.impl}] ${x.error}`);
  const ran = bench.results.filter((x) => x.status === 'ok').length;
  console.log(`cli ok: scicomp bench ran ${ran} pairs, skipped ${bench.results.filter((x) => x.status === 'skipped').length} (peers not installed)`);
  console.log('pack-check: ok');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

#!/usr/bin/env node
// Packaging check: `npm pack`, install the tarball into a fresh temp project, and call the
// library through both `import` and `require`, the way a user would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'scicomp-pack-'));
// scicomp-audit-allow child-process-command: runs npm and node with fixed arguments below
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root));
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
  process.stdout.write(run('node', ['esm.mjs'], app));
  process.stdout.write(run('node', ['cjs.cjs'], app));
  console.log('pack-check: ok');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

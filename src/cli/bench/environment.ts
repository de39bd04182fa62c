/** What the report says about where it was measured. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { loadBuiltLibrary, packageRoot, packageVersion } from '../root.js';
import type { Environment } from './types.js';

function git(root: string): Environment['git'] {
  if (!existsSync(join(root, '.git'))) return null;
  try {
    const opts = { cwd: root, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'], timeout: 5000 };
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

export async function environment(): Promise<Environment> {
  const root = packageRoot();
  let simd: boolean | null = null;
  try {
    simd = (await loadBuiltLibrary()).features().simd;
  } catch {
    simd = null;
  }
  const cpus = os.cpus();
  return {
    package: 'scicomp',
    version: packageVersion(),
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    simd,
    git: git(root),
    date: new Date().toISOString(),
  };
}

import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../io.js';
import { main, type MainHooks } from '../main.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const made: string[] = [];
/** Remove every scratch folder made so far (each test file calls it in afterAll). */
export function removeScratch(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  child = null;
}

/** A scratch folder inside the repository (so peers in node_modules resolve from it), removed by removeScratch(). */
export function scratch(prefix: string): string {
  const base = join(repoRoot, 'node_modules', '.cache', 'scicomp-cli-tests');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  made.push(dir);
  return dir;
}

/** A scratch folder outside any git repository, removed by removeScratch(). */
export function outsideScratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scicomp-cli-${prefix}-`));
  made.push(dir);
  return dir;
}

let child: Promise<string> | null = null;
/** The bench child entry, bundled from the sources under test. */
export function benchChild(): Promise<string> {
  child ??= (async () => {
    const out = join(scratch('child'), 'bench-child.mjs');
    await build({
      entryPoints: [join(repoRoot, 'src/cli/bin/bench-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'silent',
    });
    return out;
  })();
  return child;
}

export async function run(argv: string[], hooks: MainHooks = {}, cwd = repoRoot) {
  const io = memoryIo({ cwd });
  const code = await main(argv, io, hooks);
  return { code, out: io.out, err: io.err };
}

export function writeSuite(dir: string, file: string, source: string): string {
  const path = join(dir, file);
  writeFileSync(path, source);
  return path;
}

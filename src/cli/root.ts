/**
 * Where the installed package lives, found by walking up from this file to the
 * package.json named `scicomp`. Works from `src/cli` (tests), from `dist/cli` (a checkout)
 * and from `node_modules/scicomp/dist/cli` (an installed tarball).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'scicomp') return (cached = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('scicomp: cannot find the package root (package.json named "scicomp")');
    dir = up;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The public API, as users import it. */
export type Library = typeof import('../index.js');

/**
 * Load the built library (`dist/index.js`), the same file users import, so that health
 * and bench check what is installed, not a copy bundled into the CLI.
 */
export async function loadBuiltLibrary(): Promise<Library> {
  const file = join(packageRoot(), 'dist', 'index.js');
  if (!existsSync(file)) throw new Error(`the built library ${file} is missing; run \`npm run build\``);
  // scicomp-audit-allow dynamic-module-path: this package's own dist/index.js
  return (await import(pathToFileURL(file).href)) as Library;
}

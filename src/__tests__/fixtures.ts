// Test helpers shared by every area: the SciPy reference fixtures and seeded random data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/fixtures/<name>.json beside the repository (CI lays a copy of shared/ there). */
export function loadFixture<T = Record<string, unknown>>(name: 'linalg' | 'ode' | 'optimize' | 'quad'): { cases: T[] } & Record<string, unknown> {
  const url = new URL(`../../../shared/fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}

/** Fixture scalars may be the strings "Infinity" / "-Infinity": read every scalar with this. */
export const num = (v: unknown): number => Number(v);

/** A small seeded generator (mulberry32) with uniform and standard-normal draws. */
export function rng(seed: number): { uniform(): number; normal(): number } {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

/** An n x m row-major array of standard-normal entries. */
export function randomRows(seed: number, n: number, m = n): number[][] {
  const g = rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: m }, () => g.normal()));
}

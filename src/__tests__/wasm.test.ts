import { describe, expect, it } from 'vitest';
import { features, ready } from '../index.js';
import { wasm, withWasm } from '../wasm/module.js';
import { withArena } from '../wasm/arena.js';

interface BlasExports {
  ddot(n: number, x: number, y: number): number;
}

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const { arena, exports } = wasm();
  return withArena(arena, (a) => (exports as unknown as BlasExports).ddot(x.length, a.putF64(x), a.putF64(y)));
}

describe('wasm module', () => {
  it('resolves ready() at once in Node and reports the build', async () => {
    await ready();
    await ready();
    const f = features();
    expect(typeof f.simd).toBe('boolean');
    expect(f.threads).toBe(false);
    expect(f.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('computes a dot product through the arena (odd length exercises the SIMD tail)', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [5, 4, 3, 2, 1];
    expect(dot(x, y)).toBe(35);
  });

  it('releases arena space after each call so memory stops growing', () => {
    const big = new Float64Array(200_000).fill(1);
    dot(big, big);
    const before = wasm().arena.memoryBytes;
    const mark = wasm().arena.mark();
    for (let i = 0; i < 100; i++) expect(dot(big, big)).toBe(200_000);
    expect(wasm().arena.memoryBytes).toBe(before);
    expect(wasm().arena.mark()).toBe(mark);
  });

  it('gives the same answers from the SIMD and scalar builds', () => {
    const x = Array.from({ length: 101 }, (_, i) => Math.sin(i));
    const y = Array.from({ length: 101 }, (_, i) => Math.cos(i));
    const s = withWasm('scalar', (w) => {
      expect(w.simd).toBe(false);
      return dot(x, y);
    });
    const v = withWasm('simd', (w) => {
      expect(w.simd).toBe(true);
      return dot(x, y);
    });
    expect(Math.abs(s - v)).toBeLessThan(1e-13);
    expect(wasm().variant).toBe('custom');
  });
});

import { loadFixture } from './fixtures.js';
describe('shared fixtures', () => {
  it('are readable from beside the repository', () => {
    expect(loadFixture('linalg').cases.length).toBeGreaterThan(0);
  });
});

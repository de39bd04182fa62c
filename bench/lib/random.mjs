// Seeded inputs shared by the benchmark suites: the same mulberry32 generator (and
// Box–Muller normals) as the test helpers in src/__tests__/fixtures.ts.

/** A seeded generator of uniforms in [0, 1). */
export function uniform(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An n x n array of rows of seeded standard normals. */
export function normalRows(seed, n) {
  const u = uniform(seed);
  const normal = () => {
    let x = 0;
    while (x === 0) x = u();
    return Math.sqrt(-2 * Math.log(x)) * Math.cos(2 * Math.PI * u());
  };
  return Array.from({ length: n }, () => Array.from({ length: n }, normal));
}

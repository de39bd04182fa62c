// Test problems for minimize: SciPy's rosen / rosen_der and a weighted quadratic.

/** scipy.optimize.rosen: sum 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. */
export function rosen(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    s += 100 * a * a + b * b;
  }
  return s;
}

/** scipy.optimize.rosen_der, written into g. */
export function rosenDer(x: Float64Array, g: Float64Array): void {
  const n = x.length;
  g.fill(0);
  for (let i = 0; i < n - 1; i++) {
    const t = x[i + 1]! - x[i]! * x[i]!;
    g[i] = g[i]! - 400 * x[i]! * t - 2 * (1 - x[i]!);
    g[i + 1] = g[i + 1]! + 200 * t;
  }
}

/** f = sum w (x - c)^2 and its gradient. */
export function quadratic(w: ArrayLike<number>, c: ArrayLike<number>): {
  f: (x: Float64Array) => number;
  g: (x: Float64Array, grad: Float64Array) => void;
} {
  return {
    f: (x) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += w[i]! * (x[i]! - c[i]!) ** 2;
      return s;
    },
    g: (x, grad) => {
      for (let i = 0; i < x.length; i++) grad[i] = 2 * w[i]! * (x[i]! - c[i]!);
    },
  };
}

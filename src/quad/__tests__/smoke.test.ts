import { it } from 'vitest';
import { quad, dblquad } from '../../index.js';
import { loadFixture, num } from '../../__tests__/fixtures.js';
const F: Record<string, (x: number) => number> = {
  sin_0_pi: Math.sin, x2_0_1: (x) => x * x, sqrtx_logx_0_1: (x) => Math.sqrt(x) * Math.log(x),
  lorentz_inf_inf: (x) => 1 / (1 + x * x), gauss_0_inf: (x) => Math.exp(-x * x),
  'invsqrt_abs_0.3_points': (x) => 1 / Math.sqrt(Math.abs(x - 0.3)), cos50x_0_1: (x) => Math.cos(50 * x),
};
const G: Record<string, (x: number, y: number) => number> = {
  xy_unit_square: (x, y) => x * y, gauss2d_square: (x, y) => Math.exp(-x * x - y * y),
  x_plus_y_triangle: (x, y) => x + y, sinx_cosy_square: (x, y) => Math.sin(x) * Math.cos(y),
};
it('smoke', () => {
  for (const c of loadFixture<any>('quad').cases) {
    if (c.kind === 'quad') {
      const r = quad(F[c.name]!, num(c.a), num(c.b), c.points ? { points: c.points } : {});
      console.log(c.name, r.value, c.result.value, r.abserr, c.result.abserr, r.neval, c.result.neval, r.status, c.result.ier);
    } else {
      const r = dblquad(G[c.name]!, c.xa, c.xb, c.ya === 'x' ? (x: number) => x : c.ya, c.yb === 'x' ? (x: number) => x : c.yb);
      console.log(c.name, r.value, c.result.value, r.abserr, c.result.abserr, r.neval, c.result.neval, r.status);
    }
  }
  console.log(quad((x) => 1 / x, 0, 1));
});

// The right-hand sides of the fixture problems (see /shared/fixtures/README.md, ode.json).
import type { EventFn, OdeFun } from '../types.js';

export function problemRhs(problem: string, params: Record<string, number>): OdeFun {
  const p = (k: string): number => {
    const v = params[k];
    if (v === undefined) throw new Error(`fixture ${problem}: missing parameter ${k}`);
    return v;
  };
  switch (problem) {
    case 'exp_decay': {
      const k = p('k');
      return (_t, y, d) => { for (let i = 0; i < y.length; i++) d[i] = -k * y[i]!; };
    }
    case 'harmonic': {
      const w2 = p('omega') ** 2;
      return (_t, y, d) => { d[0] = y[1]!; d[1] = -w2 * y[0]!; };
    }
    case 'lotka_volterra': {
      const a = p('alpha'), b = p('beta'), g = p('gamma'), dl = p('delta');
      return (_t, y, d) => {
        const x = y[0]!, z = y[1]!;
        d[0] = a * x - b * x * z;
        d[1] = dl * x * z - g * z;
      };
    }
    case 'van_der_pol': {
      const mu = p('mu');
      return (_t, y, d) => { d[0] = y[1]!; d[1] = mu * (1 - y[0]! * y[0]!) * y[1]! - y[0]!; };
    }
    case 'arenstorf': return arenstorf(p('mu'));
    case 'lorenz': {
      const s = p('sigma'), r = p('rho'), b = p('beta');
      return (_t, y, d) => {
        const x = y[0]!, yy = y[1]!, z = y[2]!;
        d[0] = s * (yy - x);
        d[1] = x * (r - z) - yy;
        d[2] = x * yy - b * z;
      };
    }
    case 'falling_ball': {
      const g = p('g');
      return (_t, y, d) => { d[0] = y[1]!; d[1] = -g; };
    }
    default: throw new Error(`unknown fixture problem ${problem}`);
  }
}

export function arenstorf(mu: number): OdeFun {
  const mup = 1 - mu;
  return (_t, y, d) => {
    const y1 = y[0]!, y2 = y[1]!, v1 = y[2]!, v2 = y[3]!;
    const D1 = ((y1 + mu) ** 2 + y2 ** 2) ** 1.5;
    const D2 = ((y1 - mup) ** 2 + y2 ** 2) ** 1.5;
    d[0] = v1;
    d[1] = v2;
    d[2] = y1 + 2 * v2 - (mup * (y1 + mu)) / D1 - (mu * (y1 - mup)) / D2;
    d[3] = y2 - 2 * v1 - (mup * y2) / D1 - (mu * y2) / D2;
  };
}

export function problemEvent(name: string): EventFn {
  if (name === 'hit_ground') return (_t, y) => y[0]!;
  throw new Error(`unknown fixture event ${name}`);
}

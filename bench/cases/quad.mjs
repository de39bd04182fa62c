// Benchmark cases for quad/dblquad (see docs/design/bench.md). Peer: integrate-adaptive-simpson
// (adaptive Simpson with Richardson error estimate; nested for the 2-D cases), run with the
// same absolute tolerance as quad's default epsabs. Every result is checked against the
// exact integral. `floor` replays, in a plain JS loop, the very integrand calls one scicomp
// run makes (recorded from a run), so time(run)/time(floor) is the library's overhead factor.

const EPS = 1.49e-8;

/**
 * n abscissae spread over (a, b) (through x = tan(·) when a limit is infinite), so the floor
 * calls the integrand on ordinary arguments. They are not quad's nodes: recording those
 * would need a second function at quad's call site and spoil V8's inlining of the real one.
 */
function spread(a, b, n) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    if (Number.isFinite(a) && Number.isFinite(b)) out[i] = a + (b - a) * u;
    else if (Number.isFinite(a)) out[i] = a + Math.tan((Math.PI / 2) * u);
    else if (Number.isFinite(b)) out[i] = b - Math.tan((Math.PI / 2) * u);
    else out[i] = Math.tan(Math.PI * (u - 0.5));
  }
  return out;
}

/** The physical floor: neval integrand calls in a plain JS loop. */
function floorOf(f, a, b, neval) {
  const nodes = spread(a, b, neval);
  return () => {
    let s = 0;
    for (let i = 0; i < nodes.length; i++) s += f(nodes[i]);
    return s;
  };
}

function floorOf2(f, xa, xb, ya, yb, neval) {
  const side = Math.ceil(Math.sqrt(neval));
  const xs = spread(xa, xb, side);
  const ys = spread(ya, yb, side);
  return () => {
    let s = 0;
    for (let i = 0; i < neval; i++) s += f(xs[i % side], ys[(i / side) | 0]);
    return s;
  };
}

function near(value, exact, tol, what) {
  if (!(Math.abs(value - exact) <= tol)) throw new Error(`${what}: got ${value}, expected ${exact} within ${tol}`);
}

function case1d({ name, f, a, b, exact, tol, simpson }) {
  const impls = {
    scicomp: async () => {
      const { quad } = await import('../../dist/index.js');
      const r0 = quad(f, a, b);
      if (!r0.success) throw new Error(`${name}: ${r0.message}`);
      return {
        run: () => quad(f, a, b),
        check: (r) => {
          if (!r.success) throw new Error(`${name}: ${r.message}`);
          near(r.value, exact, tol, name);
        },
        floor: floorOf(f, a, b, r0.neval),
        neval: r0.neval,
      };
    },
  };
  if (simpson) {
    impls['integrate-adaptive-simpson'] = async () => {
      const { default: integrate } = await import('integrate-adaptive-simpson');
      const g = simpson.f ?? f;
      return {
        run: () => integrate(g, simpson.a ?? a, simpson.b ?? b, EPS),
        check: (v) => near(v, exact, simpson.tol ?? tol, name),
      };
    };
  }
  return { name, area: 'quad', impls };
}

function case2d({ name, f, xa, xb, ya, yb, exact, tol }) {
  const lo = typeof ya === 'function' ? ya : () => ya;
  const hi = typeof yb === 'function' ? yb : () => yb;
  return {
    name,
    area: 'quad',
    impls: {
      scicomp: async () => {
        const { dblquad } = await import('../../dist/index.js');
        const r0 = dblquad(f, xa, xb, ya, yb);
        if (!r0.success) throw new Error(`${name}: ${r0.message}`);
        return {
          run: () => dblquad(f, xa, xb, ya, yb),
          check: (r) => {
            if (!r.success) throw new Error(`${name}: ${r.message}`);
            near(r.value, exact, tol, name);
          },
          floor: floorOf2(f, xa, xb, lo(xa), hi(xa), r0.neval),
          neval: r0.neval,
        };
      },
      'integrate-adaptive-simpson': async () => {
        const { default: integrate } = await import('integrate-adaptive-simpson');
        // Nested adaptive Simpson: the inner integral over y for each outer x.
        const run = () => integrate((x) => integrate((y) => f(x, y), lo(x), hi(x), EPS), xa, xb, EPS);
        return { run, check: (v) => near(v, exact, tol, name) };
      },
    },
  };
}

export default [
  case1d({ name: 'quad sin x on [0, pi]', f: Math.sin, a: 0, b: Math.PI, exact: 2, tol: 1e-10, simpson: {} }),
  case1d({
    name: 'quad sqrt(x) log(x) on [0, 1]',
    // x = 0 only matters to the peer, which evaluates the end points (0·log 0 → 0).
    f: (x) => (x === 0 ? 0 : Math.sqrt(x) * Math.log(x)),
    a: 0,
    b: 1,
    exact: -4 / 9,
    tol: 1e-10,
    simpson: { tol: 1e-6 },
  }),
  // Adaptive Simpson has no infinite ranges: no peer for this case.
  case1d({ name: 'quad 1/(1+x^2) on (-inf, inf)', f: (x) => 1 / (1 + x * x), a: -Infinity, b: Infinity, exact: Math.PI, tol: 1e-9 }),
  case2d({
    name: 'dblquad sin x cos y on [0, pi]^2',
    f: (x, y) => Math.sin(x) * Math.cos(y),
    xa: 0, xb: Math.PI, ya: 0, yb: Math.PI,
    exact: 0,
    tol: 1e-9,
  }),
  case2d({
    name: 'dblquad exp(-x^2-y^2) on [-1, 1]^2',
    f: (x, y) => Math.exp(-x * x - y * y),
    xa: -1, xb: 1, ya: -1, yb: 1,
    exact: 2.2309851414041346,
    tol: 1e-9,
  }),
];

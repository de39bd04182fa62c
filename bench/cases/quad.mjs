// Benchmark cases for quad/dblquad (see docs/design/bench.md). Peer: integrate-adaptive-simpson
// (adaptive Simpson with Richardson error estimate; nested for the 2-D cases), run with the
// same absolute tolerance as quad's default epsabs. Every result is checked against the
// exact integral. `floor` replays, in a plain JS loop, the very integrand calls one scicomp
// run makes (recorded from a run), so time(run)/time(floor) is the library's overhead factor.

const EPS = 1.49e-8;

/** f with every call's argument recorded (for the floor replay). */
function recording(f) {
  const xs = [];
  const g = (x) => {
    xs.push(x);
    return f(x);
  };
  return { g, xs };
}

function floorOf(f, xs) {
  const nodes = Float64Array.from(xs);
  return () => {
    let s = 0;
    for (let i = 0; i < nodes.length; i++) s += f(nodes[i]);
    return s;
  };
}

function floorOf2(f, xs, ys) {
  const nx = Float64Array.from(xs);
  const ny = Float64Array.from(ys);
  return () => {
    let s = 0;
    for (let i = 0; i < nx.length; i++) s += f(nx[i], ny[i]);
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
      const rec = recording(f);
      const r0 = quad(rec.g, a, b);
      if (!r0.success || r0.neval !== rec.xs.length) throw new Error(`${name}: reference run failed`);
      return {
        run: () => quad(f, a, b),
        check: (r) => {
          if (!r.success) throw new Error(`${name}: ${r.message}`);
          near(r.value, exact, tol, name);
        },
        floor: floorOf(f, rec.xs),
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
        const xs = [];
        const ys = [];
        const r0 = dblquad((x, y) => (xs.push(x), ys.push(y), f(x, y)), xa, xb, ya, yb);
        if (!r0.success || r0.neval !== xs.length) throw new Error(`${name}: reference run failed`);
        return {
          run: () => dblquad(f, xa, xb, ya, yb),
          check: (r) => {
            if (!r.success) throw new Error(`${name}: ${r.message}`);
            near(r.value, exact, tol, name);
          },
          floor: floorOf2(f, xs, ys),
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

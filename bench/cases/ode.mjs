// ODE benchmarks (issue 3): solveIvp (RK45) against odex (Gragg–Bulirsch–Stoer) and
// numeric.dopri (Dormand–Prince in plain JS), each result checked against an analytic
// solution or a tight reference. `floor` performs, in a plain JS loop, the same number of
// right-hand-side calls as one scicomp run: time(run) / time(floor) is the overhead of
// everything that is not the user's function.

const ARENSTORF_MU = 0.012277471;
const ARENSTORF_T = 17.0652165601579625588917206249;
const ARENSTORF_Y0 = [0.994, 0, 0, -2.00158510637908252240537862224];
const TIGHT = { rtol: 1e-8, atol: 1e-10 };

function linspace(a, b, m) {
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) out[k] = a + ((b - a) * k) / (m - 1);
  return out;
}

// --- right-hand sides: in-place form (scicomp, floor) and returning form (peers) -----------
const decayIn = (_t, y, d) => { d[0] = -y[0]; };
const decayOut = (_t, y) => [-y[0]];

function arenstorfIn(_t, y, d) {
  const mu = ARENSTORF_MU, mup = 1 - mu;
  const y1 = y[0], y2 = y[1], v1 = y[2], v2 = y[3];
  const a = (y1 + mu) * (y1 + mu) + y2 * y2;
  const b = (y1 - mup) * (y1 - mup) + y2 * y2;
  const D1 = a * Math.sqrt(a);
  const D2 = b * Math.sqrt(b);
  d[0] = v1;
  d[1] = v2;
  d[2] = y1 + 2 * v2 - (mup * (y1 + mu)) / D1 - (mu * (y1 - mup)) / D2;
  d[3] = y2 - 2 * v1 - (mup * y2) / D1 - (mu * y2) / D2;
}
const arenstorfOut = (t, y) => { const d = [0, 0, 0, 0]; arenstorfIn(t, y, d); return d; };

function lorenzIn(_t, y, d) {
  const x = y[0], yy = y[1], z = y[2];
  d[0] = 10 * (yy - x);
  d[1] = x * (28 - z) - yy;
  d[2] = x * yy - (8 / 3) * z;
}
const lorenzOut = (t, y) => { const d = [0, 0, 0]; lorenzIn(t, y, d); return d; };

// Method-of-lines heat equation, Dirichlet ends: y_i' = y_{i-1} - 2 y_i + y_{i+1}.
const HEAT_N = 1000;
const HEAT_MODE = 3;
const HEAT_FAST_MODE = 700; // a fast-decaying mode: the steps are then limited by stability
const HEAT_FAST_AMP = 0.1;
const HEAT_T = 20;
function heatIn(_t, y, d) {
  const n = y.length;
  d[0] = -2 * y[0] + y[1];
  for (let i = 1; i < n - 1; i++) d[i] = y[i - 1] - 2 * y[i] + y[i + 1];
  d[n - 1] = y[n - 2] - 2 * y[n - 1];
}
const heatOut = (t, y) => { const d = new Array(y.length); heatIn(t, y, d); return d; };
const heatMode = (k, i) => Math.sin((Math.PI * k * (i + 1)) / (HEAT_N + 1));
function heatY0() {
  return Float64Array.from({ length: HEAT_N }, (_, i) => heatMode(HEAT_MODE, i) + HEAT_FAST_AMP * heatMode(HEAT_FAST_MODE, i));
}
// sin(pi k i / (n+1)) is an exact eigenvector of the discrete Laplacian, eigenvalue -lambda(k).
const heatLambda = (k) => 2 - 2 * Math.cos((Math.PI * k) / (HEAT_N + 1));

// --- checks ----------------------------------------------------------------------------------
function checkDecay(ts, ys, tol) {
  if (ts.length === 0) throw new Error('no output');
  for (let k = 0; k < ts.length; k++) {
    const err = Math.abs(ys[k] - Math.exp(-ts[k]));
    if (!(err <= tol)) throw new Error(`decay: |y - exp(-t)| = ${err} at t = ${ts[k]}`);
  }
}
function checkArenstorf(yEnd) {
  // One period: back to the start (HNW I §II.0); an inaccurate integrator misses it by O(1).
  const err = Math.hypot(yEnd[0] - ARENSTORF_Y0[0], yEnd[1] - ARENSTORF_Y0[1]);
  if (!(err < 1e-3)) throw new Error(`arenstorf: orbit does not close, position error ${err}`);
}
function checkHeat(yEnd) {
  const slow = Math.exp(-heatLambda(HEAT_MODE) * HEAT_T);
  const fast = HEAT_FAST_AMP * Math.exp(-heatLambda(HEAT_FAST_MODE) * HEAT_T);
  let err = 0;
  for (let i = 0; i < HEAT_N; i++) err = Math.max(err, Math.abs(yEnd[i] - slow * heatMode(HEAT_MODE, i) - fast * heatMode(HEAT_FAST_MODE, i)));
  if (!(err < 2e-3)) throw new Error(`heat: max error ${err}`);
}

let lorenzRef = null;
async function lorenzReference() {
  if (lorenzRef) return lorenzRef;
  const { solveIvp } = await import('../../dist/index.js');
  const r = solveIvp(lorenzIn, [0, 2], [1, 1, 1], { rtol: 1e-12, atol: 1e-14, denseOutput: true });
  lorenzRef = r.sol;
  return lorenzRef;
}
function makeLorenzCheck(sol) {
  // Chaotic: different methods part ways after a few Lyapunov times; compare on [0, 2]
  // with a tight reference, and require the whole trajectory to stay on the attractor.
  return (ts, get) => {
    if (ts.length !== 10000) throw new Error(`lorenz: ${ts.length} output points`);
    for (let k = 0; k < ts.length; k++) {
      const y = get(k);
      if (!(Math.abs(y[0]) < 30 && Math.abs(y[1]) < 40 && y[2] > -1 && y[2] < 60)) throw new Error(`lorenz: left the attractor at t = ${ts[k]}`);
      if (ts[k] <= 2) {
        const ref = sol(ts[k]);
        const err = Math.max(Math.abs(y[0] - ref[0]), Math.abs(y[1] - ref[1]), Math.abs(y[2] - ref[2]));
        if (!(err < 1e-4)) throw new Error(`lorenz: error ${err} at t = ${ts[k]}`);
      }
    }
  };
}

// --- implementations --------------------------------------------------------------------------
function floorOf(fin, y0, nfev) {
  const n = y0.length;
  const y = Float64Array.from(y0);
  const d = new Float64Array(n);
  return () => {
    let sink = 0;
    for (let k = 0; k < nfev; k++) {
      y[0] = y0[0] + k * 1e-12; // vary the input so nothing is hoisted
      fin(k * 1e-6, y, d);
      sink += d[0];
    }
    return sink;
  };
}

async function scicompImpl(fin, tSpan, y0, opts, check) {
  const { solveIvp } = await import('../../dist/index.js');
  const run = () => solveIvp(fin, tSpan, y0, opts);
  const first = run();
  return {
    run,
    check: (r) => { if (!r.success) throw new Error(r.message); check(r); },
    floor: floorOf(fin, y0, first.nfev),
    nfev: first.nfev,
    steps: opts.tEval ? undefined : first.t.length - 1,
  };
}

async function numericImpl() {
  const mod = await import('numeric');
  return mod.default ?? mod;
}
async function odexImpl() {
  const mod = await import('odex');
  return (mod.default ?? mod).Solver;
}
/** odex on a uniform output grid: returns [ts, ys] with ys[k] the state at ts[k]. */
function odexGrid(Solver, f, t0, t1, y0, m, rtol, atol) {
  const s = new Solver(y0.length);
  s.relativeTolerance = rtol;
  s.absoluteTolerance = atol;
  s.denseOutput = true;
  s.maxSteps = 1e6;
  const ts = [];
  const ys = [];
  const dt = (t1 - t0) / (m - 1);
  const r = s.solve(f, t0, Array.from(y0), t1, s.grid(dt, (x, y) => { ts.push(x); ys.push(y.slice()); }));
  return { ts, ys, r };
}

function decayCase(t1, m) {
  const tEval = linspace(0, t1, m);
  return {
    name: `ode decay y'=-y [0,${t1}] ${m} points`,
    area: 'ode',
    impls: {
      scicomp: () => scicompImpl(decayIn, [0, t1], [1], { tEval }, (r) => checkDecay(r.t, r.y[0], 5e-3)),
      'numeric.dopri': async () => {
        const numeric = await numericImpl();
        const ts = Array.from(tEval);
        return {
          run: () => numeric.dopri(0, t1, [1], decayOut, 1e-6, 1e6).at(ts),
          check: (ys) => checkDecay(ts, ys.map((y) => y[0]), 5e-3),
        };
      },
      odex: async () => {
        const Solver = await odexImpl();
        return {
          run: () => odexGrid(Solver, decayOut, 0, t1, [1], m, 1e-3, 1e-6),
          check: ({ ts, ys }) => checkDecay(ts, ys.map((y) => y[0]), 5e-3),
        };
      },
    },
  };
}

export default [
  decayCase(10, 100),
  decayCase(100, 10000),
  {
    name: 'ode arenstorf one period rtol 1e-8 atol 1e-10',
    area: 'ode',
    impls: {
      scicomp: () => scicompImpl(arenstorfIn, [0, ARENSTORF_T], ARENSTORF_Y0, TIGHT, (r) => checkArenstorf(r.y.map((c) => c[c.length - 1]))),
      'numeric.dopri': async () => {
        const numeric = await numericImpl();
        return {
          run: () => numeric.dopri(0, ARENSTORF_T, ARENSTORF_Y0, arenstorfOut, 1e-10, 1e6),
          check: (sol) => checkArenstorf(sol.y[sol.y.length - 1]),
        };
      },
      odex: async () => {
        const Solver = await odexImpl();
        return {
          run: () => {
            const s = new Solver(4);
            s.relativeTolerance = TIGHT.rtol;
            s.absoluteTolerance = TIGHT.atol;
            s.maxSteps = 1e6;
            return s.solve(arenstorfOut, 0, ARENSTORF_Y0.slice(), ARENSTORF_T);
          },
          check: (r) => checkArenstorf(r.y),
        };
      },
    },
  },
  {
    name: 'ode lorenz [0,20] 10000 points rtol 1e-8 atol 1e-10',
    area: 'ode',
    impls: {
      scicomp: async () => {
        const check = makeLorenzCheck(await lorenzReference());
        return scicompImpl(lorenzIn, [0, 20], [1, 1, 1], { ...TIGHT, tEval: linspace(0, 20, 10000) },
          (r) => check(r.t, (k) => [r.y[0][k], r.y[1][k], r.y[2][k]]));
      },
      'numeric.dopri': async () => {
        const check = makeLorenzCheck(await lorenzReference());
        const numeric = await numericImpl();
        const ts = Array.from(linspace(0, 20, 10000));
        return {
          run: () => numeric.dopri(0, 20, [1, 1, 1], lorenzOut, 1e-10, 1e6).at(ts),
          check: (ys) => check(ts, (k) => ys[k]),
        };
      },
      odex: async () => {
        const check = makeLorenzCheck(await lorenzReference());
        const Solver = await odexImpl();
        return {
          run: () => odexGrid(Solver, lorenzOut, 0, 20, [1, 1, 1], 10000, TIGHT.rtol, TIGHT.atol),
          check: ({ ts, ys }) => check(ts, (k) => ys[k]),
        };
      },
    },
  },
  {
    name: `ode heat equation n=${HEAT_N} (method of lines) [0,${HEAT_T}]`,
    area: 'ode',
    impls: {
      scicomp: () => scicompImpl(heatIn, [0, HEAT_T], heatY0(), {}, (r) => checkHeat(r.y.map((c) => c[c.length - 1]))),
      'numeric.dopri': async () => {
        const numeric = await numericImpl();
        const y0 = Array.from(heatY0());
        return {
          run: () => numeric.dopri(0, HEAT_T, y0, heatOut, 1e-6, 1e6),
          check: (sol) => checkHeat(sol.y[sol.y.length - 1]),
        };
      },
      odex: async () => {
        const Solver = await odexImpl();
        const y0 = Array.from(heatY0());
        return {
          run: () => {
            const s = new Solver(HEAT_N);
            s.relativeTolerance = 1e-3;
            s.absoluteTolerance = 1e-6;
            s.maxSteps = 1e6;
            return s.solve(heatOut, 0, y0, HEAT_T);
          },
          check: (r) => checkHeat(r.y),
        };
      },
    },
  },
];

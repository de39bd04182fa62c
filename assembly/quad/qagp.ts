/**
 * qagp: globally adaptive integration over (a, b) with user-supplied break points, where
 * the integrand may be singular or discontinuous (QUADPACK dqagpe). Reverse communication
 * as in qags.ts:
 *
 *   task = qagp_init(ws, a, b, npts2, points, epsabs, epsrel, limit)
 *   while (task == TASK_NEED_F) { evaluate I_NNODES abscissae; task = qagp_resume(ws) }
 *
 * `points` holds npts2 - 2 break points strictly inside (a, b) (any order: they are sorted
 * as dqagpe sorts them). The first request covers all npts2 - 1 initial intervals at once
 * (21 abscissae each); later requests are bisections (42 abscissae). Unlike dqagse, the
 * "small interval" test uses bisection levels (level[], levmax) and extrapolation starts
 * from the third estimate (the bisection loop itself is qsubdiv.ts, shared with qags.ts).
 * neval = 21·(npts2 − 1) + 42 per bisection, as in dqagpe.
 *
 * Workspace: qagp_workspace_size(limit, npts2) bytes, all state included; overwrites ws.
 * I_IER: as in qags.ts (0 success, 1 limit, 2 roundoff, 3 bad integrand, 4 extrapolation
 * roundoff, 5 divergent). Invalid input (ier = 6) is rejected by the TypeScript caller;
 * limit < npts2 gives ier = 1 after the first pass, as in dqagpe (there only when points
 * exist; here also without, where dqagpe would read an unset element).
 *
 * References: Piessens et al., QUADPACK (Springer 1983), §3.4 (QAGP).
 */
import {
  EPMACH,
  F_EPSABS, F_EPSREL, F_RESULT, F_ABSERR, F_ERLARG, F_ERTEST, F_A1, F_B1, F_A2, F_B2,
  F_RULE_OUT, F_SIGN,
  I_LIMIT, I_LAST, I_MAXERR, I_NUMRL2, I_IER, I_NEVAL, I_STATE, I_NNODES, I_LEVMAX,
  I_NINT, I_LEVCUR,
  I_XPTR, I_FPTR, I_ALIST, I_BLIST, I_RLIST, I_ELIST, I_IORD, I_LEVEL, I_PTS, I_NDIN,
  TASK_DONE, TASK_NEED_F, STATE_FIRST, STATE_BISECT, STATE_DONE,
  hf, setHf, hi, setHi, hp, slotPtr, fget, fset, iget, iset, layoutArrays, setProblem,
} from "./layout";
import { qk21, qk21Nodes, QK21_NODES } from "./qk21";
import { GO_CONTINUE, subdivStart, subdivHalve, subdivStep, finalResult } from "./qsubdiv";

@inline function nodeCap(npts2: i32): i32 {
  const first = QK21_NODES * (npts2 - 1);
  return first > 2 * QK21_NODES ? first : 2 * QK21_NODES;
}

/** Bytes of workspace for qagp_init with this `limit` and npts2 = break points + 2. */
export function qagp_workspace_size(limit: i32, npts2: i32): i32 {
  const lim = limit > npts2 ? limit : npts2;
  return <i32>layoutArrays(0, lim, nodeCap(npts2), npts2, false);
}

export function qagp_init(ws: usize, a: f64, b: f64, npts2: i32, points: usize, epsabs: f64, epsrel: f64, limit: i32): i32 {
  const lim = limit > npts2 ? limit : npts2;
  layoutArrays(ws, lim, nodeCap(npts2), npts2, true);
  setProblem(ws, 0, a, b, epsabs, epsrel, limit);
  const npts = npts2 - 2;
  const pts = hp(ws, I_PTS);
  setHf(ws, F_SIGN, a > b ? -1.0 : 1.0);
  fset(pts, 1, Math.min(a, b));
  for (let i = 1; i <= npts; i++) fset(pts, i + 1, load<f64>(points + (<usize>(i - 1) << 3)));
  fset(pts, npts + 2, Math.max(a, b));
  const nint = npts + 1;
  setHi(ws, I_NINT, nint);
  if (npts != 0) {
    // Sort the break points into ascending order (the exchange sort of dqagpe).
    const nintp1 = nint + 1;
    for (let i = 1; i <= nint; i++) {
      for (let j = i + 1; j <= nintp1; j++) {
        if (!(fget(pts, i) <= fget(pts, j))) {
          const temp = fget(pts, i);
          fset(pts, i, fget(pts, j));
          fset(pts, j, temp);
        }
      }
    }
  }
  const x = hp(ws, I_XPTR);
  for (let i = 1; i <= nint; i++) {
    qk21Nodes(fget(pts, i), fget(pts, i + 1), x + (<usize>((i - 1) * QK21_NODES) << 3));
  }
  setHi(ws, I_NNODES, nint * QK21_NODES);
  setHi(ws, I_STATE, STATE_FIRST);
  return TASK_NEED_F;
}

export function qagp_resume(ws: usize): i32 {
  const state = hi(ws, I_STATE);
  if (state == STATE_FIRST) return first(ws);
  if (state == STATE_BISECT) return bisect(ws);
  return TASK_DONE;
}

/** Leave (I_IER already final) with the result signed for a > b. */
function done(ws: usize, last: i32): i32 {
  setHi(ws, I_LAST, last);
  setHf(ws, F_RESULT, hf(ws, F_RESULT) * hf(ws, F_SIGN));
  setHi(ws, I_STATE, STATE_DONE);
  return TASK_DONE;
}

function first(ws: usize): i32 {
  const nint = hi(ws, I_NINT);
  const npts2 = nint + 1;
  const limit = hi(ws, I_LIMIT);
  const epsabs = hf(ws, F_EPSABS);
  const epsrel = hf(ws, F_EPSREL);
  const pts = hp(ws, I_PTS);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  const rlist = hp(ws, I_RLIST);
  const elist = hp(ws, I_ELIST);
  const iord = hp(ws, I_IORD);
  const level = hp(ws, I_LEVEL);
  const ndin = hp(ws, I_NDIN);
  const fv = hp(ws, I_FPTR);
  const out = slotPtr(ws, F_RULE_OUT);
  let result: f64 = 0;
  let abserr: f64 = 0;
  let resabs: f64 = 0;
  let a1 = fget(pts, 1);
  for (let i = 1; i <= nint; i++) {
    const b1 = fget(pts, i + 1);
    qk21(a1, b1, fv + (<usize>((i - 1) * QK21_NODES) << 3), out);
    const area1 = load<f64>(out);
    const error1 = load<f64>(out, 8);
    const defabs = load<f64>(out, 16);
    const resa = load<f64>(out, 24);
    abserr += error1;
    result += area1;
    iset(ndin, i, error1 == resa && error1 != 0 ? 1 : 0);
    resabs += defabs;
    iset(level, i, 0);
    fset(elist, i, error1);
    fset(alist, i, a1);
    fset(blist, i, b1);
    fset(rlist, i, area1);
    iset(iord, i, i);
    a1 = b1;
  }
  let errsum: f64 = 0;
  for (let i = 1; i <= nint; i++) {
    if (iget(ndin, i) == 1) fset(elist, i, abserr);
    errsum += fget(elist, i);
  }
  setHi(ws, I_NEVAL, QK21_NODES * nint);
  const dres = Math.abs(result);
  const errbnd = Math.max(epsabs, epsrel * dres);
  let ier = 0;
  if (abserr <= 100.0 * EPMACH * resabs && abserr > errbnd) ier = 2;
  if (nint > 1) {
    const npts = nint - 1;
    for (let i = 1; i <= npts; i++) {
      const jlow = i + 1;
      let ind1 = iget(iord, i);
      let k = 0;
      for (let j = jlow; j <= nint; j++) {
        const ind2 = iget(iord, j);
        if (!(fget(elist, ind1) > fget(elist, ind2))) {
          ind1 = ind2;
          k = j;
        }
      }
      if (ind1 != iget(iord, i)) {
        iset(iord, k, iget(iord, i));
        iset(iord, i, ind1);
      }
    }
  }
  if (limit < npts2) ier = 1;
  setHf(ws, F_RESULT, result);
  setHf(ws, F_ABSERR, abserr);
  if (ier != 0 || abserr <= errbnd) {
    setHi(ws, I_IER, ier); // 0, 1 or 2: QUADPACK's ier > 2 shift does not apply
    return done(ws, nint);
  }

  const maxerr = iget(iord, 1);
  subdivStart(ws, result, errsum, resabs, maxerr, fget(elist, maxerr), npts2);
  setHi(ws, I_NUMRL2, 1);
  setHf(ws, F_ERLARG, errsum);
  setHf(ws, F_ERTEST, errbnd);
  setHi(ws, I_LEVMAX, 1);
  emitBisection(ws);
  return TASK_NEED_F;
}

function emitBisection(ws: usize): void {
  setHi(ws, I_LEVCUR, iget(hp(ws, I_LEVEL), hi(ws, I_MAXERR)) + 1);
  subdivHalve(ws);
  const b1 = hf(ws, F_B1);
  const x = hp(ws, I_XPTR);
  qk21Nodes(hf(ws, F_A1), b1, x);
  qk21Nodes(b1, hf(ws, F_B2), x + (<usize>QK21_NODES << 3));
  setHi(ws, I_NNODES, 2 * QK21_NODES);
  setHi(ws, I_STATE, STATE_BISECT);
}

function bisect(ws: usize): i32 {
  const out = slotPtr(ws, F_RULE_OUT);
  const fv = hp(ws, I_FPTR);
  qk21(hf(ws, F_A1), hf(ws, F_B1), fv, out);
  const area1 = load<f64>(out);
  const error1 = load<f64>(out, 8);
  const defab1 = load<f64>(out, 24);
  qk21(hf(ws, F_A2), hf(ws, F_B2), fv + (<usize>QK21_NODES << 3), out);
  setHi(ws, I_NEVAL, hi(ws, I_NEVAL) + 2 * QK21_NODES);
  const last = hi(ws, I_LAST);
  const level = hp(ws, I_LEVEL);
  const levcur = hi(ws, I_LEVCUR);
  iset(level, hi(ws, I_MAXERR), levcur);
  iset(level, last, levcur);
  const go = subdivStep(ws, area1, error1, defab1, load<f64>(out), load<f64>(out, 8), load<f64>(out, 24), true);
  if (go == GO_CONTINUE) {
    setHi(ws, I_LAST, last + 1);
    emitBisection(ws);
    return TASK_NEED_F;
  }
  finalResult(ws, go, last);
  return done(ws, last);
}

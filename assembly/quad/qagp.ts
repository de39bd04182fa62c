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
 * from the third estimate. neval = 21·(npts2 − 1) + 42 per bisection, as in dqagpe.
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
  EPMACH, OFLOW, UFLOW,
  F_A, F_B, F_EPSABS, F_EPSREL, F_RESULT, F_ABSERR, F_AREA, F_ERRSUM, F_ERRMAX,
  F_ERLARG, F_ERTEST, F_CORREC, F_ERLAST, F_DEFABS, F_A1, F_B1, F_A2, F_B2,
  F_RULE_OUT, F_QELG_OUT, F_SIGN,
  I_LIMIT, I_INF, I_LAST, I_MAXERR, I_NRMAX, I_NRES, I_NUMRL2, I_KTMIN, I_EXTRAP, I_NOEXT,
  I_IERRO, I_IROFF1, I_IROFF2, I_IROFF3, I_KSGN, I_IER, I_NEVAL, I_STATE, I_NNODES, I_LEVMAX,
  I_NINT, I_LEVCUR,
  I_XPTR, I_FPTR, I_ALIST, I_BLIST, I_RLIST, I_ELIST, I_RLIST2, I_RES3LA, I_IORD, I_LEVEL, I_PTS, I_NDIN,
  TASK_DONE, TASK_NEED_F, STATE_FIRST, STATE_BISECT, STATE_DONE,
  hf, setHf, hi, setHi, hp, slotPtr, islotPtr, fget, fset, iget, iset, layoutArrays,
} from "./layout";
import { qk21, qk21Nodes, QK21_NODES } from "./qk21";
import { qpsrt } from "./qpsrt";
import { qelg } from "./qelg";
import { finalResult } from "./qags";

const SAME_AREA: f64 = 1.0e-5;
const ERROR_DECREASE: f64 = 0.99;
const KTMIN_MAX: i32 = 5;

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
  setHf(ws, F_A, a);
  setHf(ws, F_B, b);
  setHf(ws, F_EPSABS, epsabs);
  setHf(ws, F_EPSREL, epsrel);
  setHi(ws, I_LIMIT, limit);
  setHi(ws, I_INF, 0);
  setHi(ws, I_IER, 0);
  setHf(ws, F_RESULT, 0);
  setHf(ws, F_ABSERR, 0);
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

function done(ws: usize, ier: i32, last: i32): i32 {
  if (ier > 2) ier--;
  setHi(ws, I_IER, ier);
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
  let last = nint;
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
  if (ier != 0 || abserr <= errbnd) return done(ws, ier, last);

  fset(hp(ws, I_RLIST2), 1, result);
  const maxerr = iget(iord, 1);
  setHi(ws, I_MAXERR, maxerr);
  setHf(ws, F_ERRMAX, fget(elist, maxerr));
  setHf(ws, F_AREA, result);
  setHf(ws, F_ERRSUM, errsum);
  setHi(ws, I_NRMAX, 1);
  setHi(ws, I_NRES, 0);
  setHi(ws, I_NUMRL2, 1);
  setHi(ws, I_KTMIN, 0);
  setHi(ws, I_EXTRAP, 0);
  setHi(ws, I_NOEXT, 0);
  setHf(ws, F_ERLARG, errsum);
  setHf(ws, F_ERTEST, errbnd);
  setHi(ws, I_LEVMAX, 1);
  setHi(ws, I_IROFF1, 0);
  setHi(ws, I_IROFF2, 0);
  setHi(ws, I_IROFF3, 0);
  setHi(ws, I_IERRO, 0);
  setHf(ws, F_CORREC, 0);
  setHf(ws, F_ABSERR, OFLOW);
  setHf(ws, F_DEFABS, resabs);
  setHi(ws, I_KSGN, dres >= (1.0 - 50.0 * EPMACH) * resabs ? 1 : -1);
  setHi(ws, I_IER, 0);
  setHi(ws, I_LAST, npts2);
  emitBisection(ws);
  return TASK_NEED_F;
}

function emitBisection(ws: usize): void {
  const maxerr = hi(ws, I_MAXERR);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  setHi(ws, I_LEVCUR, iget(hp(ws, I_LEVEL), maxerr) + 1);
  const a1 = fget(alist, maxerr);
  const b1 = 0.5 * (fget(alist, maxerr) + fget(blist, maxerr));
  const b2 = fget(blist, maxerr);
  setHf(ws, F_A1, a1);
  setHf(ws, F_B1, b1);
  setHf(ws, F_A2, b1);
  setHf(ws, F_B2, b2);
  setHf(ws, F_ERLAST, hf(ws, F_ERRMAX));
  const x = hp(ws, I_XPTR);
  qk21Nodes(a1, b1, x);
  qk21Nodes(b1, b2, x + (<usize>QK21_NODES << 3));
  setHi(ws, I_NNODES, 2 * QK21_NODES);
  setHi(ws, I_STATE, STATE_BISECT);
}

const GO_CONTINUE: i32 = 0; // 160
const GO_FINAL: i32 = 1; // 170
const GO_SUM: i32 = 2; // 190

function bisect(ws: usize): i32 {
  const limit = hi(ws, I_LIMIT);
  const last = hi(ws, I_LAST);
  const epsabs = hf(ws, F_EPSABS);
  const epsrel = hf(ws, F_EPSREL);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  const rlist = hp(ws, I_RLIST);
  const elist = hp(ws, I_ELIST);
  const iord = hp(ws, I_IORD);
  const level = hp(ws, I_LEVEL);
  const levcur = hi(ws, I_LEVCUR);
  const a1 = hf(ws, F_A1);
  const b1 = hf(ws, F_B1);
  const a2 = hf(ws, F_A2);
  const b2 = hf(ws, F_B2);
  const erlast = hf(ws, F_ERLAST);
  let maxerr = hi(ws, I_MAXERR);
  let errmax = hf(ws, F_ERRMAX);
  let nrmax = hi(ws, I_NRMAX);
  let area = hf(ws, F_AREA);
  let errsum = hf(ws, F_ERRSUM);
  let abserr = hf(ws, F_ABSERR);
  let result = hf(ws, F_RESULT);
  let erlarg = hf(ws, F_ERLARG);
  let ertest = hf(ws, F_ERTEST);
  let correc = hf(ws, F_CORREC);
  let levmax = hi(ws, I_LEVMAX);
  let ktmin = hi(ws, I_KTMIN);
  let extrap = hi(ws, I_EXTRAP) != 0;
  let noext = hi(ws, I_NOEXT) != 0;
  let ierro = hi(ws, I_IERRO);
  let iroff1 = hi(ws, I_IROFF1);
  let iroff2 = hi(ws, I_IROFF2);
  let iroff3 = hi(ws, I_IROFF3);
  let ier = hi(ws, I_IER);

  const out = slotPtr(ws, F_RULE_OUT);
  const fv = hp(ws, I_FPTR);
  qk21(a1, b1, fv, out);
  const area1 = load<f64>(out);
  const error1 = load<f64>(out, 8);
  const defab1 = load<f64>(out, 24);
  qk21(a2, b2, fv + (<usize>QK21_NODES << 3), out);
  const area2 = load<f64>(out);
  const error2 = load<f64>(out, 8);
  const defab2 = load<f64>(out, 24);
  setHi(ws, I_NEVAL, hi(ws, I_NEVAL) + 2 * QK21_NODES);

  const area12 = area1 + area2;
  const erro12 = error1 + error2;
  errsum = errsum + erro12 - errmax;
  area = area + area12 - fget(rlist, maxerr);
  if (!(defab1 == error1 || defab2 == error2)) {
    if (!(Math.abs(fget(rlist, maxerr) - area12) > SAME_AREA * Math.abs(area12) || erro12 < ERROR_DECREASE * errmax)) {
      if (extrap) iroff2++;
      else iroff1++;
    }
    if (last > 10 && erro12 > errmax) iroff3++;
  }
  iset(level, maxerr, levcur);
  iset(level, last, levcur);
  fset(rlist, maxerr, area1);
  fset(rlist, last, area2);
  const errbnd = Math.max(epsabs, epsrel * Math.abs(area));
  if (iroff1 + iroff2 >= 10 || iroff3 >= 20) ier = 2;
  if (iroff2 >= 5) ierro = 3;
  if (last == limit) ier = 1;
  if (Math.max(Math.abs(a1), Math.abs(b2)) <= (1.0 + 100.0 * EPMACH) * (Math.abs(a2) + 1000.0 * UFLOW)) ier = 4;

  if (!(error2 > error1)) {
    fset(alist, last, a2);
    fset(blist, maxerr, b1);
    fset(blist, last, b2);
    fset(elist, maxerr, error1);
    fset(elist, last, error2);
  } else {
    fset(alist, maxerr, a2);
    fset(alist, last, a1);
    fset(blist, last, b1);
    fset(rlist, maxerr, area2);
    fset(rlist, last, area1);
    fset(elist, maxerr, error2);
    fset(elist, last, error1);
  }
  setHi(ws, I_MAXERR, maxerr);
  setHi(ws, I_NRMAX, nrmax);
  qpsrt(limit, last, islotPtr(ws, I_MAXERR), slotPtr(ws, F_ERRMAX), elist, iord, islotPtr(ws, I_NRMAX));
  maxerr = hi(ws, I_MAXERR);
  nrmax = hi(ws, I_NRMAX);
  errmax = hf(ws, F_ERRMAX);

  let go = GO_CONTINUE;
  if (errsum <= errbnd) {
    go = GO_SUM;
  } else if (ier != 0) {
    go = GO_FINAL;
  } else if (!noext) {
    erlarg = erlarg - erlast;
    if (levcur + 1 <= levmax) erlarg = erlarg + erro12;
    let tryExtrapolation = true;
    if (!extrap) {
      // Is the interval to be bisected next the smallest one?
      if (iget(level, maxerr) + 1 <= levmax) tryExtrapolation = false;
      else {
        extrap = true;
        nrmax = 2;
      }
    }
    if (tryExtrapolation) {
      let bisectLarge = false;
      if (!(ierro == 3 || erlarg <= ertest)) {
        const id = nrmax;
        let jupbnd = last;
        if (last > 2 + limit / 2) jupbnd = limit + 3 - last;
        for (let k = id; k <= jupbnd; k++) {
          maxerr = iget(iord, nrmax);
          errmax = fget(elist, maxerr);
          if (iget(level, maxerr) + 1 <= levmax) {
            bisectLarge = true;
            break;
          }
          nrmax++;
        }
      }
      if (!bisectLarge) {
        let numrl2 = hi(ws, I_NUMRL2) + 1;
        const rlist2 = hp(ws, I_RLIST2);
        fset(rlist2, numrl2, area);
        setHi(ws, I_NUMRL2, numrl2);
        let prepare = true;
        if (numrl2 > 2) {
          const qout = slotPtr(ws, F_QELG_OUT);
          qelg(islotPtr(ws, I_NUMRL2), rlist2, hp(ws, I_RES3LA), islotPtr(ws, I_NRES), qout);
          numrl2 = hi(ws, I_NUMRL2);
          const reseps = load<f64>(qout);
          const abseps = load<f64>(qout, 8);
          ktmin++;
          if (ktmin > KTMIN_MAX && abserr < 1.0e-3 * errsum) ier = 5;
          if (abseps < abserr) {
            ktmin = 0;
            abserr = abseps;
            result = reseps;
            correc = erlarg;
            ertest = Math.max(epsabs, epsrel * Math.abs(reseps));
            if (abserr < ertest) {
              go = GO_FINAL;
              prepare = false;
            }
          }
          if (prepare) {
            if (numrl2 == 1) noext = true;
            if (ier >= 5) {
              go = GO_FINAL;
              prepare = false;
            }
          }
        }
        if (prepare) {
          maxerr = iget(iord, 1);
          errmax = fget(elist, maxerr);
          nrmax = 1;
          extrap = false;
          levmax++;
          erlarg = errsum;
        }
      }
    }
  }

  setHf(ws, F_AREA, area);
  setHf(ws, F_ERRSUM, errsum);
  setHf(ws, F_ABSERR, abserr);
  setHf(ws, F_RESULT, result);
  setHf(ws, F_CORREC, correc);
  setHi(ws, I_IER, ier);
  setHi(ws, I_IERRO, ierro);
  if (go == GO_CONTINUE) {
    setHi(ws, I_MAXERR, maxerr);
    setHf(ws, F_ERRMAX, errmax);
    setHi(ws, I_NRMAX, nrmax);
    setHf(ws, F_ERLARG, erlarg);
    setHf(ws, F_ERTEST, ertest);
    setHi(ws, I_LEVMAX, levmax);
    setHi(ws, I_KTMIN, ktmin);
    setHi(ws, I_EXTRAP, extrap ? 1 : 0);
    setHi(ws, I_NOEXT, noext ? 1 : 0);
    setHi(ws, I_IROFF1, iroff1);
    setHi(ws, I_IROFF2, iroff2);
    setHi(ws, I_IROFF3, iroff3);
    setHi(ws, I_LAST, last + 1);
    emitBisection(ws);
    return TASK_NEED_F;
  }
  finalResult(ws, go == GO_SUM, last, ier, ierro, result, abserr, area, errsum, correc, hf(ws, F_DEFABS));
  setHi(ws, I_LAST, last);
  setHf(ws, F_RESULT, hf(ws, F_RESULT) * hf(ws, F_SIGN));
  setHi(ws, I_STATE, STATE_DONE);
  return TASK_DONE;
}

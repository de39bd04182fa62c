/**
 * qags: globally adaptive integration with extrapolation over a finite interval
 * (QUADPACK dqagse) — and, with the qk15i rule on (0, 1], over an infinite range (dqagie,
 * entered through qagi.ts). Reverse communication: the driver never calls the integrand.
 *
 *   task = qags_init(ws, a, b, epsabs, epsrel, limit)      // or qagi_init(...)
 *   while (task == TASK_NEED_F) {
 *     evaluate f at the I_NNODES abscissae at I_XPTR, write the values at I_FPTR
 *     task = qags_resume(ws)
 *   }
 *   read F_RESULT, F_ABSERR, I_NEVAL, I_IER, I_LAST from the header (layout.ts)
 *
 * The first request is one rule application on (a, b); every later one is the bisection
 * of the interval with the largest error (or, while extrapolating, the nrmax-th largest):
 * both halves in one batch (42 points with qk21, 30 or 60 with qk15i). The sequence of
 * subdivisions, the roundoff counters (iroff1..3), the bad-behaviour test, the epsilon
 * extrapolation (qelg) and the final divergence test follow dqagse/dqagie statement by
 * statement, so neval and ier equal SciPy's.
 *
 * The workspace (qags_workspace_size(limit) bytes) holds every piece of state; nothing is
 * kept in globals, so calls nest (an integrand that calls quad). Overwrites only ws.
 *
 * I_IER on return (QUADPACK's ier after its final `ier > 2 → ier - 1` shift):
 *   0 requested accuracy reached; 1 `limit` subdivisions used; 2 roundoff error detected;
 *   3 extremely bad integrand behaviour; 4 the extrapolation does not converge (roundoff in
 *   the epsilon table); 5 the integral is probably divergent or slowly convergent.
 * Input checks (QUADPACK's ier = 6) are made by the TypeScript caller.
 *
 * References: Piessens, de Doncker-Kapenga, Überhuber, Kahaner, QUADPACK (Springer 1983),
 * §3.2 (QAGS) and §3.3 (QAGI); P. Wynn (1956) for the epsilon algorithm.
 */
import {
  EPMACH, OFLOW, UFLOW, HEADER_BYTES,
  F_A, F_B, F_EPSABS, F_EPSREL, F_BOUN, F_RESULT, F_ABSERR, F_AREA, F_ERRSUM, F_ERRMAX,
  F_ERLARG, F_ERTEST, F_CORREC, F_SMALL, F_ERLAST, F_DEFABS, F_A1, F_B1, F_A2, F_B2,
  F_RULE_OUT, F_QELG_OUT, F_SIGN,
  I_LIMIT, I_INF, I_LAST, I_MAXERR, I_NRMAX, I_NRES, I_NUMRL2, I_KTMIN, I_EXTRAP, I_NOEXT,
  I_IERRO, I_IROFF1, I_IROFF2, I_IROFF3, I_KSGN, I_IER, I_NEVAL, I_STATE, I_NNODES,
  I_XPTR, I_FPTR, I_ALIST, I_BLIST, I_RLIST, I_ELIST, I_RLIST2, I_RES3LA, I_IORD,
  TASK_DONE, TASK_NEED_F, STATE_FIRST, STATE_BISECT, STATE_DONE,
  hf, setHf, hi, setHi, hp, slotPtr, islotPtr, fget, fset, iget, iset, layoutArrays,
} from "./layout";
import { qk21, qk21Nodes, QK21_NODES } from "./qk21";
import { qk15i, qk15iNodes, qk15iCount } from "./qk15i";
import { qpsrt } from "./qpsrt";
import { qelg } from "./qelg";

/** Roundoff test thresholds of dqagse. */
const SAME_AREA: f64 = 1.0e-5;
const ERROR_DECREASE: f64 = 0.99;
/** The extrapolation is abandoned (ier = 5) after this many calls without improvement. */
const KTMIN_MAX: i32 = 5;

/** Bytes of workspace for qags_init / qagi_init with this `limit`. */
export function qags_workspace_size(limit: i32): i32 {
  return <i32>layoutArrays(0, limit, 60, 2, false);
}

/** Start dqagse on (a, b). Returns TASK_NEED_F (21 abscissae requested). */
export function qags_init(ws: usize, a: f64, b: f64, epsabs: f64, epsrel: f64, limit: i32): i32 {
  return start(ws, 0, a, b, 0, epsabs, epsrel, limit);
}

/**
 * Shared entry of qags_init and qagi_init: inf = 0 is the finite interval (a, b) with
 * qk21; inf = 1, -1, 2 is dqagie on (0, 1] with qk15i and bound `boun`.
 */
export function start(ws: usize, inf: i32, a: f64, b: f64, boun: f64, epsabs: f64, epsrel: f64, limit: i32): i32 {
  layoutArrays(ws, limit, 60, 2, true);
  setHf(ws, F_A, a);
  setHf(ws, F_B, b);
  setHf(ws, F_BOUN, boun);
  setHf(ws, F_EPSABS, epsabs);
  setHf(ws, F_EPSREL, epsrel);
  setHf(ws, F_SIGN, 1.0);
  setHi(ws, I_LIMIT, limit);
  setHi(ws, I_INF, inf);
  setHi(ws, I_IER, 0);
  setHi(ws, I_NEVAL, 0);
  setHi(ws, I_LAST, 0);
  setHf(ws, F_RESULT, 0);
  setHf(ws, F_ABSERR, 0);
  fset(hp(ws, I_ALIST), 1, a);
  fset(hp(ws, I_BLIST), 1, b);
  fset(hp(ws, I_RLIST), 1, 0);
  fset(hp(ws, I_ELIST), 1, 0);
  setHi(ws, I_NNODES, emitRule(ws, inf, boun, a, b, hp(ws, I_XPTR)));
  setHi(ws, I_STATE, STATE_FIRST);
  return TASK_NEED_F;
}

/** Continue after the integrand values have been stored. */
export function qags_resume(ws: usize): i32 {
  const state = hi(ws, I_STATE);
  if (state == STATE_FIRST) return first(ws);
  if (state == STATE_BISECT) return bisect(ws);
  return TASK_DONE;
}

@inline function emitRule(ws: usize, inf: i32, boun: f64, a: f64, b: f64, x: usize): i32 {
  if (inf == 0) {
    qk21Nodes(a, b, x);
    return QK21_NODES;
  }
  qk15iNodes(boun, inf, a, b, x);
  return qk15iCount(inf);
}

@inline function applyRule(ws: usize, inf: i32, a: f64, b: f64, fv: usize, out: usize): void {
  if (inf == 0) qk21(a, b, fv, out);
  else qk15i(inf, a, b, fv, out);
}

function first(ws: usize): i32 {
  const inf = hi(ws, I_INF);
  const limit = hi(ws, I_LIMIT);
  const a = hf(ws, F_A);
  const b = hf(ws, F_B);
  const epsabs = hf(ws, F_EPSABS);
  const epsrel = hf(ws, F_EPSREL);
  const out = slotPtr(ws, F_RULE_OUT);
  applyRule(ws, inf, a, b, hp(ws, I_FPTR), out);
  const result = load<f64>(out);
  const abserr = load<f64>(out, 8);
  const defabs = load<f64>(out, 16);
  const resabs = load<f64>(out, 24);
  const rlist = hp(ws, I_RLIST);
  const elist = hp(ws, I_ELIST);
  const dres = Math.abs(result);
  const errbnd = Math.max(epsabs, epsrel * dres);
  fset(rlist, 1, result);
  fset(elist, 1, abserr);
  iset(hp(ws, I_IORD), 1, 1);
  let ier = 0;
  if (abserr <= 100.0 * EPMACH * defabs && abserr > errbnd) ier = 2;
  if (limit == 1) ier = 1;
  if (ier != 0 || (abserr <= errbnd && abserr != resabs) || abserr == 0) {
    setHf(ws, F_RESULT, result);
    setHf(ws, F_ABSERR, abserr);
    setHi(ws, I_IER, ier);
    return finishCount(ws, 1);
  }
  fset(hp(ws, I_RLIST2), 1, result);
  setHf(ws, F_ERRMAX, abserr);
  setHi(ws, I_MAXERR, 1);
  setHf(ws, F_AREA, result);
  setHf(ws, F_ERRSUM, abserr);
  setHf(ws, F_ABSERR, OFLOW);
  setHf(ws, F_RESULT, result);
  setHf(ws, F_DEFABS, defabs);
  setHf(ws, F_CORREC, 0);
  setHf(ws, F_SMALL, 0);
  setHf(ws, F_ERLARG, 0);
  setHf(ws, F_ERTEST, 0);
  setHi(ws, I_NRMAX, 1);
  setHi(ws, I_NRES, 0);
  setHi(ws, I_NUMRL2, 2);
  setHi(ws, I_KTMIN, 0);
  setHi(ws, I_EXTRAP, 0);
  setHi(ws, I_NOEXT, 0);
  setHi(ws, I_IERRO, 0);
  setHi(ws, I_IROFF1, 0);
  setHi(ws, I_IROFF2, 0);
  setHi(ws, I_IROFF3, 0);
  setHi(ws, I_KSGN, dres >= (1.0 - 50.0 * EPMACH) * defabs ? 1 : -1);
  setHi(ws, I_IER, 0);
  setHi(ws, I_LAST, 2);
  emitBisection(ws);
  return TASK_NEED_F;
}

/** Request the two halves of interval maxerr in one batch. */
function emitBisection(ws: usize): void {
  const inf = hi(ws, I_INF);
  const maxerr = hi(ws, I_MAXERR);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  const a1 = fget(alist, maxerr);
  const b1 = 0.5 * (fget(alist, maxerr) + fget(blist, maxerr));
  const b2 = fget(blist, maxerr);
  setHf(ws, F_A1, a1);
  setHf(ws, F_B1, b1);
  setHf(ws, F_A2, b1);
  setHf(ws, F_B2, b2);
  setHf(ws, F_ERLAST, hf(ws, F_ERRMAX));
  const boun = hf(ws, F_BOUN);
  const x = hp(ws, I_XPTR);
  const n = emitRule(ws, inf, boun, a1, b1, x);
  emitRule(ws, inf, boun, b1, b2, x + (<usize>n << 3));
  setHi(ws, I_NNODES, 2 * n);
  setHi(ws, I_STATE, STATE_BISECT);
}

// Where the main loop leaves to (the labels of dqagse).
const GO_CONTINUE: i32 = 0; // 90: next bisection
const GO_FINAL: i32 = 1; // 100: choose between extrapolated and summed result
const GO_SUM: i32 = 2; // 115: result = sum of rlist

function bisect(ws: usize): i32 {
  const inf = hi(ws, I_INF);
  const limit = hi(ws, I_LIMIT);
  const last = hi(ws, I_LAST);
  const epsabs = hf(ws, F_EPSABS);
  const epsrel = hf(ws, F_EPSREL);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  const rlist = hp(ws, I_RLIST);
  const elist = hp(ws, I_ELIST);
  const iord = hp(ws, I_IORD);
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
  let small = hf(ws, F_SMALL);
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
  const nHalf = hi(ws, I_NNODES) >> 1;
  applyRule(ws, inf, a1, b1, fv, out);
  const area1 = load<f64>(out);
  const error1 = load<f64>(out, 8);
  const defab1 = load<f64>(out, 24);
  applyRule(ws, inf, a2, b2, fv + (<usize>nHalf << 3), out);
  const area2 = load<f64>(out);
  const error2 = load<f64>(out, 8);
  const defab2 = load<f64>(out, 24);

  // Improve the previous approximations to the integral and error, test for accuracy.
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
  fset(rlist, maxerr, area1);
  fset(rlist, last, area2);
  const errbnd = Math.max(epsabs, epsrel * Math.abs(area));

  if (iroff1 + iroff2 >= 10 || iroff3 >= 20) ier = 2;
  if (iroff2 >= 5) ierro = 3;
  if (last == limit) ier = 1;
  // Bad integrand behaviour: the interval has shrunk to the spacing of the doubles.
  if (Math.max(Math.abs(a1), Math.abs(b2)) <= (1.0 + 100.0 * EPMACH) * (Math.abs(a2) + 1000.0 * UFLOW)) ier = 4;

  // Append the newly created intervals to the list.
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
  } else if (last == 2) {
    small = inf == 0 ? Math.abs(hf(ws, F_B) - hf(ws, F_A)) * 0.375 : 0.375;
    erlarg = errsum;
    ertest = errbnd;
    fset(hp(ws, I_RLIST2), 2, area);
  } else if (!noext) {
    erlarg = erlarg - erlast;
    if (Math.abs(b1 - a1) > small) erlarg = erlarg + erro12;
    let tryExtrapolation = true;
    if (!extrap) {
      // Is the interval to be bisected next the smallest one?
      if (Math.abs(fget(blist, maxerr) - fget(alist, maxerr)) > small) tryExtrapolation = false;
      else {
        extrap = true;
        nrmax = 2;
      }
    }
    if (tryExtrapolation) {
      let bisectLarge = false;
      if (!(ierro == 3 || erlarg <= ertest)) {
        // The smallest interval has the largest error: before bisecting it, decrease the
        // error over the larger intervals (erlarg), then extrapolate.
        const id = nrmax;
        let jupbnd = last;
        if (last > 2 + limit / 2) jupbnd = limit + 3 - last;
        for (let k = id; k <= jupbnd; k++) {
          maxerr = iget(iord, nrmax);
          errmax = fget(elist, maxerr);
          if (Math.abs(fget(blist, maxerr) - fget(alist, maxerr)) > small) {
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
        const qout = slotPtr(ws, F_QELG_OUT);
        qelg(islotPtr(ws, I_NUMRL2), rlist2, hp(ws, I_RES3LA), islotPtr(ws, I_NRES), qout);
        numrl2 = hi(ws, I_NUMRL2);
        const reseps = load<f64>(qout);
        const abseps = load<f64>(qout, 8);
        ktmin++;
        if (ktmin > KTMIN_MAX && abserr < 1.0e-3 * errsum) ier = 5;
        let done = false;
        if (abseps < abserr) {
          ktmin = 0;
          abserr = abseps;
          result = reseps;
          correc = erlarg;
          ertest = Math.max(epsabs, epsrel * Math.abs(reseps));
          if (abserr <= ertest) done = true;
        }
        if (done) {
          go = GO_FINAL;
        } else {
          // Prepare the bisection of the smallest interval.
          if (numrl2 == 1) noext = true;
          if (ier == 5) {
            go = GO_FINAL;
          } else {
            maxerr = iget(iord, 1);
            errmax = fget(elist, maxerr);
            nrmax = 1;
            extrap = false;
            small = small * 0.5;
            erlarg = errsum;
          }
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
    setHf(ws, F_SMALL, small);
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
  return finalize(ws, go == GO_SUM, last, ier, ierro, result, abserr, area, errsum, correc);
}

// Final labels of dqagse (shared with qagp.ts through finalResult).
/**
 * Choose the final result and error (labels 100-130 of dqagse; 170-210 of dqagpe):
 * the extrapolated value when it is better, else the sum over the subintervals, then the
 * divergence test and QUADPACK's ier shift. Returns the final ier; writes F_RESULT, F_ABSERR.
 */
export function finalResult(ws: usize, toSum: bool, last: i32, ier: i32, ierro: i32, result: f64, abserr: f64,
  area: f64, errsum: f64, correc: f64, defabs: f64): i32 {
  // 0: go to the sum, 1: divergence test, 2: keep as is
  let step = toSum ? 0 : 1;
  if (!toSum) {
    if (abserr == OFLOW) step = 0;
    else if (ier + ierro == 0) step = 1;
    else {
      if (ierro == 3) abserr += correc;
      if (ier == 0) ier = 3;
      if (result != 0 && area != 0) {
        step = abserr / Math.abs(result) > errsum / Math.abs(area) ? 0 : 1;
      } else if (abserr > errsum) step = 0;
      else if (area == 0) step = 2;
      else step = 1;
    }
  }
  if (step == 1) {
    // Test on divergence.
    if (!(hi(ws, I_KSGN) == -1 && Math.max(Math.abs(result), Math.abs(area)) <= defabs * 0.01)) {
      if (0.01 > result / area || result / area > 100.0 || errsum > Math.abs(area)) ier = 6;
    }
  } else if (step == 0) {
    const rlist = hp(ws, I_RLIST);
    result = 0;
    for (let k = 1; k <= last; k++) result += fget(rlist, k);
    abserr = errsum;
  }
  if (ier > 2) ier--;
  setHf(ws, F_RESULT, result);
  setHf(ws, F_ABSERR, abserr);
  setHi(ws, I_IER, ier);
  return ier;
}

function finalize(ws: usize, toSum: bool, last: i32, ier: i32, ierro: i32, result: f64, abserr: f64, area: f64,
  errsum: f64, correc: f64): i32 {
  finalResult(ws, toSum, last, ier, ierro, result, abserr, area, errsum, correc, hf(ws, F_DEFABS));
  return finishCount(ws, last);
}

/** Record last and neval (42·last − 21 for qk21; 15 or 30 per qk15i application). */
function finishCount(ws: usize, last: i32): i32 {
  const inf = hi(ws, I_INF);
  setHi(ws, I_LAST, last);
  let neval = 0;
  if (inf == 0) neval = 42 * last - 21;
  else {
    neval = 30 * last - 15;
    if (inf == 2) neval *= 2;
  }
  setHi(ws, I_NEVAL, neval);
  setHi(ws, I_STATE, STATE_DONE);
  return TASK_DONE;
}

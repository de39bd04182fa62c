/**
 * qsubdiv: the bisection loop shared by the globally adaptive drivers with extrapolation —
 * qags.ts (QUADPACK dqagse, and dqagie through qagi.ts) and qagp.ts (dqagpe). The three
 * Fortran routines run the same loop; they differ only in how an interval counts as
 * "small" (dqagse/dqagie: its length is at most `small`, halved at each extrapolation
 * round; dqagpe: its bisection level is levmax, raised at each round), in when the
 * extrapolation starts, and in one comparison. `levels` selects the dqagpe variant.
 *
 *   subdivStart(ws, ...)   state of the loop after the first rule application(s)
 *   subdivHalve(ws)        the interval maxerr to bisect next: F_A1, F_B1, F_A2, F_B2
 *   subdivStep(ws, ...)    one pass of the loop after both halves were integrated:
 *                          bookkeeping, roundoff counters, the error ordering (qpsrt) and
 *                          the epsilon extrapolation (qelg); returns where to go next
 *   finalResult(ws, ...)   the labels after the loop: extrapolated or summed result,
 *                          divergence test, QUADPACK's ier shift
 *
 * All state is read from and written to the workspace (layout.ts). The statements and the
 * floating-point operations follow the Fortran routines in their order, so neval, ier and
 * the results agree bit for bit with SciPy's. Overwrites only ws.
 *
 * References: Piessens, de Doncker-Kapenga, Überhuber, Kahaner, QUADPACK (Springer 1983),
 * §3.2-3.4 (QAGS, QAGI, QAGP); P. Wynn (1956) for the epsilon algorithm.
 */
import {
  EPMACH, OFLOW, UFLOW,
  F_A, F_B, F_EPSABS, F_EPSREL, F_RESULT, F_ABSERR, F_AREA, F_ERRSUM, F_ERRMAX,
  F_ERLARG, F_ERTEST, F_CORREC, F_SMALL, F_ERLAST, F_DEFABS, F_A1, F_B1, F_A2, F_B2, F_QELG_OUT,
  I_LIMIT, I_INF, I_LAST, I_MAXERR, I_NRMAX, I_NRES, I_NUMRL2, I_KTMIN, I_EXTRAP, I_NOEXT,
  I_IERRO, I_IROFF1, I_IROFF2, I_IROFF3, I_KSGN, I_IER, I_LEVMAX, I_LEVCUR,
  I_ALIST, I_BLIST, I_RLIST, I_ELIST, I_RLIST2, I_RES3LA, I_IORD, I_LEVEL,
  hf, setHf, hi, setHi, hp, slotPtr, islotPtr, fget, fset, iget,
} from "./layout";
import { qpsrt } from "./qpsrt";
import { qelg } from "./qelg";

/** Roundoff test thresholds of dqagse/dqagpe. */
const SAME_AREA: f64 = 1.0e-5;
const ERROR_DECREASE: f64 = 0.99;
/** The extrapolation is abandoned (ier = 5) after this many calls without improvement. */
const KTMIN_MAX: i32 = 5;

/** Where a pass of the loop leaves to (labels of dqagse; dqagpe: 160, 170, 190). */
export const GO_CONTINUE: i32 = 0; // 90: next bisection
export const GO_FINAL: i32 = 1; // 100: choose between extrapolated and summed result
export const GO_SUM: i32 = 2; // 115: result = sum of rlist

/**
 * Enter the loop: the integral and error so far (result, errsum), the first interval to
 * bisect (maxerr, errmax), defabs (∫|f| estimate) for the sign test, and `last`, the
 * number of intervals after the first bisection. The counters start at zero; the fields
 * that differ between the drivers (numrl2, erlarg, ertest, small or levmax) are theirs.
 */
export function subdivStart(ws: usize, result: f64, errsum: f64, defabs: f64, maxerr: i32, errmax: f64, last: i32): void {
  fset(hp(ws, I_RLIST2), 1, result);
  setHi(ws, I_MAXERR, maxerr);
  setHf(ws, F_ERRMAX, errmax);
  setHf(ws, F_AREA, result);
  setHf(ws, F_ERRSUM, errsum);
  setHf(ws, F_ABSERR, OFLOW);
  setHf(ws, F_RESULT, result);
  setHf(ws, F_DEFABS, defabs);
  setHf(ws, F_CORREC, 0);
  setHi(ws, I_NRMAX, 1);
  setHi(ws, I_NRES, 0);
  setHi(ws, I_KTMIN, 0);
  setHi(ws, I_EXTRAP, 0);
  setHi(ws, I_NOEXT, 0);
  setHi(ws, I_IERRO, 0);
  setHi(ws, I_IROFF1, 0);
  setHi(ws, I_IROFF2, 0);
  setHi(ws, I_IROFF3, 0);
  setHi(ws, I_KSGN, Math.abs(result) >= (1.0 - 50.0 * EPMACH) * defabs ? 1 : -1);
  setHi(ws, I_IER, 0);
  setHi(ws, I_LAST, last);
}

/** Store the two halves of interval maxerr (F_A1, F_B1 = F_A2, F_B2) and its error as erlast. */
export function subdivHalve(ws: usize): void {
  const maxerr = hi(ws, I_MAXERR);
  const alist = hp(ws, I_ALIST);
  const blist = hp(ws, I_BLIST);
  const a1 = fget(alist, maxerr);
  const b1 = 0.5 * (fget(alist, maxerr) + fget(blist, maxerr));
  setHf(ws, F_A1, a1);
  setHf(ws, F_B1, b1);
  setHf(ws, F_A2, b1);
  setHf(ws, F_B2, fget(blist, maxerr));
  setHf(ws, F_ERLAST, hf(ws, F_ERRMAX));
}

/**
 * One pass of the loop, given the rule outputs on the two halves (area, error and resasc of
 * each). For `levels` (dqagpe) the caller has already set level[maxerr] and level[last].
 * Returns GO_CONTINUE (bisect maxerr next), GO_FINAL or GO_SUM (then call finalResult).
 */
export function subdivStep(ws: usize, area1: f64, error1: f64, defab1: f64, area2: f64, error2: f64, defab2: f64,
  levels: bool): i32 {
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
  let levmax = hi(ws, I_LEVMAX);
  let ktmin = hi(ws, I_KTMIN);
  let extrap = hi(ws, I_EXTRAP) != 0;
  let noext = hi(ws, I_NOEXT) != 0;
  let ierro = hi(ws, I_IERRO);
  let iroff1 = hi(ws, I_IROFF1);
  let iroff2 = hi(ws, I_IROFF2);
  let iroff3 = hi(ws, I_IROFF3);
  let ier = hi(ws, I_IER);

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
  // Maintain the descending ordering of the errors; maxerr becomes the interval to bisect next.
  qpsrt(limit, last, islotPtr(ws, I_MAXERR), slotPtr(ws, F_ERRMAX), elist, iord, islotPtr(ws, I_NRMAX));
  maxerr = hi(ws, I_MAXERR);
  nrmax = hi(ws, I_NRMAX);
  errmax = hf(ws, F_ERRMAX);

  let go = GO_CONTINUE;
  if (errsum <= errbnd) {
    go = GO_SUM;
  } else if (ier != 0) {
    go = GO_FINAL;
  } else if (!levels && last == 2) {
    // dqagse/dqagie: the extrapolation table starts with the sum over both halves.
    small = hi(ws, I_INF) == 0 ? Math.abs(hf(ws, F_B) - hf(ws, F_A)) * 0.375 : 0.375;
    erlarg = errsum;
    ertest = errbnd;
    fset(hp(ws, I_RLIST2), 2, area);
  } else if (!noext) {
    // erlarg: the error over the intervals that are not small.
    erlarg = erlarg - erlast;
    if (levels ? hi(ws, I_LEVCUR) + 1 <= levmax : Math.abs(b1 - a1) > small) erlarg = erlarg + erro12;
    let tryExtrapolation = true;
    if (!extrap) {
      // Is the interval to be bisected next the smallest one?
      if (isLarge(levels, maxerr, alist, blist, small, level, levmax)) tryExtrapolation = false;
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
          if (isLarge(levels, maxerr, alist, blist, small, level, levmax)) {
            bisectLarge = true;
            break;
          }
          nrmax++;
        }
      }
      if (!bisectLarge) {
        // Perform the extrapolation (dqagpe: from the third estimate on; dqagse/dqagie
        // always have at least three here, as they start with two).
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
            // dqagse/dqagie stop at abserr <= ertest, dqagpe only at abserr < ertest.
            if (levels ? abserr < ertest : abserr <= ertest) {
              go = GO_FINAL;
              prepare = false;
            }
          }
          if (prepare) {
            if (numrl2 == 1) noext = true;
            if (ier == 5) {
              go = GO_FINAL;
              prepare = false;
            }
          }
        }
        if (prepare) {
          // Prepare the bisection of the smallest interval.
          maxerr = iget(iord, 1);
          errmax = fget(elist, maxerr);
          nrmax = 1;
          extrap = false;
          if (levels) levmax++;
          else small = small * 0.5;
          erlarg = errsum;
        }
      }
    }
  }

  setHi(ws, I_MAXERR, maxerr);
  setHf(ws, F_ERRMAX, errmax);
  setHi(ws, I_NRMAX, nrmax);
  setHf(ws, F_AREA, area);
  setHf(ws, F_ERRSUM, errsum);
  setHf(ws, F_ABSERR, abserr);
  setHf(ws, F_RESULT, result);
  setHf(ws, F_ERLARG, erlarg);
  setHf(ws, F_ERTEST, ertest);
  setHf(ws, F_CORREC, correc);
  setHf(ws, F_SMALL, small);
  setHi(ws, I_LEVMAX, levmax);
  setHi(ws, I_KTMIN, ktmin);
  setHi(ws, I_EXTRAP, extrap ? 1 : 0);
  setHi(ws, I_NOEXT, noext ? 1 : 0);
  setHi(ws, I_IERRO, ierro);
  setHi(ws, I_IROFF1, iroff1);
  setHi(ws, I_IROFF2, iroff2);
  setHi(ws, I_IROFF3, iroff3);
  setHi(ws, I_IER, ier);
  return go;
}

/** Whether interval k is not yet small: longer than `small`, or (levels) below level levmax. */
@inline function isLarge(levels: bool, k: i32, alist: usize, blist: usize, small: f64, level: usize, levmax: i32): bool {
  return levels ? iget(level, k) + 1 <= levmax : Math.abs(fget(blist, k) - fget(alist, k)) > small;
}

/**
 * Choose the final result and error after the loop left with `go` (labels 100-130 of
 * dqagse; 170-210 of dqagpe): the extrapolated value when it is better, else the sum over
 * the `last` subintervals, then the divergence test and QUADPACK's ier shift.
 * Writes F_RESULT, F_ABSERR, I_IER; returns the final ier.
 */
export function finalResult(ws: usize, go: i32, last: i32): i32 {
  const toSum = go == GO_SUM;
  let ier = hi(ws, I_IER);
  const ierro = hi(ws, I_IERRO);
  let result = hf(ws, F_RESULT);
  let abserr = hf(ws, F_ABSERR);
  const area = hf(ws, F_AREA);
  const errsum = hf(ws, F_ERRSUM);
  // 0: go to the sum, 1: divergence test, 2: keep as is
  let step = toSum ? 0 : 1;
  if (!toSum) {
    if (abserr == OFLOW) step = 0;
    else if (ier + ierro == 0) step = 1;
    else {
      if (ierro == 3) abserr += hf(ws, F_CORREC);
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
    if (!(hi(ws, I_KSGN) == -1 && Math.max(Math.abs(result), Math.abs(area)) <= hf(ws, F_DEFABS) * 0.01)) {
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

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
 * statement, so neval and ier equal SciPy's; that loop is shared with qagp.ts (dqagpe) in
 * qsubdiv.ts, this file keeps the first pass, the rule choice and the node requests.
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
  EPMACH,
  F_A, F_B, F_EPSABS, F_EPSREL, F_BOUN, F_RESULT, F_ABSERR, F_ERLARG, F_ERTEST, F_SMALL,
  F_A1, F_B1, F_A2, F_B2, F_RULE_OUT, F_SIGN,
  I_LIMIT, I_INF, I_LAST, I_NUMRL2, I_IER, I_NEVAL, I_STATE, I_NNODES,
  I_XPTR, I_FPTR, I_ALIST, I_BLIST, I_RLIST, I_ELIST, I_IORD,
  TASK_DONE, TASK_NEED_F, STATE_FIRST, STATE_BISECT, STATE_DONE,
  hf, setHf, hi, setHi, hp, slotPtr, fset, iset, layoutArrays, setProblem,
} from "./layout";
import { qk21, qk21Nodes, QK21_NODES } from "./qk21";
import { qk15i, qk15iNodes, qk15iCount } from "./qk15i";
import { GO_CONTINUE, subdivStart, subdivHalve, subdivStep, finalResult } from "./qsubdiv";

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
  setProblem(ws, inf, a, b, epsabs, epsrel, limit);
  setHf(ws, F_BOUN, boun);
  setHf(ws, F_SIGN, 1.0);
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
  subdivStart(ws, result, abserr, defabs, 1, abserr, 2);
  setHi(ws, I_NUMRL2, 2);
  setHf(ws, F_SMALL, 0);
  setHf(ws, F_ERLARG, 0);
  setHf(ws, F_ERTEST, 0);
  emitBisection(ws);
  return TASK_NEED_F;
}

/** Request the two halves of interval maxerr in one batch. */
function emitBisection(ws: usize): void {
  subdivHalve(ws);
  const inf = hi(ws, I_INF);
  const a1 = hf(ws, F_A1);
  const b1 = hf(ws, F_B1);
  const b2 = hf(ws, F_B2);
  const boun = hf(ws, F_BOUN);
  const x = hp(ws, I_XPTR);
  const n = emitRule(ws, inf, boun, a1, b1, x);
  emitRule(ws, inf, boun, b1, b2, x + (<usize>n << 3));
  setHi(ws, I_NNODES, 2 * n);
  setHi(ws, I_STATE, STATE_BISECT);
}

function bisect(ws: usize): i32 {
  const inf = hi(ws, I_INF);
  const out = slotPtr(ws, F_RULE_OUT);
  const fv = hp(ws, I_FPTR);
  const nHalf = hi(ws, I_NNODES) >> 1;
  applyRule(ws, inf, hf(ws, F_A1), hf(ws, F_B1), fv, out);
  const area1 = load<f64>(out);
  const error1 = load<f64>(out, 8);
  const defab1 = load<f64>(out, 24);
  applyRule(ws, inf, hf(ws, F_A2), hf(ws, F_B2), fv + (<usize>nHalf << 3), out);
  const go = subdivStep(ws, area1, error1, defab1, load<f64>(out), load<f64>(out, 8), load<f64>(out, 24), false);
  const last = hi(ws, I_LAST);
  if (go == GO_CONTINUE) {
    setHi(ws, I_LAST, last + 1);
    emitBisection(ws);
    return TASK_NEED_F;
  }
  finalResult(ws, go, last);
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

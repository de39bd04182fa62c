/**
 * dcsrch: the Moré–Thuente line search (MINPACK-2), reverse communication.
 *
 * Finds a step stp > 0 satisfying the strong Wolfe conditions
 *   f(stp) <= f(0) + ftol * stp * f'(0)   and   |f'(stp)| <= gtol * |f'(0)|
 * for a one-dimensional function given by its value f and derivative g at the current stp.
 * The caller passes task LS_START with the value/derivative at stp = 0 and the first trial
 * stp; every return with LS_FG asks for f and g at the new `s.stp`. LS_CONV: the strong Wolfe
 * conditions hold; LS_WARN: no further progress is possible (rounding errors, the interval
 * of uncertainty is below xtol, or stp hit stpmax/stpmin) and stp is the best point found;
 * LS_ERROR: invalid input (stp outside [stpmin, stpmax] or g(0) >= 0).
 * The search state lives in the Lbfgsb header (brackt, stage, stx, sty, ...).
 *
 * References: Moré & Thuente (1994), Line search algorithms with guaranteed sufficient
 * decrease, ACM TOMS 20(3):286-307; MINPACK-2 dcsrch/dcstep (Averick & Moré).
 */
import { Lbfgsb, LS_START, LS_FG, LS_CONV, LS_WARN, LS_ERROR } from "./state";

/** Extrapolation limits and the bisection trigger of Moré & Thuente. */
const XTRAPL: f64 = 1.1;
const XTRAPU: f64 = 4.0;
const HALF: f64 = 0.5;
const BISECT_FRACTION: f64 = 0.66;

/**
 * One call of the search. `f`, `g`: value and derivative at s.stp. Returns the new task.
 */
export function dcsrch(s: Lbfgsb, f: f64, g: f64, ftol: f64, gtol: f64, xtol: f64,
  stpmin: f64, stpmax: f64, task: i32): i32 {
  if (task == LS_START) {
    if (s.stp < stpmin) return LS_ERROR;
    if (s.stp > stpmax) return LS_ERROR;
    if (g >= 0) return LS_ERROR;
    if (ftol < 0 || gtol < 0 || xtol < 0 || stpmin < 0 || stpmax < stpmin) return LS_ERROR;
    s.brackt = 0;
    s.stage = 1;
    s.finit = f;
    s.ginit = g;
    s.gtest = ftol * s.ginit;
    s.width = stpmax - stpmin;
    s.width1 = s.width / HALF;
    s.stx = 0;
    s.fx = s.finit;
    s.gx = s.ginit;
    s.sty = 0;
    s.fy = s.finit;
    s.gy = s.ginit;
    s.stmin = 0;
    s.stmax = s.stp + XTRAPU * s.stp;
    return LS_FG;
  }

  const stp = s.stp;
  const ftest = s.finit + stp * s.gtest;
  if (s.stage == 1 && f <= ftest && g >= 0) s.stage = 2;

  let result = LS_FG;
  if (s.brackt && (stp <= s.stmin || stp >= s.stmax)) result = LS_WARN;
  if (s.brackt && s.stmax - s.stmin <= xtol * s.stmax) result = LS_WARN;
  if (stp == stpmax && f <= ftest && g <= s.gtest) result = LS_WARN;
  if (stp == stpmin && (f > ftest || g >= s.gtest)) result = LS_WARN;
  if (f <= ftest && Math.abs(g) <= gtol * (-s.ginit)) result = LS_CONV;
  if (result != LS_FG) return result;

  if (s.stage == 1 && f <= s.fx && f > ftest) {
    // The modified function psi(stp) = f(stp) - f(0) - ftol*stp*f'(0) predicts the step
    // while a lower value has been found but sufficient decrease has not.
    const gtest = s.gtest;
    s.fx = s.fx - s.stx * gtest;
    s.fy = s.fy - s.sty * gtest;
    s.gx = s.gx - gtest;
    s.gy = s.gy - gtest;
    dcstep(s, f - stp * gtest, g - gtest);
    s.fx = s.fx + s.stx * gtest;
    s.fy = s.fy + s.sty * gtest;
    s.gx = s.gx + gtest;
    s.gy = s.gy + gtest;
  } else {
    dcstep(s, f, g);
  }

  if (s.brackt) {
    if (Math.abs(s.sty - s.stx) >= BISECT_FRACTION * s.width1) s.stp = s.stx + HALF * (s.sty - s.stx);
    s.width1 = s.width;
    s.width = Math.abs(s.sty - s.stx);
  }
  if (s.brackt) {
    s.stmin = Math.min(s.stx, s.sty);
    s.stmax = Math.max(s.stx, s.sty);
  } else {
    s.stmin = s.stp + XTRAPL * (s.stp - s.stx);
    s.stmax = s.stp + XTRAPU * (s.stp - s.stx);
  }
  s.stp = Math.max(s.stp, stpmin);
  s.stp = Math.min(s.stp, stpmax);
  if ((s.brackt && (s.stp <= s.stmin || s.stp >= s.stmax)) || (s.brackt && s.stmax - s.stmin <= xtol * s.stmax)) {
    s.stp = s.stx;
  }
  return LS_FG;
}

/**
 * dcstep: a safeguarded cubic/quadratic step and the update of the interval of
 * uncertainty [stx, sty] (Moré & Thuente 1994, section 4). fp, dp: value and derivative at
 * s.stp; the step bounds are s.stmin and s.stmax.
 */
function dcstep(s: Lbfgsb, fp: f64, dp: f64): void {
  const stx = s.stx, fx = s.fx, dx = s.gx;
  const sty = s.sty, fy = s.fy, dy = s.gy;
  const stp = s.stp;
  const stpmin = s.stmin, stpmax = s.stmax;
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: f64;

  if (fp > fx) {
    // Case 1: a higher value. The minimum is bracketed.
    const theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt((theta / sm) * (theta / sm) - (dx / sm) * (dp / sm));
    if (stp < stx) gamma = -gamma;
    const p = (gamma - dx) + theta;
    const q = ((gamma - dx) + gamma) + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx);
    if (Math.abs(stpc - stx) < Math.abs(stpq - stx)) stpf = stpc;
    else stpf = stpc + (stpq - stpc) / 2.0;
    s.brackt = 1;
  } else if (sgnd < 0) {
    // Case 2: lower value, derivatives of opposite sign. Bracketed.
    const theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt((theta / sm) * (theta / sm) - (dx / sm) * (dp / sm));
    if (stp > stx) gamma = -gamma;
    const p = (gamma - dp) + theta;
    const q = ((gamma - dp) + gamma) + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (Math.abs(stpc - stp) > Math.abs(stpq - stp)) stpf = stpc;
    else stpf = stpq;
    s.brackt = 1;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same sign, the derivative decreases in magnitude.
    const theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
    let gamma = sm * Math.sqrt(Math.max(0.0, (theta / sm) * (theta / sm) - (dx / sm) * (dp / sm)));
    if (stp > stx) gamma = -gamma;
    const p = (gamma - dp) + theta;
    const q = (gamma + (dx - dp)) + gamma;
    const r = p / q;
    let stpc: f64;
    if (r < 0 && gamma != 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (s.brackt) {
      if (Math.abs(stpc - stp) < Math.abs(stpq - stp)) stpf = stpc;
      else stpf = stpq;
      if (stp > stx) stpf = Math.min(stp + BISECT_FRACTION * (sty - stp), stpf);
      else stpf = Math.max(stp + BISECT_FRACTION * (sty - stp), stpf);
    } else {
      if (Math.abs(stpc - stp) > Math.abs(stpq - stp)) stpf = stpc;
      else stpf = stpq;
      stpf = Math.min(stpmax, stpf);
      stpf = Math.max(stpmin, stpf);
    }
  } else {
    // Case 4: lower value, same sign, the derivative does not decrease in magnitude.
    if (s.brackt) {
      const theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp;
      const sm = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
      let gamma = sm * Math.sqrt((theta / sm) * (theta / sm) - (dy / sm) * (dp / sm));
      if (stp > sty) gamma = -gamma;
      const p = (gamma - dp) + theta;
      const q = ((gamma - dp) + gamma) + dy;
      const r = p / q;
      stpf = stp + r * (sty - stp);
    } else if (stp > stx) {
      stpf = stpmax;
    } else {
      stpf = stpmin;
    }
  }

  if (fp > fx) {
    s.sty = stp;
    s.fy = fp;
    s.gy = dp;
  } else {
    if (sgnd < 0) {
      s.sty = stx;
      s.fy = fx;
      s.gy = dx;
    }
    s.stx = stp;
    s.fx = fp;
    s.gx = dp;
  }
  s.stp = stpf;
}

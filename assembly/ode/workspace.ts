/**
 * Workspace layout shared by the explicit Runge–Kutta steppers (dopri5, rk23) and their
 * dense output. Everything a stepper needs between two calls lives here, in memory that
 * the TypeScript driver allocates and owns, so the kernels keep no globals and nested or
 * interleaved integrations never share state.
 *
 * Layout (f64 slots): a header of HEADER scalars, then vectors of length n:
 *   ATOL, Y, Y_OLD, Y_NEW, Y_IN, F_OUT, K[0..K_ROWS-1], Q[0..Q_COLS-1]
 * Reverse-communication mailbox: on NEED_F the driver evaluates f(header[T_STAGE], Y_IN)
 * and writes the derivative in place into K[header[STAGE]] before calling back (F_OUT is
 * reserved, unused).
 */

/** Header slots (f64 index). */
export const H_T: i32 = 0; // current time (start of the next step)
export const H_T_BOUND: i32 = 1; // end of the integration interval
export const H_H_ABS: i32 = 2; // suggested |h| for the next attempt
export const H_DIR: i32 = 3; // +1 forwards, -1 backwards
export const H_MAX_STEP: i32 = 4; // largest |h| allowed (may be +Infinity)
export const H_RTOL: i32 = 5; // relative tolerance (scalar)
export const H_T_OLD: i32 = 6; // start of the last accepted step
export const H_H: i32 = 7; // signed size of the last accepted step (t - t_old)
export const H_T_STAGE: i32 = 8; // on NEED_F: the time at which f is wanted
export const H_STATE: i32 = 9; // resume point of the state machine (see ST_*)
export const H_ERR_NORM: i32 = 10; // RMS error norm of the last attempt
export const H_REJECTED: i32 = 11; // 1 once the current step had a rejected attempt
export const H_T_NEW: i32 = 12; // end of the current attempt
export const H_MIN_STEP: i32 = 13; // 10 ulp(t) in the direction of integration
export const H_H0: i32 = 14; // initial-step selection: trial step h0
export const H_D1: i32 = 15; // initial-step selection: ||f0 / scale||
export const H_HCUR: i32 = 16; // signed size of the current attempt
export const H_BAD_INDEX: i32 = 17; // on BAD_F: the first non-finite component
export const H_FIRST_STEP: i32 = 18; // 0: select automatically, else |h| of the first step
export const H_STAGE: i32 = 19; // on NEED_F: the K row that receives the derivative
export const H_ATTEMPTS: i32 = 20; // step attempts so far (accepted + rejected)
export const H_D0: i32 = 21; // initial-step selection: ||y0 / scale||
export const HEADER: i32 = 32;

/** Vector slots (index of the n-vector after the header). */
export const V_ATOL: i32 = 0;
export const V_Y: i32 = 1;
export const V_Y_OLD: i32 = 2;
export const V_Y_NEW: i32 = 3;
export const V_Y_IN: i32 = 4;
export const V_F_OUT: i32 = 5;
export const V_K: i32 = 6;
/** K holds up to 7 stage derivatives (Dormand–Prince: 6 stages + f(t+h, y_new)). */
export const K_ROWS: i32 = 7;
export const V_Q: i32 = V_K + K_ROWS;
/** Dense-output coefficients: up to 4 (quartic without constant term). */
export const Q_COLS: i32 = 4;
export const N_VECTORS: i32 = V_Q + Q_COLS;

/** Task codes returned by the steppers. */
export const NEED_F: i32 = 1; // evaluate f(T_STAGE, Y_IN) into K[STAGE] and call again
export const STEP_DONE: i32 = 2; // a step was accepted: T_OLD, T, Y_OLD, Y, K describe it
export const TOO_SMALL_STEP: i32 = -1; // the step size fell below 10 ulp(t)
export const BAD_F: i32 = -2; // the derivative held a NaN or an infinity (index in BAD_INDEX)

/** Resume points of the state machine. */
export const ST_START: i32 = 0; // nothing evaluated yet: ask for f(t0, y0)
export const ST_GOT_F0: i32 = 1; // K[S] = f(t0, y0)
export const ST_GOT_F1: i32 = 2; // K[1] = f(t0 + h0, y0 + h0 f0) (initial-step selection)
export const ST_STEP: i32 = 3; // begin a new step from (T, Y, K[0])
export const ST_GOT_STAGE: i32 = 4; // K[STAGE] = derivative of that stage

/** Bytes needed for a system of n equations. */
// @ts-ignore: decorator
@inline
export function rkWorkspaceBytes(n: i32): usize {
  return (<usize>HEADER + <usize>N_VECTORS * <usize>n) << 3;
}

// @ts-ignore: decorator
@inline
export function hdr(ws: usize, slot: i32): usize {
  return ws + (<usize>slot << 3);
}

// @ts-ignore: decorator
@inline
export function vec(ws: usize, n: i32, slot: i32): usize {
  return ws + ((<usize>HEADER + <usize>slot * <usize>n) << 3);
}

// @ts-ignore: decorator
@inline
export function getH(ws: usize, slot: i32): f64 {
  return load<f64>(ws + (<usize>slot << 3));
}

// @ts-ignore: decorator
@inline
export function setH(ws: usize, slot: i32, v: f64): void {
  store<f64>(ws + (<usize>slot << 3), v);
}

/**
 * dopri5: one call of the Dormand–Prince 5(4) stepper (SciPy's RK45) by reverse
 * communication. The caller fills the workspace header (T, T_BOUND, DIR, MAX_STEP, RTOL,
 * FIRST_STEP, STATE = 0), ATOL and Y, then calls dopri5 until it returns:
 *   NEED_F (1)          evaluate f(T_STAGE, Y_IN) into K[STAGE] (in place) and call again;
 *   STEP_DONE (2)       a step was accepted (T_OLD -> T, Y_OLD -> Y); call again for the
 *                       next one (the caller decides when T has reached T_BOUND);
 *   TOO_SMALL_STEP (-1) the step size fell below 10 ulp(t): give up;
 *   BAD_F (-2)          the derivative held NaN/Infinity at component BAD_INDEX: give up.
 * Overwrites the workspace (see rk_engine.ts). dopri5_dense then writes the quartic
 * dense-output coefficients Q of the last accepted step:
 *   y(t_old + θh) = y_old + h Σ_k Q_k θ^(k+1),  k = 0..3.
 *
 * References: Dormand & Prince 1980; Shampine 1986; Hairer, Nørsett & Wanner I §II.4–II.6.
 */
import { rkAdvance, rkDenseCoefficients } from "./rk_engine";
import { rkWorkspaceBytes } from "./workspace";
import {
  DOPRI5_STAGES, DOPRI5_ERROR_ORDER, DOPRI5_DENSE_COLS,
  DOPRI5_C, DOPRI5_A, DOPRI5_B, DOPRI5_E, DOPRI5_P,
} from "./dopri5_tableau";

/** Bytes of workspace for a system of n equations. */
export function dopri5_workspace_size(n: i32): usize {
  return rkWorkspaceBytes(n);
}

export function dopri5(ws: usize, n: i32): i32 {
  return rkAdvance(ws, n, DOPRI5_STAGES, DOPRI5_ERROR_ORDER, DOPRI5_C, DOPRI5_A, DOPRI5_B, DOPRI5_E, true);
}

/** Dense-output coefficients (4 columns) of the last accepted step into the Q slots. */
export function dopri5_dense(ws: usize, n: i32): void {
  rkDenseCoefficients(ws, n, DOPRI5_STAGES, DOPRI5_DENSE_COLS, DOPRI5_P);
}

/**
 * rk23: one call of the Bogacki–Shampine 3(2) stepper (SciPy's RK23) by reverse
 * communication; same protocol, workspace and task codes as dopri5 (see dopri5.ts).
 * rk23_dense writes the cubic Hermite dense-output coefficients (3 columns):
 *   y(t_old + θh) = y_old + h Σ_k Q_k θ^(k+1),  k = 0..2.
 *
 * References: Bogacki & Shampine 1989; Hairer, Nørsett & Wanner I §II.4–II.6.
 */
import { rkAdvance, rkDenseCoefficients } from "./rk_engine";
import { rkWorkspaceBytes } from "./workspace";
import {
  RK23_STAGES, RK23_ERROR_ORDER, RK23_DENSE_COLS,
  RK23_C, RK23_A, RK23_B, RK23_E, RK23_P,
} from "./rk23_tableau";

export function rk23_workspace_size(n: i32): usize {
  return rkWorkspaceBytes(n);
}

export function rk23(ws: usize, n: i32): i32 {
  return rkAdvance(ws, n, RK23_STAGES, RK23_ERROR_ORDER, RK23_C, RK23_A, RK23_B, RK23_E);
}

export function rk23_dense(ws: usize, n: i32): void {
  rkDenseCoefficients(ws, n, RK23_STAGES, RK23_DENSE_COLS, RK23_P);
}

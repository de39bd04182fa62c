/**
 * Butcher tableau of the Bogacki–Shampine 3(2) pair and its cubic Hermite dense output,
 * in the form SciPy's RK23 uses them. Same padded layout as dopri5_tableau.ts
 * (rows of 7, P row-major 7x4) so both pairs run through one stepping engine.
 *
 * References: P. Bogacki, L. F. Shampine, "A 3(2) pair of Runge–Kutta formulas",
 * Appl. Math. Lett. 2 (1989) 321–325; Hairer, Nørsett & Wanner I, §II.6 (Hermite
 * interpolation).
 */

export const RK23_STAGES: i32 = 3;
/** Order of the embedded formula: the controller exponent is -1/3. */
export const RK23_ERROR_ORDER: i32 = 2;
export const RK23_DENSE_COLS: i32 = 3;

export const RK23_C: usize = memory.data<f64>([
  0.0,
  1.0 / 2.0, //  1/2
  3.0 / 4.0, //  3/4
  1.0, //        (FSAL: f(t+h, y_new))
  0, 0, 0,
]);

export const RK23_A: usize = memory.data<f64>([
  0, 0, 0, 0, 0, 0, 0,
  1.0 / 2.0, 0, 0, 0, 0, 0, 0, //     1/2
  0.0, 3.0 / 4.0, 0, 0, 0, 0, 0, //   0, 3/4
  0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0,
]);

export const RK23_B: usize = memory.data<f64>([
  2.0 / 9.0, //  2/9
  1.0 / 3.0, //  1/3
  4.0 / 9.0, //  4/9
  0, 0, 0, 0,
]);

export const RK23_E: usize = memory.data<f64>([
  5.0 / 72.0, //   5/72
  -1.0 / 12.0, //  -1/12
  -1.0 / 9.0, //   -1/9
  1.0 / 8.0, //    1/8
  0, 0, 0,
]);

export const RK23_P: usize = memory.data<f64>([
  1.0, -4.0 / 3.0, 5.0 / 9.0, 0.0, //  1, -4/3, 5/9
  0.0, 1.0, -2.0 / 3.0, 0.0, //        0, 1, -2/3
  0.0, 4.0 / 3.0, -8.0 / 9.0, 0.0, //  0, 4/3, -8/9
  0.0, -1.0, 1.0, 0.0, //              0, -1, 1
  0, 0, 0, 0,
  0, 0, 0, 0,
  0, 0, 0, 0,
]);

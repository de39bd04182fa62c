/**
 * Butcher tableau of the Dormand–Prince 5(4) pair and the coefficients of its quartic
 * continuous extension, in the form SciPy's RK45 uses them (each value is the double
 * nearest to the rational in its comment, computed by the compiler exactly as Python
 * computes `p/q`).
 *
 * Rows are padded to 7 entries (6 stages + the FSAL derivative f(t+h, y_new)).
 *   C[s]      nodes                          (7)
 *   A[s][j]   stage weights, row-major 7x7   (only j < s is used)
 *   B[j]      5th-order weights              (7, B[6] = 0)
 *   E[j]      B - B̂: error-estimate weights  (7)
 *   P[j][k]   dense output: Q = Kᵀ P, row-major 7x4
 *
 * References: J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 6 (1980) 19–26; L. F. Shampine, "Some practical Runge–Kutta
 * formulas", Math. Comp. 46 (1986) 135–150 (the continuous extension, optimum c6);
 * Hairer, Nørsett & Wanner I, §II.5 and §II.6.
 */

export const DOPRI5_STAGES: i32 = 6;
/** Order of the embedded (error-estimating) formula: the controller exponent is -1/5. */
export const DOPRI5_ERROR_ORDER: i32 = 4;
export const DOPRI5_DENSE_COLS: i32 = 4;

export const DOPRI5_C: usize = memory.data<f64>([
  0.0,
  1.0 / 5.0, //   1/5
  3.0 / 10.0, //  3/10
  4.0 / 5.0, //   4/5
  8.0 / 9.0, //   8/9
  1.0, //         1
  1.0, //         (FSAL: f(t+h, y_new))
]);

export const DOPRI5_A: usize = memory.data<f64>([
  0, 0, 0, 0, 0, 0, 0,
  1.0 / 5.0, 0, 0, 0, 0, 0, 0, //                                   1/5
  3.0 / 40.0, 9.0 / 40.0, 0, 0, 0, 0, 0, //                         3/40, 9/40
  44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0, 0, 0, 0, //             44/45, -56/15, 32/9
  19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0, 0, 0,
  //                                     19372/6561, -25360/2187, 64448/6561, -212/729
  9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0, 0,
  //                         9017/3168, -355/33, 46732/5247, 49/176, -5103/18656
  0, 0, 0, 0, 0, 0, 0,
]);

export const DOPRI5_B: usize = memory.data<f64>([
  35.0 / 384.0, //      35/384
  0.0, //               0
  500.0 / 1113.0, //    500/1113
  125.0 / 192.0, //     125/192
  -2187.0 / 6784.0, //  -2187/6784
  11.0 / 84.0, //       11/84
  0.0,
]);

export const DOPRI5_E: usize = memory.data<f64>([
  -71.0 / 57600.0, //     -71/57600
  0.0, //                 0
  71.0 / 16695.0, //      71/16695
  -71.0 / 1920.0, //      -71/1920
  17253.0 / 339200.0, //  17253/339200
  -22.0 / 525.0, //       -22/525
  1.0 / 40.0, //          1/40
]);

export const DOPRI5_P: usize = memory.data<f64>([
  // 1, -8048581381/2820520608, 8663915743/2820520608, -12715105075/11282082432
  1.0, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0,
  0.0, 0.0, 0.0, 0.0,
  // 0, 131558114200/32700410799, -68118460800/10900136933, 87487479700/32700410799
  0.0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0,
  // 0, -1754552775/470086768, 14199869525/1410260304, -10690763975/1880347072
  0.0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0,
  // 0, 127303824393/49829197408, -318862633887/49829197408, 701980252875/199316789632
  0.0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0,
  // 0, -282668133/205662961, 2019193451/616988883, -1453857185/822651844
  0.0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0, -1453857185.0 / 822651844.0,
  // 0, 40617522/29380423, -110615467/29380423, 69997945/29380423
  0.0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0,
]);

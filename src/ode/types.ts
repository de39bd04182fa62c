/** Public types of solveIvp (see /shared/api.md, section ODE). */

/** Right-hand side: fill `dydt` in place, or return the derivative. */
export type OdeFun = (t: number, y: Float64Array, dydt: Float64Array) => void | ArrayLike<number>;

/**
 * An event function: its zeros are located on the dense interpolant. `terminal: true` stops
 * at the first zero, `terminal: k` at the k-th; `direction` > 0 counts only rising
 * crossings, < 0 only falling ones.
 */
export type EventFn = ((t: number, y: Float64Array) => number) & {
  terminal?: boolean | number;
  direction?: number;
};

export type OdeMethod = 'RK45' | 'RK23';

export interface OdeOptions {
  method?: OdeMethod;
  rtol?: number;
  atol?: number | ArrayLike<number>;
  tEval?: ArrayLike<number>;
  denseOutput?: boolean;
  events?: EventFn | EventFn[];
  maxStep?: number;
  firstStep?: number;
}

export interface OdeResult {
  /** Output times: accepted step ends, or `tEval`. */
  t: Float64Array;
  /** y[i][k]: component i at t[k]. */
  y: Float64Array[];
  /** The continuous solution over the integrated span (denseOutput), else null. */
  sol: ((t: number) => Float64Array) | null;
  tEvents: Float64Array[] | null;
  yEvents: Float64Array[][] | null;
  nfev: number;
  njev: number;
  nlu: number;
  /** 0: reached the end; 1: a terminal event; -1: failed (see message). */
  status: -1 | 0 | 1;
  message: string;
  success: boolean;
}

/**
 * The WASM side of L-BFGS-B: the exports the optimize area calls, the task codes of
 * assembly/optimize/state.ts and the table that maps them to SciPy's messages.
 */
import type { CoreExports } from '../wasm/module.js';

export interface LbfgsbExports extends CoreExports {
  lbfgsb(w: number): number;
  lbfgsb_init(w: number, n: number, m: number, maxls: number, tol: number, pgtol: number): number;
  lbfgsb_workspace_size(n: number, m: number): number;
  lbfgsb_offset(n: number, m: number, which: number): number;
  lbfgsb_set_f(w: number, f: number): void;
  lbfgsb_get_f(w: number): number;
  lbfgsb_info(w: number, which: number): number;
}

export const TASK = {
  START: 0,
  FG_START: 1,
  FG_LNSRCH: 2,
  NEW_X: 3,
  CONV_PGTOL: 4,
  CONV_FACTR: 5,
  ABNORMAL: 6,
  ERROR: 7,
} as const;

/** lbfgsb_offset `which`. */
export const OFF = { X: 0, L: 1, U: 2, G: 3, NBD: 4, WS: 5, WY: 6 } as const;

/** lbfgsb_info `which`. */
export const INFO = { ITER: 0, NFGV: 1, IUPDAT: 2, COL: 3, HEAD: 4, NSKIP: 5 } as const;

/** Bound kinds (nbd) of L-BFGS-B. */
export const NBD = { NONE: 0, LOWER: 1, BOTH: 2, UPPER: 3 } as const;

export const MESSAGES = {
  convPgtol: 'CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL',
  convFactr: 'CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH',
  abnormal: 'ABNORMAL_TERMINATION_IN_LNSRCH',
  error: 'ERROR: INVALID INPUT TO L-BFGS-B',
  maxiter: 'STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT',
  maxfun: 'STOP: TOTAL NO. OF f AND g EVALUATIONS EXCEEDS LIMIT',
  callback: 'STOP: CALLBACK REQUESTED STOP',
} as const;

/** Final task -> [status, message]. */
export function outcome(task: number): [number, string] {
  switch (task) {
    case TASK.CONV_PGTOL:
      return [0, MESSAGES.convPgtol];
    case TASK.CONV_FACTR:
      return [0, MESSAGES.convFactr];
    case TASK.ABNORMAL:
      return [2, MESSAGES.abnormal];
    default:
      return [2, MESSAGES.error];
  }
}

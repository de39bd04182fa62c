export { solveIvp } from './solve_ivp.js';
export type { OdeResult, OdeOptions, EventFn, OdeFun, OdeMethod } from './types.js';

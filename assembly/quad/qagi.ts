/**
 * qagi: integration over an infinite range (QUADPACK dqagie), entered here and run by the
 * qags driver with the transformed 15-point rule (qk15i.ts) on (0, 1].
 *
 *   inf = 1:  (bound, +∞);   inf = -1: (-∞, bound);   inf = 2: (-∞, +∞) (bound ignored).
 *
 * Same reverse-communication protocol, header fields and ier meanings as qags.ts (resume
 * with qags_resume). Each request is 15 abscissae per rule application (30 for inf = 2:
 * the points x and -x), two applications per bisection; neval = 15·(2·last − 1), doubled
 * for inf = 2, as in dqagie.
 *
 * References: Piessens et al., QUADPACK (Springer 1983), §3.3 (QAGI).
 */
import { start } from "./qags";

export function qagi_init(ws: usize, bound: f64, inf: i32, epsabs: f64, epsrel: f64, limit: i32): i32 {
  const boun = inf == 2 ? 0.0 : bound;
  return start(ws, inf, 0.0, 1.0, boun, epsabs, epsrel, limit);
}

/**
 * qpsrt: keep the list of subinterval error estimates ordered (QUADPACK dqpsrt).
 *
 * After a bisection the two new estimates elist[maxerr] (the larger) and elist[last] are
 * inserted into the descending ordering iord[1..k] by sequential search, top-down for the
 * larger and bottom-up for the smaller, where k = last while last <= limit/2 + 2 and
 * limit + 3 - last afterwards (intervals that cannot be bisected any more need no order).
 * On return *maxerrPtr = iord[*nrmaxPtr] is the interval to bisect next and *ermaxPtr its
 * error. Overwrites iord, *maxerrPtr, *ermaxPtr, *nrmaxPtr. All indices 1-based. No status.
 *
 * References: Piessens et al., QUADPACK (Springer 1983), dqpsrt.
 */
import { fget, iget, iset } from "./layout";

export function qpsrt(limit: i32, last: i32, maxerrPtr: usize, ermaxPtr: usize, elist: usize, iord: usize, nrmaxPtr: usize): void {
  let maxerr = load<i32>(maxerrPtr);
  let nrmax = load<i32>(nrmaxPtr);
  if (last <= 2) {
    iset(iord, 1, 1);
    iset(iord, 2, 2);
  } else {
    const errmax = fget(elist, maxerr);
    // Only when subdivision increased an error estimate does the search start above nrmax.
    if (nrmax != 1) {
      const ido = nrmax - 1;
      for (let i = 1; i <= ido; i++) {
        const isucc = iget(iord, nrmax - 1);
        if (errmax <= fget(elist, isucc)) break;
        iset(iord, nrmax, isucc);
        nrmax--;
      }
    }
    let jupbn = last;
    if (last > limit / 2 + 2) jupbn = limit + 3 - last;
    const errmin = fget(elist, last);
    const jbnd = jupbn - 1;
    const ibeg = nrmax + 1;
    let i = ibeg;
    let found = false;
    for (; i <= jbnd; i++) {
      const isucc = iget(iord, i);
      if (errmax >= fget(elist, isucc)) {
        found = true;
        break;
      }
      iset(iord, i - 1, isucc);
    }
    if (!found) {
      iset(iord, jbnd, maxerr);
      iset(iord, jupbn, last);
    } else {
      // Insert errmin bottom-up.
      iset(iord, i - 1, maxerr);
      let k = jbnd;
      let placed = false;
      for (let j = i; j <= jbnd; j++) {
        const isucc = iget(iord, k);
        if (errmin < fget(elist, isucc)) {
          iset(iord, k + 1, last);
          placed = true;
          break;
        }
        iset(iord, k + 1, isucc);
        k--;
      }
      if (!placed) iset(iord, i, last);
    }
  }
  maxerr = iget(iord, nrmax);
  store<i32>(maxerrPtr, maxerr);
  store<i32>(nrmaxPtr, nrmax);
  store<f64>(ermaxPtr, fget(elist, maxerr));
}

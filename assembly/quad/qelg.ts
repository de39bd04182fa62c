/**
 * qelg: Wynn's epsilon algorithm on the sequence of area estimates (QUADPACK dqelg).
 *
 * epstab[1..n] (1-based, room for 52 + 2) holds the two lower diagonals of the condensed
 * epsilon table with the newest partial sum in epstab[n]; the routine computes the next
 * diagonal, keeps only what the following call needs (at most limexp = 50 elements),
 * and writes to out[0] the extrapolated limit and to out[1] an error estimate built from
 * the last three limits (res3la[1..3]; the estimate is OFLOW for the first three calls).
 * Overwrites epstab, res3la, *nPtr (the table length may shrink) and *nresPtr (calls so far).
 * No status.
 *
 * References: P. Wynn, "On a device for computing the e_m(S_n) transformation", MTAC 10
 * (1956); Piessens et al., QUADPACK (Springer 1983), §2.3.2 (dqelg).
 */
import { EPMACH, OFLOW, fget, fset } from "./layout";

const LIMEXP: i32 = 50;
/** The table is judged irregular when |ss·e1| falls below this. */
const IRREGULAR: f64 = 1.0e-4;

export function qelg(nPtr: usize, epstab: usize, res3la: usize, nresPtr: usize, out: usize): void {
  let n = load<i32>(nPtr);
  let nres = load<i32>(nresPtr) + 1;
  let abserr = OFLOW;
  let result = fget(epstab, n);
  if (n >= 3) {
    fset(epstab, n + 2, fget(epstab, n));
    const newelm = (n - 1) / 2;
    fset(epstab, n, OFLOW);
    const num = n;
    let k1 = n;
    let converged = false;
    for (let i = 1; i <= newelm; i++) {
      const k2 = k1 - 1;
      const k3 = k1 - 2;
      let res = fget(epstab, k1 + 2);
      const e0 = fget(epstab, k3);
      const e1 = fget(epstab, k2);
      const e2 = res;
      const e1abs = Math.abs(e1);
      const delta2 = e2 - e1;
      const err2 = Math.abs(delta2);
      const tol2 = Math.max(Math.abs(e2), e1abs) * EPMACH;
      const delta3 = e1 - e0;
      const err3 = Math.abs(delta3);
      const tol3 = Math.max(e1abs, Math.abs(e0)) * EPMACH;
      if (!(err2 > tol2 || err3 > tol3)) {
        // e0, e1, e2 agree to machine accuracy: convergence is assumed.
        result = res;
        abserr = err2 + err3;
        converged = true;
        break;
      }
      const e3 = fget(epstab, k1);
      fset(epstab, k1, e1);
      const delta1 = e1 - e3;
      const err1 = Math.abs(delta1);
      const tol1 = Math.max(e1abs, Math.abs(e3)) * EPMACH;
      let ss: f64 = 0;
      let irregular = err1 <= tol1 || err2 <= tol2 || err3 <= tol3;
      if (!irregular) {
        ss = 1.0 / delta1 + 1.0 / delta2 - 1.0 / delta3;
        irregular = !(Math.abs(ss * e1) > IRREGULAR);
      }
      if (irregular) {
        // Two elements are too close (or the table behaves irregularly): drop its upper part.
        n = i + i - 1;
        break;
      }
      res = e1 + 1.0 / ss;
      fset(epstab, k1, res);
      k1 -= 2;
      const error = err2 + Math.abs(res - e2) + err3;
      if (!(error > abserr)) {
        abserr = error;
        result = res;
      }
    }
    if (!converged) {
      // Shift the table.
      if (n == LIMEXP) n = 2 * (LIMEXP / 2) - 1;
      let ib = (num / 2) * 2 == num ? 2 : 1;
      const ie = newelm + 1;
      for (let i = 1; i <= ie; i++) {
        const ib2 = ib + 2;
        fset(epstab, ib, fget(epstab, ib2));
        ib = ib2;
      }
      if (num != n) {
        let indx = num - n + 1;
        for (let i = 1; i <= n; i++) {
          fset(epstab, i, fget(epstab, indx));
          indx++;
        }
      }
      if (nres < 4) {
        fset(res3la, nres, result);
        abserr = OFLOW;
      } else {
        abserr =
          Math.abs(result - fget(res3la, 3)) + Math.abs(result - fget(res3la, 2)) + Math.abs(result - fget(res3la, 1));
        fset(res3la, 1, fget(res3la, 2));
        fset(res3la, 2, fget(res3la, 3));
        fset(res3la, 3, result);
      }
    }
  }
  abserr = Math.max(abserr, 5.0 * EPMACH * Math.abs(result));
  store<i32>(nPtr, n);
  store<i32>(nresPtr, nres);
  store<f64>(out, result);
  store<f64>(out + 8, abserr);
}

/**
 * cauchy: the generalized Cauchy point of the L-BFGS-B model
 *   m(x) = f + g'(x - xk) + 1/2 (x - xk)' B (x - xk),  B = theta*I - W M W',
 * the first local minimizer of m along the projected steepest-descent path
 * x(t) = P(xk - t g) on the box [l, u]. The path is piecewise linear; the breakpoints are
 * visited in increasing order (the smallest one found directly, the others through a heap,
 * hpsolb) and the one-dimensional derivatives f1, f2 are updated at each breakpoint in
 * O(m) work using the compact representation.
 *
 * Reads s.x, s.l, s.u, s.nbd, s.g, s.ws, s.wy, s.sy, s.wt, s.theta, s.col, s.head,
 * s.sbgnrm. Writes the Cauchy point into s.z, updates s.iwhere (0 free, 1 at lower, 2 at
 * upper, 3 fixed, -1 unbounded, -3 free with zero gradient), uses s.t and s.d and s.indx2
 * as scratch, and leaves p = W'd in wa(1:2col), c = W'(xcp - x) in wa(2m+1:2m+2col),
 * wbp in wa(4m+1:...), v in wa(6m+1:...). Sets s.nseg. Returns 0, or non-zero when bmv
 * met a singular triangular system.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995), section 4 (the generalized Cauchy point);
 * Zhu, Byrd, Lu & Nocedal (1997), L-BFGS-B: Fortran subroutines (algorithm 778).
 */
import { Lbfgsb, ld, st, ld2, ldi, sti, dot } from "./state";
import { bmv } from "./bmv";

export function cauchy(s: Lbfgsb): i32 {
  const n = s.n, m = s.m;
  const x = s.x, l = s.l, u = s.u, nbd = s.nbd, g = s.g;
  const iorder = s.indx2, iwhere = s.iwhere, t = s.t, d = s.d, xcp = s.z;
  const wy = s.wy, ws = s.ws, sy = s.sy, wt = s.wt;
  const theta = s.theta, col = s.col, head = s.head;
  const p = s.wa;
  const c = s.wa + ((<usize>(2 * m)) << 3);
  const wbp = s.wa + ((<usize>(4 * m)) << 3);
  const v = s.wa + ((<usize>(6 * m)) << 3);
  const epsmch = f64.EPSILON;

  if (s.sbgnrm <= 0) {
    memory.copy(xcp, x, (<usize>n) << 3);
    return 0;
  }
  let bnded = true;
  let nfree = n + 1;
  let nbreak = 0;
  let ibkmin = 0;
  let bkmin: f64 = 0;
  const col2 = 2 * col;
  let f1: f64 = 0;

  // Variables at a bound with the gradient pointing out are fixed; the others move along
  // -g, and those that can reach a bound get a breakpoint t(i).
  for (let i = 1; i <= n; i++) {
    const neggi = -ld(g, i);
    const nb = ldi(nbd, i);
    let tl: f64 = 0, tu: f64 = 0;
    if (ldi(iwhere, i) != 3 && ldi(iwhere, i) != -1) {
      if (nb <= 2) tl = ld(x, i) - ld(l, i);
      if (nb >= 2) tu = ld(u, i) - ld(x, i);
      const xlower = nb <= 2 && tl <= 0;
      const xupper = nb >= 2 && tu <= 0;
      sti(iwhere, i, 0);
      if (xlower) {
        if (neggi <= 0) sti(iwhere, i, 1);
      } else if (xupper) {
        if (neggi >= 0) sti(iwhere, i, 2);
      } else {
        if (Math.abs(neggi) <= 0) sti(iwhere, i, -3);
      }
    }
    const iw = ldi(iwhere, i);
    if (iw != 0 && iw != -1) {
      st(d, i, 0);
    } else {
      st(d, i, neggi);
      f1 -= neggi * neggi;
      if (nb <= 2 && nb != 0 && neggi < 0) {
        nbreak++;
        sti(iorder, nbreak, i);
        st(t, nbreak, tl / (-neggi));
        if (nbreak == 1 || ld(t, nbreak) < bkmin) {
          bkmin = ld(t, nbreak);
          ibkmin = nbreak;
        }
      } else if (nb >= 2 && neggi > 0) {
        nbreak++;
        sti(iorder, nbreak, i);
        st(t, nbreak, tu / neggi);
        if (nbreak == 1 || ld(t, nbreak) < bkmin) {
          bkmin = ld(t, nbreak);
          ibkmin = nbreak;
        }
      } else {
        nfree--;
        sti(iorder, nfree, i);
        if (Math.abs(neggi) > 0) bnded = false;
      }
    }
  }

  // p = W'd: p(j) = sum over the moving variables i (in order) of wy(i, j) d(i), and the
  // same with ws. Summed column by column (contiguous memory); each p(j) adds its terms in
  // the same order as the reference's row-by-row loop, so the sums are identical.
  let pointr = head;
  for (let j = 1; j <= col; j++) {
    const wyc = wy + ((<usize>(pointr - 1) * <usize>n) << 3);
    const wsc = ws + ((<usize>(pointr - 1) * <usize>n) << 3);
    let py: f64 = 0, ps: f64 = 0;
    for (let i = 1; i <= n; i++) {
      const iw = ldi(iwhere, i);
      if (iw == 0 || iw == -1) {
        const off = (<usize>(i - 1)) << 3;
        const di = load<f64>(d + off);
        py += load<f64>(wyc + off) * di;
        ps += load<f64>(wsc + off) * di;
      }
    }
    st(p, j, py);
    st(p, col + j, ps);
    pointr = pointr == m ? 1 : pointr + 1;
  }

  if (theta != 1) {
    for (let j = 1; j <= col; j++) st(p, col + j, theta * ld(p, col + j));
  }
  memory.copy(xcp, x, (<usize>n) << 3);
  if (nbreak == 0 && nfree == n + 1) return 0;

  for (let j = 1; j <= col2; j++) st(c, j, 0);
  let f2 = -theta * f1;
  const f2Org = f2;
  if (col > 0) {
    const info = bmv(m, sy, wt, col, p, v);
    if (info != 0) return info;
    f2 -= dot(col2, v, p);
  }
  let dtm = -f1 / f2;
  let tsum: f64 = 0;
  s.nseg = 1;

  let allFixed = false;
  if (nbreak > 0) {
    let nleft = nbreak;
    let iter = 1;
    let tj: f64 = 0;
    while (true) {
      const tj0 = tj;
      let ibp: i32;
      if (iter == 1) {
        // The smallest breakpoint is known: often it is the only one used, and the heap
        // is never built.
        tj = bkmin;
        ibp = ldi(iorder, ibkmin);
      } else {
        if (iter == 2) {
          if (ibkmin != nbreak) {
            st(t, ibkmin, ld(t, nbreak));
            sti(iorder, ibkmin, ldi(iorder, nbreak));
          }
        }
        hpsolb(nleft, t, iorder, iter - 2);
        tj = ld(t, nleft);
        ibp = ldi(iorder, nleft);
      }
      const dt = tj - tj0;
      if (dtm < dt) break;

      // Fix the variable ibp at its bound and move on to the next segment.
      tsum += dt;
      nleft--;
      iter++;
      const dibp = ld(d, ibp);
      st(d, ibp, 0);
      let zibp: f64;
      if (dibp > 0) {
        zibp = ld(u, ibp) - ld(x, ibp);
        st(xcp, ibp, ld(u, ibp));
        sti(iwhere, ibp, 2);
      } else {
        zibp = ld(l, ibp) - ld(x, ibp);
        st(xcp, ibp, ld(l, ibp));
        sti(iwhere, ibp, 1);
      }
      if (nleft == 0 && nbreak == n) {
        dtm = dt;
        allFixed = true;
        break;
      }
      s.nseg++;
      const dibp2 = dibp * dibp;
      f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
      f2 = f2 - theta * dibp2;
      if (col > 0) {
        for (let j = 1; j <= col2; j++) st(c, j, ld(c, j) + dt * ld(p, j));
        let pointr = head;
        for (let j = 1; j <= col; j++) {
          st(wbp, j, ld2(wy, n, ibp, pointr));
          st(wbp, col + j, theta * ld2(ws, n, ibp, pointr));
          pointr = pointr == m ? 1 : pointr + 1;
        }
        const info = bmv(m, sy, wt, col, wbp, v);
        if (info != 0) return info;
        const wmc = dot(col2, c, v);
        const wmp = dot(col2, p, v);
        const wmw = dot(col2, wbp, v);
        for (let j = 1; j <= col2; j++) st(p, j, ld(p, j) + (-dibp) * ld(wbp, j));
        f1 += dibp * wmc;
        f2 += 2.0 * dibp * wmp - dibp2 * wmw;
      }
      f2 = Math.max(epsmch * f2Org, f2);
      if (nleft > 0) {
        dtm = -f1 / f2;
        continue;
      } else if (bnded) {
        f1 = 0;
        f2 = 0;
        dtm = 0;
      } else {
        dtm = -f1 / f2;
      }
      break;
    }
  }

  if (!allFixed) {
    if (dtm <= 0) dtm = 0;
    tsum += dtm;
    // Move the free variables and those whose breakpoints were not reached.
    for (let i = 1; i <= n; i++) st(xcp, i, ld(xcp, i) + tsum * ld(d, i));
  }
  // c = W'(xcp - x), used by cmprlb for the reduced gradient.
  if (col > 0) {
    for (let j = 1; j <= col2; j++) st(c, j, ld(c, j) + dtm * ld(p, j));
  }
  return 0;
}

/**
 * hpsolb: with iheap == 0 first arrange t(1:n) into a min-heap (iorder follows along);
 * then move the least element to t(n) and restore the heap on t(1:n-1).
 */
function hpsolb(n: i32, t: usize, iorder: usize, iheap: i32): void {
  if (iheap == 0) {
    for (let k = 2; k <= n; k++) {
      const ddum = ld(t, k);
      const indxin = ldi(iorder, k);
      let i = k;
      while (i > 1) {
        const j = i / 2;
        if (ddum < ld(t, j)) {
          st(t, i, ld(t, j));
          sti(iorder, i, ldi(iorder, j));
          i = j;
        } else {
          break;
        }
      }
      st(t, i, ddum);
      sti(iorder, i, indxin);
    }
  }
  if (n > 1) {
    let i = 1;
    const out = ld(t, 1);
    const indxou = ldi(iorder, 1);
    const ddum = ld(t, n);
    const indxin = ldi(iorder, n);
    while (true) {
      let j = i + i;
      if (j <= n - 1) {
        if (ld(t, j + 1) < ld(t, j)) j = j + 1;
        if (ld(t, j) < ddum) {
          st(t, i, ld(t, j));
          sti(iorder, i, ldi(iorder, j));
          i = j;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    st(t, i, ddum);
    sti(iorder, i, indxin);
    st(t, n, out);
    sti(iorder, n, indxou);
  }
}

/**
 * lbfgsb: the L-BFGS-B driver (mainlb/lnsrlb of L-BFGS-B 3.0, as SciPy's setulb runs it),
 * by reverse communication. Minimizes f(x) subject to l <= x <= u.
 *
 * Protocol. TS sizes the workspace with lbfgsb_workspace_size(n, m), calls
 * lbfgsb_init(w, n, m, maxls, tol, pgtol), writes x, l, u, nbd at the offsets given by
 * lbfgsb_offset(n, m, which), then calls lbfgsb(w) repeatedly:
 *  - TASK_FG_START / TASK_FG_LNSRCH: evaluate f and g at x (lbfgsb_offset(n, m, OFF_X))
 *    and store them (lbfgsb_set_f, and g at lbfgsb_offset(n, m, OFF_G)); call again.
 *  - TASK_NEW_X: a new iterate x was accepted (f and g current); call again to continue,
 *    or stop (maxiter/maxfun/callback are the caller's tests, as in SciPy's Python loop).
 *  - TASK_CONV_PGTOL: sup-norm of the projected gradient <= pgtol.
 *  - TASK_CONV_FACTR: (f_old - f) / max(|f_old|, |f|, 1) <= tol (= factr * epsmch).
 *  - TASK_ABNORMAL: the line search failed with no correction pairs to drop (x, f, g are
 *    restored to the last iterate).
 *  - TASK_ERROR: invalid input (n or m < 1, l > u where both bounds are given).
 * Everything the algorithm keeps between calls lives in the workspace (state.ts): the
 * module has no globals, so runs can nest and interleave.
 *
 * Overwrites x (the iterate), g (restored on line-search failure) and the workspace.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995), A limited memory algorithm for bound
 * constrained optimization, SIAM J. Sci. Comput. 16(5):1190-1208; Zhu, Byrd, Lu & Nocedal
 * (1997), Algorithm 778, ACM TOMS 23(4):550-560; Morales & Nocedal (2011), ACM TOMS 38(1):7;
 * Moré & Thuente (1994), ACM TOMS 20(3):286-307.
 */
import {
  Lbfgsb, HEADER_BYTES, ld, st, ldi, dot,
  TASK_START, TASK_FG_START, TASK_FG_LNSRCH, TASK_NEW_X, TASK_CONV_PGTOL, TASK_CONV_FACTR,
  TASK_ABNORMAL, TASK_ERROR, LS_START, LS_CONV, LS_WARN,
} from "./state";
import { cauchy } from "./cauchy";
import { formk } from "./formk";
import { cmprlb, subsm } from "./subsm";
import { matupd, formt } from "./matupd";
import { active, projgr, freev } from "./active";
import { dcsrch } from "./dcsrch";

/** Line-search constants of L-BFGS-B (lnsrlb). */
const LS_FTOL: f64 = 1e-3;
const LS_GTOL: f64 = 0.9;
const LS_XTOL: f64 = 0.1;
const STPMAX_UNBOUNDED: f64 = 1e10;
/** Internal: the line search gave up and the memory was refreshed; iterate again. */
const RESTART: i32 = -1;

// Offsets of the arrays in the workspace (lbfgsb_offset `which`).
export const OFF_X: i32 = 0;
export const OFF_L: i32 = 1;
export const OFF_U: i32 = 2;
export const OFF_G: i32 = 3;
export const OFF_NBD: i32 = 4;
export const OFF_WS: i32 = 5;
export const OFF_WY: i32 = 6;

/** Byte offset of array `which` (OFF_*) inside the workspace, for problem size n, m. */
export function lbfgsb_offset(n: i32, m: i32, which: i32): i32 {
  const N = <usize>n, M = <usize>m;
  let off = HEADER_BYTES;
  const x = off; off += N << 3;
  const l = off; off += N << 3;
  const u = off; off += N << 3;
  const g = off; off += N << 3;
  const ws = off; off += (N * M) << 3;
  const wy = off; off += (N * M) << 3;
  // z r d t xp (5n), sy ss wt (3m^2), wn snd (8m^2), wa (8m), then 4 i32 arrays.
  off += (5 * N + 11 * M * M + 8 * M) << 3;
  const nbd = off;
  if (which == OFF_X) return <i32>x;
  if (which == OFF_L) return <i32>l;
  if (which == OFF_U) return <i32>u;
  if (which == OFF_G) return <i32>g;
  if (which == OFF_WS) return <i32>ws;
  if (which == OFF_WY) return <i32>wy;
  return <i32>nbd;
}

/** Bytes of workspace for n variables and m correction pairs. */
export function lbfgsb_workspace_size(n: i32, m: i32): i32 {
  return lbfgsb_offset(n, m, OFF_NBD) + 4 * 4 * n;
}

/** Lay out the state over workspace w and set the options. Returns TASK_START. */
export function lbfgsb_init(w: usize, n: i32, m: i32, maxls: i32, tol: f64, pgtol: f64): i32 {
  const s = changetype<Lbfgsb>(w);
  memory.fill(w, 0, HEADER_BYTES);
  s.n = n;
  s.m = m;
  s.maxls = maxls;
  s.tol = tol;
  s.pgtol = pgtol;
  s.task = TASK_START;
  const N = <usize>n, M = <usize>m;
  s.x = w + <usize>lbfgsb_offset(n, m, OFF_X);
  s.l = w + <usize>lbfgsb_offset(n, m, OFF_L);
  s.u = w + <usize>lbfgsb_offset(n, m, OFF_U);
  s.g = w + <usize>lbfgsb_offset(n, m, OFF_G);
  s.ws = w + <usize>lbfgsb_offset(n, m, OFF_WS);
  s.wy = w + <usize>lbfgsb_offset(n, m, OFF_WY);
  let off = s.wy + ((N * M) << 3);
  s.z = off; off += N << 3;
  s.r = off; off += N << 3;
  s.d = off; off += N << 3;
  s.t = off; off += N << 3;
  s.xp = off; off += N << 3;
  s.sy = off; off += (M * M) << 3;
  s.ss = off; off += (M * M) << 3;
  s.wt = off; off += (M * M) << 3;
  s.wn = off; off += (4 * M * M) << 3;
  s.snd = off; off += (4 * M * M) << 3;
  s.wa = off; off += (8 * M) << 3;
  s.nbd = off; off += N << 2;
  s.index = off; off += N << 2;
  s.iwhere = off; off += N << 2;
  s.indx2 = off;
  return TASK_START;
}

/** The objective value slot: TS stores f here after each evaluation. */
export function lbfgsb_set_f(w: usize, f: f64): void {
  changetype<Lbfgsb>(w).f = f;
}

export function lbfgsb_get_f(w: usize): f64 {
  return changetype<Lbfgsb>(w).f;
}

/** Integer counters for the TS side: 0 iter, 1 nfgv, 2 iupdat, 3 col, 4 head, 5 nskip. */
export function lbfgsb_info(w: usize, which: i32): i32 {
  const s = changetype<Lbfgsb>(w);
  if (which == 0) return s.iter;
  if (which == 1) return s.nfgv;
  if (which == 2) return s.iupdat;
  if (which == 3) return s.col;
  if (which == 4) return s.head;
  return s.nskip;
}

/** One reverse-communication step; returns the task (TASK_*). */
export function lbfgsb(w: usize): i32 {
  const s = changetype<Lbfgsb>(w);
  const task = s.task;
  if (task == TASK_START) {
    if (s.n < 1 || s.m < 1) return (s.task = TASK_ERROR);
    for (let i = 1; i <= s.n; i++) {
      const nb = ldi(s.nbd, i);
      if (nb < 0 || nb > 3) return (s.task = TASK_ERROR);
      if (nb == 2 && ld(s.l, i) > ld(s.u, i)) return (s.task = TASK_ERROR);
    }
    s.col = 0;
    s.head = 1;
    s.theta = 1;
    s.iupdat = 0;
    s.updatd = 0;
    s.iback = 0;
    s.itail = 0;
    s.iword = 0;
    s.nact = 0;
    s.ileave = 0;
    s.nenter = 0;
    s.fold = 0;
    s.dnorm = 0;
    s.gd = 0;
    s.stpmx = 0;
    s.sbgnrm = 0;
    s.stp = 0;
    s.gdold = 0;
    s.dtd = 0;
    s.iter = 0;
    s.nfgv = 0;
    s.nseg = 0;
    s.nintol = 0;
    s.nskip = 0;
    s.nfree = s.n;
    s.ifun = 0;
    s.info = 0;
    active(s);
    return (s.task = TASK_FG_START);
  }
  if (task == TASK_FG_START) {
    s.nfgv = 1;
    s.sbgnrm = projgr(s);
    if (s.sbgnrm <= s.pgtol) return (s.task = TASK_CONV_PGTOL);
    return (s.task = iterate(s));
  }
  if (task == TASK_FG_LNSRCH) {
    const r = lineSearch(s, false);
    return (s.task = r == RESTART ? iterate(s) : r);
  }
  if (task == TASK_NEW_X) return (s.task = newX(s));
  return task;
}

/** Refresh the limited-memory matrix (drop every correction pair). */
function refresh(s: Lbfgsb): void {
  s.info = 0;
  s.col = 0;
  s.head = 1;
  s.theta = 1;
  s.iupdat = 0;
  s.updatd = 0;
}

/** Label 222 of mainlb: Cauchy point, subspace minimization, then the line search. */
function iterate(s: Lbfgsb): i32 {
  const n = s.n;
  while (true) {
    s.iword = -1;
    if (s.cnstnd == 0 && s.col > 0) {
      // No bounds: the Cauchy point is not needed, z = x.
      memory.copy(s.z, s.x, (<usize>n) << 3);
      s.wrk = s.updatd;
      s.nseg = 0;
    } else {
      if (cauchy(s) != 0) {
        refresh(s);
        continue;
      }
      s.nintol += s.nseg;
      freev(s);
      s.nact = n - s.nfree;
    }
    if (s.nfree != 0 && s.col != 0) {
      if (s.wrk != 0) {
        if (formk(s) != 0) {
          refresh(s);
          continue;
        }
      }
      let info = cmprlb(s);
      if (info == 0) info = subsm(s);
      if (info != 0) {
        refresh(s);
        continue;
      }
    }
    for (let i = 1; i <= n; i++) st(s.d, i, ld(s.z, i) - ld(s.x, i));
    const r = lineSearch(s, true);
    if (r != RESTART) return r;
  }
}

/** Label 666 of mainlb: one step of lnsrlb and the handling of its outcome. */
function lineSearch(s: Lbfgsb, first: bool): i32 {
  const n = s.n;
  const lsTask = lnsrlb(s, first);
  if (s.info != 0 || s.iback >= s.maxls) {
    // Restore the previous iterate.
    memory.copy(s.x, s.t, (<usize>n) << 3);
    memory.copy(s.g, s.r, (<usize>n) << 3);
    s.f = s.fold;
    if (s.col == 0) {
      if (s.info == 0) {
        s.info = -9;
        s.nfgv--;
        s.ifun--;
        s.iback--;
      }
      s.iter++;
      return TASK_ABNORMAL;
    }
    if (s.info == 0) s.nfgv--;
    refresh(s);
    return RESTART;
  }
  if (lsTask == TASK_FG_LNSRCH) return TASK_FG_LNSRCH;
  s.iter++;
  s.sbgnrm = projgr(s);
  return TASK_NEW_X;
}

/**
 * lnsrlb: set up (first call) and continue the Moré–Thuente search along d from x = t.
 * Returns TASK_FG_LNSRCH (x holds the trial point) or TASK_NEW_X; sets s.info = -4 when d
 * is not a descent direction.
 */
function lnsrlb(s: Lbfgsb, first: bool): i32 {
  const n = s.n, x = s.x, l = s.l, u = s.u, nbd = s.nbd, d = s.d;
  if (first) {
    s.dtd = dot(n, d, d);
    s.dnorm = Math.sqrt(s.dtd);
    // The largest step that keeps x + stp*d in the box.
    let stpmx = STPMAX_UNBOUNDED;
    if (s.cnstnd != 0) {
      if (s.iter == 0) {
        stpmx = 1;
      } else {
        for (let i = 1; i <= n; i++) {
          const a1 = ld(d, i);
          const nb = ldi(nbd, i);
          if (nb != 0) {
            if (a1 < 0 && nb <= 2) {
              const a2 = ld(l, i) - ld(x, i);
              if (a2 >= 0) stpmx = 0;
              else if (a1 * stpmx < a2) stpmx = a2 / a1;
            } else if (a1 > 0 && nb >= 2) {
              const a2 = ld(u, i) - ld(x, i);
              if (a2 <= 0) stpmx = 0;
              else if (a1 * stpmx > a2) stpmx = a2 / a1;
            }
          }
        }
      }
    }
    s.stpmx = stpmx;
    if (s.iter == 0 && s.boxed == 0) s.stp = Math.min(1.0 / s.dnorm, stpmx);
    else s.stp = 1;
    memory.copy(s.t, x, (<usize>n) << 3);
    memory.copy(s.r, s.g, (<usize>n) << 3);
    s.fold = s.f;
    s.ifun = 0;
    s.iback = 0;
    s.csave = LS_START;
  }
  s.gd = dot(n, s.g, d);
  if (s.ifun == 0) {
    s.gdold = s.gd;
    if (s.gd >= 0) {
      // Not a descent direction: no line search is possible.
      s.info = -4;
      return TASK_FG_LNSRCH;
    }
  }
  s.csave = dcsrch(s, s.f, s.gd, LS_FTOL, LS_GTOL, LS_XTOL, 0, s.stpmx, s.csave);
  if (s.csave != LS_CONV && s.csave != LS_WARN) {
    s.ifun++;
    s.nfgv++;
    s.iback = s.ifun - 1;
    if (s.stp == 1) {
      memory.copy(x, s.z, (<usize>n) << 3);
    } else {
      const stp = s.stp, t = s.t;
      for (let i = 1; i <= n; i++) st(x, i, stp * ld(d, i) + ld(t, i));
    }
    return TASK_FG_LNSRCH;
  }
  return TASK_NEW_X;
}

/** Label 777 of mainlb: the stopping tests, then the update of the L-BFGS matrix. */
function newX(s: Lbfgsb): i32 {
  const n = s.n;
  if (s.sbgnrm <= s.pgtol) return TASK_CONV_PGTOL;
  const ddum0 = Math.max(Math.abs(s.fold), Math.max(Math.abs(s.f), 1.0));
  if (s.fold - s.f <= s.tol * ddum0) return TASK_CONV_FACTR;

  // y = g_new - g_old (r held g_old), s = stp*d.
  const r = s.r, g = s.g;
  for (let i = 1; i <= n; i++) st(r, i, ld(g, i) - ld(r, i));
  const rr = dot(n, r, r);
  let dr: f64, ddum: f64;
  if (s.stp == 1) {
    dr = s.gd - s.gdold;
    ddum = -s.gdold;
  } else {
    dr = (s.gd - s.gdold) * s.stp;
    const stp = s.stp, d = s.d;
    for (let i = 1; i <= n; i++) st(d, i, stp * ld(d, i));
    ddum = -s.gdold * s.stp;
  }
  if (dr <= f64.EPSILON * ddum) {
    // The curvature condition fails: skip the update.
    s.nskip++;
    s.updatd = 0;
    return iterate(s);
  }
  s.updatd = 1;
  s.iupdat++;
  matupd(s, rr, dr);
  if (formt(s) != 0) refresh(s);
  return iterate(s);
}

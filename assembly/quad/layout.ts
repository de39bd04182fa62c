/**
 * Workspace layout shared by the QUADPACK drivers (qags.ts, qagi.ts, qagp.ts).
 *
 * The drivers keep their whole state in a caller-provided workspace so that they are
 * re-entrant: a user integrand may itself call `quad` (dblquad does), and each call owns
 * its own workspace. The first HEADER_BYTES hold scalars (f64 slots, then i32 slots at
 * I32_BASE); the pointers to the arrays that follow are stored in the header at init.
 * src/quad/layout.ts mirrors these offsets for the TypeScript side: keep them in step.
 *
 * Arrays use 1-based helpers (`fget(p, i)` is element i of a Fortran array starting at p),
 * so the drivers read like the QUADPACK routines they follow.
 */

// f64 slots (byte offset = slot * 8)
export const F_A: i32 = 0;
export const F_B: i32 = 1;
export const F_EPSABS: i32 = 2;
export const F_EPSREL: i32 = 3;
export const F_BOUN: i32 = 4;
export const F_RESULT: i32 = 5;
export const F_ABSERR: i32 = 6;
export const F_AREA: i32 = 7;
export const F_ERRSUM: i32 = 8;
export const F_ERRMAX: i32 = 9;
export const F_ERLARG: i32 = 10;
export const F_ERTEST: i32 = 11;
export const F_CORREC: i32 = 12;
export const F_SMALL: i32 = 13;
export const F_ERLAST: i32 = 14;
export const F_DEFABS: i32 = 15;
export const F_A1: i32 = 16;
export const F_B1: i32 = 17;
export const F_A2: i32 = 18;
export const F_B2: i32 = 19;
export const F_SIGN: i32 = 20;
/** Scratch for a rule's four outputs (result, abserr, resabs, resasc). */
export const F_RULE_OUT: i32 = 24;
/** Scratch for qelg's two outputs (result, abserr). */
export const F_QELG_OUT: i32 = 28;

// i32 slots (byte offset = I32_BASE + slot * 4)
export const I32_BASE: usize = 256;
export const I_LIMIT: i32 = 0;
export const I_INF: i32 = 1;
export const I_LAST: i32 = 2;
export const I_MAXERR: i32 = 3;
export const I_NRMAX: i32 = 4;
export const I_NRES: i32 = 5;
export const I_NUMRL2: i32 = 6;
export const I_KTMIN: i32 = 7;
export const I_EXTRAP: i32 = 8;
export const I_NOEXT: i32 = 9;
export const I_IERRO: i32 = 10;
export const I_IROFF1: i32 = 11;
export const I_IROFF2: i32 = 12;
export const I_IROFF3: i32 = 13;
export const I_KSGN: i32 = 14;
export const I_IER: i32 = 15;
export const I_NEVAL: i32 = 16;
export const I_STATE: i32 = 17;
export const I_NNODES: i32 = 18;
export const I_LEVMAX: i32 = 19;
export const I_NINT: i32 = 20;
export const I_LEVCUR: i32 = 21;
// array pointers
export const I_XPTR: i32 = 24;
export const I_FPTR: i32 = 25;
export const I_ALIST: i32 = 26;
export const I_BLIST: i32 = 27;
export const I_RLIST: i32 = 28;
export const I_ELIST: i32 = 29;
export const I_RLIST2: i32 = 30;
export const I_RES3LA: i32 = 31;
export const I_IORD: i32 = 32;
export const I_LEVEL: i32 = 33;
export const I_PTS: i32 = 34;
export const I_NDIN: i32 = 35;

export const HEADER_BYTES: usize = 512;

/** Task codes returned to TypeScript. */
export const TASK_DONE: i32 = 0;
/** Evaluate the integrand at the I_NNODES abscissae at I_XPTR, store the values at I_FPTR, resume. */
export const TASK_NEED_F: i32 = 1;

/** Driver states kept in I_STATE. */
export const STATE_FIRST: i32 = 1;
export const STATE_BISECT: i32 = 2;
export const STATE_DONE: i32 = 3;

/** Machine constants as QUADPACK's d1mach gives them for IEEE doubles. */
export const EPMACH: f64 = 2.220446049250313e-16; // d1mach(4) = 2^-52
export const UFLOW: f64 = 2.2250738585072014e-308; // d1mach(1) = 2^-1022
export const OFLOW: f64 = 1.7976931348623157e308; // d1mach(2)

/** Length of Wynn's epsilon table (limexp + 2) and of the last-three-results list. */
export const RLIST2_LEN: i32 = 52;
export const RES3LA_LEN: i32 = 3;

@inline export function hf(ws: usize, slot: i32): f64 {
  return load<f64>(ws + (<usize>slot << 3));
}
@inline export function setHf(ws: usize, slot: i32, v: f64): void {
  store<f64>(ws + (<usize>slot << 3), v);
}
@inline export function hi(ws: usize, slot: i32): i32 {
  return load<i32>(ws + I32_BASE + (<usize>slot << 2));
}
@inline export function setHi(ws: usize, slot: i32, v: i32): void {
  store<i32>(ws + I32_BASE + (<usize>slot << 2), v);
}
@inline export function hp(ws: usize, slot: i32): usize {
  return <usize>load<u32>(ws + I32_BASE + (<usize>slot << 2));
}
@inline export function slotPtr(ws: usize, slot: i32): usize {
  return ws + (<usize>slot << 3);
}
@inline export function islotPtr(ws: usize, slot: i32): usize {
  return ws + I32_BASE + (<usize>slot << 2);
}

/** Element i (1-based) of a f64 array at p. */
@inline export function fget(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>(i - 1) << 3));
}
@inline export function fset(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>(i - 1) << 3), v);
}
/** Element i (1-based) of an i32 array at p. */
@inline export function iget(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>(i - 1) << 2));
}
@inline export function iset(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>(i - 1) << 2), v);
}

@inline export function align8(n: usize): usize {
  return (n + 7) & ~(<usize>7);
}

/**
 * Lay out the arrays after the header and store their pointers. `nodeCap` is the largest
 * batch of abscissae the driver will ask for; `npts2` the number of break points plus the
 * two end points (2 when there are none). Returns the total size in bytes.
 */
export function layoutArrays(ws: usize, limit: i32, nodeCap: i32, npts2: i32, write: bool): usize {
  let p: usize = HEADER_BYTES;
  const lim = <usize>limit;
  const xptr = p; p += <usize>nodeCap << 3;
  const fptr = p; p += <usize>nodeCap << 3;
  const alist = p; p += lim << 3;
  const blist = p; p += lim << 3;
  const rlist = p; p += lim << 3;
  const elist = p; p += lim << 3;
  const rlist2 = p; p += <usize>(RLIST2_LEN + 3) << 3;
  const res3la = p; p += <usize>RES3LA_LEN << 3;
  const pts = p; p += <usize>npts2 << 3;
  const iord = p; p += align8(lim << 2);
  const level = p; p += align8(lim << 2);
  const ndin = p; p += align8(<usize>npts2 << 2);
  if (write) {
    store<u32>(islotPtr(ws, I_XPTR), <u32>(ws + xptr));
    store<u32>(islotPtr(ws, I_FPTR), <u32>(ws + fptr));
    store<u32>(islotPtr(ws, I_ALIST), <u32>(ws + alist));
    store<u32>(islotPtr(ws, I_BLIST), <u32>(ws + blist));
    store<u32>(islotPtr(ws, I_RLIST), <u32>(ws + rlist));
    store<u32>(islotPtr(ws, I_ELIST), <u32>(ws + elist));
    store<u32>(islotPtr(ws, I_RLIST2), <u32>(ws + rlist2));
    store<u32>(islotPtr(ws, I_RES3LA), <u32>(ws + res3la));
    store<u32>(islotPtr(ws, I_PTS), <u32>(ws + pts));
    store<u32>(islotPtr(ws, I_IORD), <u32>(ws + iord));
    store<u32>(islotPtr(ws, I_LEVEL), <u32>(ws + level));
    store<u32>(islotPtr(ws, I_NDIN), <u32>(ws + ndin));
  }
  return p;
}

/** Store the problem in the header (inf: 0 finite, else QAGI's code) and clear the outputs. */
export function setProblem(ws: usize, inf: i32, a: f64, b: f64, epsabs: f64, epsrel: f64, limit: i32): void {
  setHf(ws, F_A, a);
  setHf(ws, F_B, b);
  setHf(ws, F_EPSABS, epsabs);
  setHf(ws, F_EPSREL, epsrel);
  setHi(ws, I_LIMIT, limit);
  setHi(ws, I_INF, inf);
  setHi(ws, I_IER, 0);
  setHi(ws, I_NEVAL, 0);
  setHi(ws, I_LAST, 0);
  setHf(ws, F_RESULT, 0);
  setHf(ws, F_ABSERR, 0);
}

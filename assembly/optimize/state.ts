/**
 * L-BFGS-B state: every scalar the driver keeps between reverse-communication calls, laid
 * over the first bytes of the TS-provided workspace (an unmanaged class: no allocation),
 * followed by the arrays. All vector/matrix indexing in the optimize kernels is 1-based
 * and column-major, as in the Fortran reference, through the small address helpers below.
 *
 * References: Byrd, Lu, Nocedal & Zhu (1995), SIAM J. Sci. Comput. 16(5):1190-1208;
 * Zhu, Byrd, Lu & Nocedal (1997), ACM TOMS 23(4):550-560; Morales & Nocedal (2011),
 * ACM TOMS 38(1):7.
 */

// Task codes shared with src/optimize/lbfgsb.ts.
export const TASK_START: i32 = 0;
export const TASK_FG_START: i32 = 1;
export const TASK_FG_LNSRCH: i32 = 2;
export const TASK_NEW_X: i32 = 3;
export const TASK_CONV_PGTOL: i32 = 4;
export const TASK_CONV_FACTR: i32 = 5;
export const TASK_ABNORMAL: i32 = 6;
export const TASK_ERROR: i32 = 7;

// dcsrch task codes.
export const LS_START: i32 = 0;
export const LS_FG: i32 = 1;
export const LS_CONV: i32 = 2;
export const LS_WARN: i32 = 3;
export const LS_ERROR: i32 = 4;

@unmanaged
export class Lbfgsb {
  // sizes, options, task
  n: i32 = 0;
  m: i32 = 0;
  maxls: i32 = 0;
  task: i32 = 0;
  tol: f64 = 0; // factr * epsmch
  pgtol: f64 = 0;
  f: f64 = 0;

  // array pointers (byte offsets into linear memory)
  x: usize = 0;
  l: usize = 0;
  u: usize = 0;
  g: usize = 0;
  z: usize = 0;
  r: usize = 0;
  d: usize = 0;
  t: usize = 0;
  xp: usize = 0;
  ws: usize = 0;
  wy: usize = 0;
  sy: usize = 0;
  ss: usize = 0;
  wt: usize = 0;
  wn: usize = 0;
  snd: usize = 0;
  wa: usize = 0;
  nbd: usize = 0;
  index: usize = 0;
  iwhere: usize = 0;
  indx2: usize = 0;

  // driver integers
  col: i32 = 0;
  head: i32 = 1;
  itail: i32 = 0;
  iupdat: i32 = 0;
  iter: i32 = 0;
  nfgv: i32 = 0;
  ifun: i32 = 0;
  iback: i32 = 0;
  nfree: i32 = 0;
  nact: i32 = 0;
  nenter: i32 = 0;
  ileave: i32 = 0;
  nseg: i32 = 0;
  nintol: i32 = 0;
  nskip: i32 = 0;
  iword: i32 = 0;
  info: i32 = 0;
  csave: i32 = 0;
  boxed: i32 = 0;
  cnstnd: i32 = 0;
  prjctd: i32 = 0;
  updatd: i32 = 0;
  wrk: i32 = 0;
  pad: i32 = 0;

  // driver reals
  theta: f64 = 1;
  fold: f64 = 0;
  dnorm: f64 = 0;
  gd: f64 = 0;
  gdold: f64 = 0;
  sbgnrm: f64 = 0;
  stp: f64 = 0;
  stpmx: f64 = 0;
  dtd: f64 = 0;

  // dcsrch state
  brackt: i32 = 0;
  stage: i32 = 0;
  ginit: f64 = 0;
  gtest: f64 = 0;
  gx: f64 = 0;
  gy: f64 = 0;
  finit: f64 = 0;
  fx: f64 = 0;
  fy: f64 = 0;
  stx: f64 = 0;
  sty: f64 = 0;
  stmin: f64 = 0;
  stmax: f64 = 0;
  width: f64 = 0;
  width1: f64 = 0;
}

/** Bytes of the state header, rounded up to 16. */
export const HEADER_BYTES: usize = (offsetof<Lbfgsb>() + 15) & ~<usize>15;

/** Address of element i (1-based) of an f64 vector. */
@inline export function at(v: usize, i: i32): usize {
  return v + ((<usize>(i - 1)) << 3);
}

/** Address of element (i, j) (1-based) of a column-major f64 matrix with leading dimension ld. */
@inline export function at2(a: usize, ld: i32, i: i32, j: i32): usize {
  return a + ((<usize>(i - 1 + (j - 1) * ld)) << 3);
}

@inline export function ld(v: usize, i: i32): f64 {
  return load<f64>(v + ((<usize>(i - 1)) << 3));
}

@inline export function st(v: usize, i: i32, value: f64): void {
  store<f64>(v + ((<usize>(i - 1)) << 3), value);
}

@inline export function ld2(a: usize, lda: i32, i: i32, j: i32): f64 {
  return load<f64>(a + ((<usize>(i - 1 + (j - 1) * lda)) << 3));
}

@inline export function st2(a: usize, lda: i32, i: i32, j: i32, value: f64): void {
  store<f64>(a + ((<usize>(i - 1 + (j - 1) * lda)) << 3), value);
}

@inline export function ldi(v: usize, i: i32): i32 {
  return load<i32>(v + ((<usize>(i - 1)) << 2));
}

@inline export function sti(v: usize, i: i32, value: i32): void {
  store<i32>(v + ((<usize>(i - 1)) << 2), value);
}

/** Base address of column j (1-based) of a matrix with n rows. */
@inline export function col0(a: usize, n: i32, j: i32): usize {
  return a + ((<usize>(j - 1) * <usize>n) << 3);
}

/** Byte offset of variable ind(k) (a 1-based index list) inside a column. */
@inline export function idx(ind: usize, k: i32): usize {
  return (<usize>(load<i32>(ind + ((<usize>(k - 1)) << 2)) - 1)) << 3;
}

/**
 * Dot product of n contiguous doubles, summed in order (as the reference BLAS ddot does,
 * so results match SciPy's to the last bit; no SIMD reassociation).
 */
export function dot(n: i32, x: usize, y: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const off = (<usize>i) << 3;
    s += load<f64>(x + off) * load<f64>(y + off);
  }
  return s;
}

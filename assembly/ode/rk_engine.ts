/**
 * The stepping engine shared by the explicit embedded Runge–Kutta pairs (dopri5, rk23):
 * one resumable state machine driven by reverse communication. Each call runs until it
 * needs a derivative (NEED_F: evaluate f(T_STAGE, Y_IN) into K_r, r = STAGE, call again), has
 * accepted a step (STEP_DONE), or fails (TOO_SMALL_STEP, BAD_F). All state is in the
 * workspace (see workspace.ts); the tableau comes in as pointers to static tables.
 *
 * One step from (t, y, f) with h, as SciPy's `rk_step` (S stages, FSAL):
 *   K_0 = f,  K_s = f(t + c_s h, y + (Σ_{j<s} a_sj K_j) h)        s = 1..S-1
 *   y_new = y + h Σ_{j<S} b_j K_j,  K_S = f(t + h, y_new)
 *   err   = (Σ_{j≤S} e_j K_j) h
 * Stage combinations are elementwise, so the f64x2 path and the scalar tail perform the
 * same operations in the same order: both builds give identical bits.
 *
 * Overwrites: every vector of the workspace except ATOL; header scalars T, T_OLD, H,
 * H_ABS, T_STAGE, STATE, ... After STEP_DONE, T_OLD/T, Y_OLD/Y and K_0..K_S describe the
 * accepted step (what the dense output needs) until the next call.
 *
 * References: Hairer, Nørsett & Wanner I, §II.4; SciPy 1.10 scipy/integrate/_ivp/rk.py.
 */
import {
  H_T, H_T_BOUND, H_H_ABS, H_DIR, H_MAX_STEP, H_RTOL, H_T_OLD, H_H, H_T_STAGE, H_STATE,
  H_ERR_NORM, H_REJECTED, H_T_NEW, H_MIN_STEP, H_H0, H_D1, H_HCUR, H_BAD_INDEX,
  H_FIRST_STEP, H_STAGE, H_ATTEMPTS, H_D0,
  V_ATOL, V_Y, V_Y_OLD, V_Y_NEW, V_Y_IN, V_K, V_Q,
  NEED_F, STEP_DONE, TOO_SMALL_STEP, BAD_F,
  ST_START, ST_GOT_F0, ST_GOT_F1, ST_STEP, ST_GOT_STAGE,
  vec, getH, setH,
} from "./workspace";
import { rmsRatio, stepFactor, minStep } from "./controller";
import {
  DP_A21, DP_A31, DP_A32, DP_A41, DP_A42, DP_A43, DP_A51, DP_A52, DP_A53, DP_A54,
  DP_A61, DP_A62, DP_A63, DP_A64, DP_A65, DP_B1, DP_B3, DP_B4, DP_B5, DP_B6,
} from "./dopri5_tableau";

/**
 * The first non-finite entry of the n-vector at p (a derivative the caller wrote in place),
 * or -1. The sum of v - v is 0 exactly when every v is finite.
 */
function firstNonFinite(n: i32, p: usize): i32 {
  let chk: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let c2 = f64x2.splat(0);
    for (; i + 1 < n; i += 2) {
      const v = v128.load(p + (<usize>i << 3));
      c2 = f64x2.add(c2, f64x2.sub(v, v));
    }
    chk = f64x2.extract_lane(c2, 0) + f64x2.extract_lane(c2, 1);
  }
  for (; i < n; i++) {
    const v = load<f64>(p + (<usize>i << 3));
    chk += v - v;
  }
  if (chk == 0) return -1;
  for (let k = 0; k < n; k++) {
    const v = load<f64>(p + (<usize>k << 3));
    if (v - v != 0) return k;
  }
  return -1;
}

// @ts-ignore: decorator
@inline
function krow(ws: usize, n: i32, j: i32): usize {
  return vec(ws, n, V_K + j);
}

/**
 * out = y + (Σ_{j<s} w_j K_j) * h for s <= 7 coefficients at w. SciPy writes the stage as
 * `y + dot(K[:s].T, a[:s]) * h` and y_new as `y + h * dot(K[:-1].T, B)`: the same value,
 * multiplication commutes exactly. The sum runs in j order from w_0 K_0, as a sequential
 * dot product does. Coefficients are hoisted out of the component loop; absent ones are 0
 * and their terms are skipped (adding +-0 to a sum of finite terms changes nothing).
 */
// @ts-ignore: decorator
@inline
function combine(ws: usize, n: i32, out: usize, y: usize, w: usize, s: i32, h: f64): void {
  combineW(
    ws, n, out, y, s, h, load<f64>(w),
    s > 1 ? load<f64>(w, 8) : 0.0, s > 2 ? load<f64>(w, 16) : 0.0, s > 3 ? load<f64>(w, 24) : 0.0,
    s > 4 ? load<f64>(w, 32) : 0.0, s > 5 ? load<f64>(w, 40) : 0.0, s > 6 ? load<f64>(w, 48) : 0.0,
  );
}

/** combine with the coefficients as values: literal ones fold into the loop when inlined. */
// @ts-ignore: decorator
@inline
function combineW(
  ws: usize, n: i32, out: usize, y: usize, s: i32, h: f64,
  w0: f64, w1: f64, w2: f64, w3: f64, w4: f64, w5: f64, w6: f64,
): void {
  const k0 = krow(ws, n, 0);
  const stride = <usize>n << 3;
  const k1 = k0 + stride, k2 = k1 + stride, k3 = k2 + stride, k4 = k3 + stride, k5 = k4 + stride, k6 = k5 + stride;
  if (n >= PASS_MIN_N) {
    combinePasses(out, y, k0, stride, w0, w1, w2, w3, w4, w5, w6, n, h, s);
    return;
  }
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const hv = f64x2.splat(h);
    const v0 = f64x2.splat(w0), v1 = f64x2.splat(w1), v2 = f64x2.splat(w2), v3 = f64x2.splat(w3);
    const v4 = f64x2.splat(w4), v5 = f64x2.splat(w5), v6 = f64x2.splat(w6);
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      let acc = f64x2.mul(v128.load(k0 + off), v0);
      if (w1 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k1 + off), v1));
      if (w2 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k2 + off), v2));
      if (w3 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k3 + off), v3));
      if (w4 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k4 + off), v4));
      if (w5 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k5 + off), v5));
      if (w6 != 0) acc = f64x2.add(acc, f64x2.mul(v128.load(k6 + off), v6));
      v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(acc, hv)));
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    let acc = load<f64>(k0 + off) * w0;
    if (w1 != 0) acc += load<f64>(k1 + off) * w1;
    if (w2 != 0) acc += load<f64>(k2 + off) * w2;
    if (w3 != 0) acc += load<f64>(k3 + off) * w3;
    if (w4 != 0) acc += load<f64>(k4 + off) * w4;
    if (w5 != 0) acc += load<f64>(k5 + off) * w5;
    if (w6 != 0) acc += load<f64>(k6 + off) * w6;
    store<f64>(out + off, load<f64>(y + off) + acc * h);
  }
}

/** From this size on, stage sums run as fused loops chosen once per call (no branch per element). */
const PASS_MIN_N: i32 = 64;

/**
 * The large-n form of combine: one fused loop per number of terms (no per-element
 * branches). Zero coefficients are included here (adding +-0 to a sum of finite terms
 * changes nothing but the sign of an exact zero); the sum runs in j order as elsewhere.
 */
function combinePasses(
  out: usize, y: usize, k0: usize, stride: usize,
  w0: f64, w1: f64, w2: f64, w3: f64, w4: f64, w5: f64, w6: f64, n: i32, h: f64, s: i32,
): void {
  const k1 = k0 + stride, k2 = k1 + stride, k3 = k2 + stride, k4 = k3 + stride, k5 = k4 + stride, k6 = k5 + stride;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const hv = f64x2.splat(h);
    const v0 = f64x2.splat(w0), v1 = f64x2.splat(w1), v2 = f64x2.splat(w2), v3 = f64x2.splat(w3);
    const v4 = f64x2.splat(w4), v5 = f64x2.splat(w5), v6 = f64x2.splat(w6);
    switch (s) {
    case 1:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.mul(v128.load(k0 + off), v0), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0) * h);
      }
      break;
    case 2:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1) * h);
      }
      break;
    case 3:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), f64x2.mul(v128.load(k2 + off), v2)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2) * h);
      }
      break;
    case 4:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), f64x2.mul(v128.load(k2 + off), v2)), f64x2.mul(v128.load(k3 + off), v3)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3) * h);
      }
      break;
    case 5:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), f64x2.mul(v128.load(k2 + off), v2)), f64x2.mul(v128.load(k3 + off), v3)), f64x2.mul(v128.load(k4 + off), v4)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4) * h);
      }
      break;
    case 6:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), f64x2.mul(v128.load(k2 + off), v2)), f64x2.mul(v128.load(k3 + off), v3)), f64x2.mul(v128.load(k4 + off), v4)), f64x2.mul(v128.load(k5 + off), v5)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4 + load<f64>(k5 + off) * w5) * h);
      }
      break;
    case 7:
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        v128.store(out + off, f64x2.add(v128.load(y + off), f64x2.mul(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), v0), f64x2.mul(v128.load(k1 + off), v1)), f64x2.mul(v128.load(k2 + off), v2)), f64x2.mul(v128.load(k3 + off), v3)), f64x2.mul(v128.load(k4 + off), v4)), f64x2.mul(v128.load(k5 + off), v5)), f64x2.mul(v128.load(k6 + off), v6)), hv)));
      }
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4 + load<f64>(k5 + off) * w5 + load<f64>(k6 + off) * w6) * h);
      }
      break;
    }
    return;
  }
  switch (s) {
    case 1:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0) * h);
      }
      break;
    case 2:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1) * h);
      }
      break;
    case 3:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2) * h);
      }
      break;
    case 4:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3) * h);
      }
      break;
    case 5:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4) * h);
      }
      break;
    case 6:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4 + load<f64>(k5 + off) * w5) * h);
      }
      break;
    case 7:
      for (; i < n; i++) {
        const off = <usize>i << 3;
        store<f64>(out + off, load<f64>(y + off) + (load<f64>(k0 + off) * w0 + load<f64>(k1 + off) * w1 + load<f64>(k2 + off) * w2 + load<f64>(k3 + off) * w3 + load<f64>(k4 + off) * w4 + load<f64>(k5 + off) * w5 + load<f64>(k6 + off) * w6) * h);
      }
      break;
  }
}

/** RMS of (Σ_j e_j K_j) h / (atol + rtol max(|y|, |y_new|)), summed in index order. */
function errorNorm(ws: usize, n: i32, e: usize, rows: i32, h: f64): f64 {
  const k0 = krow(ws, n, 0);
  const stride = <usize>n << 3;
  const k1 = k0 + stride, k2 = k1 + stride, k3 = k2 + stride, k4 = k3 + stride, k5 = k4 + stride, k6 = k5 + stride;
  const e0 = load<f64>(e);
  const e1 = rows > 1 ? load<f64>(e, 8) : 0.0;
  const e2 = rows > 2 ? load<f64>(e, 16) : 0.0;
  const e3 = rows > 3 ? load<f64>(e, 24) : 0.0;
  const e4 = rows > 4 ? load<f64>(e, 32) : 0.0;
  const e5 = rows > 5 ? load<f64>(e, 40) : 0.0;
  const e6 = rows > 6 ? load<f64>(e, 48) : 0.0;
  const y = vec(ws, n, V_Y);
  const yNew = vec(ws, n, V_Y_NEW);
  const atol = vec(ws, n, V_ATOL);
  const rtol = getH(ws, H_RTOL);
  let sum: f64 = 0;
  if (n >= PASS_MIN_N && (rows == 7 || rows == 4)) {
    // Y_IN is free once f(t + h, y_new) is in: the scaled error goes there (fused over the
    // 7 (Dormand–Prince) or 4 (Bogacki–Shampine) rows, zero weights included), then the
    // squares are summed in index order.
    const err = vec(ws, n, V_Y_IN);
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const hv = f64x2.splat(h);
      const rv = f64x2.splat(rtol);
      for (; i + 1 < n; i += 2) {
        const off = <usize>i << 3;
        const acc = rows == 7 ? f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), f64x2.splat(e0)), f64x2.mul(v128.load(k1 + off), f64x2.splat(e1))), f64x2.mul(v128.load(k2 + off), f64x2.splat(e2))), f64x2.mul(v128.load(k3 + off), f64x2.splat(e3))), f64x2.mul(v128.load(k4 + off), f64x2.splat(e4))), f64x2.mul(v128.load(k5 + off), f64x2.splat(e5))), f64x2.mul(v128.load(k6 + off), f64x2.splat(e6))) : f64x2.add(f64x2.add(f64x2.add(f64x2.mul(v128.load(k0 + off), f64x2.splat(e0)), f64x2.mul(v128.load(k1 + off), f64x2.splat(e1))), f64x2.mul(v128.load(k2 + off), f64x2.splat(e2))), f64x2.mul(v128.load(k3 + off), f64x2.splat(e3)));
        const big = f64x2.max(f64x2.abs(v128.load(y + off)), f64x2.abs(v128.load(yNew + off)));
        const scale = f64x2.add(v128.load(atol + off), f64x2.mul(big, rv));
        v128.store(err + off, f64x2.div(f64x2.mul(acc, hv), scale));
      }
    }
    for (; i < n; i++) {
      const off = <usize>i << 3;
      const acc = rows == 7 ? load<f64>(k0 + off) * e0 + load<f64>(k1 + off) * e1 + load<f64>(k2 + off) * e2 + load<f64>(k3 + off) * e3 + load<f64>(k4 + off) * e4 + load<f64>(k5 + off) * e5 + load<f64>(k6 + off) * e6 : load<f64>(k0 + off) * e0 + load<f64>(k1 + off) * e1 + load<f64>(k2 + off) * e2 + load<f64>(k3 + off) * e3;
      const scale = load<f64>(atol + off) + Math.max(Math.abs(load<f64>(y + off)), Math.abs(load<f64>(yNew + off))) * rtol;
      store<f64>(err + off, (acc * h) / scale);
    }
    for (let j = 0; j < n; j++) {
      const r = load<f64>(err + (<usize>j << 3));
      sum += r * r;
    }
    return Math.sqrt(sum) / Math.sqrt(<f64>n);
  }
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    let acc = load<f64>(k0 + off) * e0;
    if (e1 != 0) acc += load<f64>(k1 + off) * e1;
    if (e2 != 0) acc += load<f64>(k2 + off) * e2;
    if (e3 != 0) acc += load<f64>(k3 + off) * e3;
    if (e4 != 0) acc += load<f64>(k4 + off) * e4;
    if (e5 != 0) acc += load<f64>(k5 + off) * e5;
    if (e6 != 0) acc += load<f64>(k6 + off) * e6;
    const scale = load<f64>(atol + off) + Math.max(Math.abs(load<f64>(y + off)), Math.abs(load<f64>(yNew + off))) * rtol;
    const r = (acc * h) / scale;
    sum += r * r;
  }
  return Math.sqrt(sum) / Math.sqrt(<f64>n);
}

function copyVec(n: i32, dst: usize, src: usize): void {
  // memory.copy is a runtime call; for the small systems that dominate, a loop is faster.
  if (n >= 64) {
    memory.copy(dst, src, <usize>n << 3);
    return;
  }
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(dst + off, load<f64>(src + off));
  }
}

/** Ask for stage s of the current attempt (1 <= s < S): Y_IN and T_STAGE. */
// @ts-ignore: decorator
@inline
function requestStage(ws: usize, n: i32, s: i32, C: usize, A: usize, dopri: bool): i32 {
  const t = getH(ws, H_T);
  const h = getH(ws, H_HCUR);
  const out = vec(ws, n, V_Y_IN);
  const y = vec(ws, n, V_Y);
  if (dopri) {
    // Dormand–Prince with the coefficients as literals (s is a constant at each call site).
    if (s == 1) combineW(ws, n, out, y, 1, h, DP_A21, 0, 0, 0, 0, 0, 0);
    else if (s == 2) combineW(ws, n, out, y, 2, h, DP_A31, DP_A32, 0, 0, 0, 0, 0);
    else if (s == 3) combineW(ws, n, out, y, 3, h, DP_A41, DP_A42, DP_A43, 0, 0, 0, 0);
    else if (s == 4) combineW(ws, n, out, y, 4, h, DP_A51, DP_A52, DP_A53, DP_A54, 0, 0, 0);
    else combineW(ws, n, out, y, 5, h, DP_A61, DP_A62, DP_A63, DP_A64, DP_A65, 0, 0);
  } else {
    combine(ws, n, out, y, A + (<usize>(s * 7) << 3), s, h);
  }
  setH(ws, H_T_STAGE, t + load<f64>(C + (<usize>s << 3)) * h);
  setH(ws, H_STAGE, <f64>s);
  setH(ws, H_STATE, <f64>ST_GOT_STAGE);
  return NEED_F;
}

/** Start an attempt with |h| = H_H_ABS: clip to t_bound, or fail if below the minimum. */
// @ts-ignore: decorator
@inline
function beginAttempt(ws: usize, n: i32, C: usize, A: usize, dopri: bool): i32 {
  let hAbs = getH(ws, H_H_ABS);
  if (hAbs < getH(ws, H_MIN_STEP)) return TOO_SMALL_STEP;
  const dir = getH(ws, H_DIR);
  const t = getH(ws, H_T);
  const tBound = getH(ws, H_T_BOUND);
  let h = hAbs * dir;
  let tNew = t + h;
  if (dir * (tNew - tBound) > 0) tNew = tBound;
  h = tNew - t;
  hAbs = Math.abs(h);
  setH(ws, H_HCUR, h);
  setH(ws, H_H_ABS, hAbs);
  setH(ws, H_T_NEW, tNew);
  return requestStage(ws, n, 1, C, A, dopri);
}

/** Begin a new step from (T, Y, K_S of the previous step or f0). */
// @ts-ignore: decorator
@inline
function beginStep(ws: usize, n: i32, S: i32, C: usize, A: usize, dopri: bool): i32 {
  copyVec(n, krow(ws, n, 0), krow(ws, n, S));
  const t = getH(ws, H_T);
  const minStepHere = minStep(t, getH(ws, H_DIR));
  setH(ws, H_MIN_STEP, minStepHere);
  let hAbs = getH(ws, H_H_ABS);
  const maxStep = getH(ws, H_MAX_STEP);
  if (hAbs > maxStep) hAbs = maxStep;
  else if (hAbs < minStepHere) hAbs = minStepHere;
  setH(ws, H_H_ABS, hAbs);
  setH(ws, H_REJECTED, 0);
  return beginAttempt(ws, n, C, A, dopri);
}

function badF(ws: usize, index: i32): i32 {
  setH(ws, H_BAD_INDEX, <f64>index);
  return BAD_F;
}

/**
 * Advance the state machine. S: stages; q: order of the error estimator; C, A, B, E:
 * tableau (padded to 7, see dopri5_tableau.ts).
 */
// @ts-ignore: decorator
@inline
export function rkAdvance(ws: usize, n: i32, S: i32, q: i32, C: usize, A: usize, B: usize, E: usize, dopri: bool): i32 {
  const state = <i32>getH(ws, H_STATE);
  const y = vec(ws, n, V_Y);
  const kS = krow(ws, n, S);

  if (state == ST_GOT_STAGE) return gotStage(ws, n, S, q, C, A, B, E, dopri);
  if (state == ST_START) {
    copyVec(n, vec(ws, n, V_Y_IN), y);
    setH(ws, H_T_STAGE, getH(ws, H_T));
    // f0 goes where the FSAL derivative of a step lands, so every step starts alike.
    setH(ws, H_STAGE, <f64>S);
    setH(ws, H_STATE, <f64>ST_GOT_F0);
    return NEED_F;
  }
  if (state == ST_GOT_F0) {
    const bad = firstNonFinite(n, kS);
    if (bad >= 0) return badF(ws, bad);
    const first = getH(ws, H_FIRST_STEP);
    if (first > 0) {
      setH(ws, H_H_ABS, first);
      return beginStep(ws, n, S, C, A, dopri);
    }
    // Initial step (HNW I §II.4, SciPy's select_initial_step): scale kept in Y_NEW.
    const scale = vec(ws, n, V_Y_NEW);
    const atol = vec(ws, n, V_ATOL);
    const rtol = getH(ws, H_RTOL);
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      store<f64>(scale + off, load<f64>(atol + off) + Math.abs(load<f64>(y + off)) * rtol);
    }
    const d0 = rmsRatio(n, y, scale);
    const d1 = rmsRatio(n, kS, scale);
    const h0: f64 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    const dir = getH(ws, H_DIR);
    const hd = h0 * dir;
    const yIn = vec(ws, n, V_Y_IN);
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      store<f64>(yIn + off, load<f64>(y + off) + hd * load<f64>(kS + off));
    }
    setH(ws, H_H0, h0);
    setH(ws, H_D0, d0);
    setH(ws, H_D1, d1);
    setH(ws, H_T_STAGE, getH(ws, H_T) + hd);
    // f1 goes to K_1, unused until the first stage.
    setH(ws, H_STAGE, 1);
    setH(ws, H_STATE, <f64>ST_GOT_F1);
    return NEED_F;
  }
  if (state == ST_GOT_F1) {
    const scale = vec(ws, n, V_Y_NEW);
    const fOut = krow(ws, n, 1);
    let sum: f64 = 0;
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      const f1 = load<f64>(fOut + off);
      if (f1 - f1 != 0) return badF(ws, i);
      const r = (f1 - load<f64>(kS + off)) / load<f64>(scale + off);
      sum += r * r;
    }
    const h0 = getH(ws, H_H0);
    const d1 = getH(ws, H_D1);
    const d2 = Math.sqrt(sum) / Math.sqrt(<f64>n) / h0;
    let h1: f64;
    if (d1 <= 1e-15 && d2 <= 1e-15) h1 = Math.max(1e-6, h0 * 1e-3);
    else h1 = Math.pow(0.01 / Math.max(d1, d2), 1 / <f64>(q + 1));
    setH(ws, H_H_ABS, Math.min(100 * h0, h1));
    return beginStep(ws, n, S, C, A, dopri);
  }
  return beginStep(ws, n, S, C, A, dopri);
}

/** ST_GOT_STAGE: K_s (s = H_STAGE) holds the derivative of stage s, written in place. */
// @ts-ignore: decorator
@inline
function gotStage(ws: usize, n: i32, S: i32, q: i32, C: usize, A: usize, B: usize, E: usize, dopri: bool): i32 {
  const y = vec(ws, n, V_Y);
  const s = <i32>getH(ws, H_STAGE);
  const bad = firstNonFinite(n, krow(ws, n, s));
  if (bad >= 0) return badF(ws, bad);
  if (s + 1 < S) {
    // One inlined copy per stage: the stage count folds into the combination loop.
    switch (s) {
      case 1: return requestStage(ws, n, 2, C, A, dopri);
      case 2: return requestStage(ws, n, 3, C, A, dopri);
      case 3: return requestStage(ws, n, 4, C, A, dopri);
      case 4: return requestStage(ws, n, 5, C, A, dopri);
      default: return requestStage(ws, n, 6, C, A, dopri);
    }
  }
  const h = getH(ws, H_HCUR);
  const t = getH(ws, H_T);
  if (s + 1 == S) {
    const yNew = vec(ws, n, V_Y_NEW);
    if (dopri) combineW(ws, n, yNew, y, 6, h, DP_B1, 0, DP_B3, DP_B4, DP_B5, DP_B6, 0);
    else combine(ws, n, yNew, y, B, S, h);
    copyVec(n, vec(ws, n, V_Y_IN), yNew);
    setH(ws, H_T_STAGE, t + h);
    setH(ws, H_STAGE, <f64>S);
    return NEED_F;
  }
  // s == S: all derivatives are in; estimate the error and accept or reject.
  const errNorm = errorNorm(ws, n, E, S + 1, h);
  setH(ws, H_ERR_NORM, errNorm);
  setH(ws, H_ATTEMPTS, getH(ws, H_ATTEMPTS) + 1);
  const exponent = -1 / <f64>(q + 1);
  const rejectedBefore = getH(ws, H_REJECTED) != 0;
  const hAbs = getH(ws, H_H_ABS);
  const factor = stepFactor(errNorm, exponent, rejectedBefore);
  setH(ws, H_H_ABS, hAbs * factor);
  if (errNorm < 1) {
    setH(ws, H_T_OLD, t);
    setH(ws, H_H, h);
    setH(ws, H_T, getH(ws, H_T_NEW));
    copyVec(n, vec(ws, n, V_Y_OLD), y);
    copyVec(n, y, vec(ws, n, V_Y_NEW));
    setH(ws, H_STATE, <f64>ST_STEP);
    return STEP_DONE;
  }
  setH(ws, H_REJECTED, 1);
  return beginAttempt(ws, n, C, A, dopri);
}

/** Q = Kᵀ P over the last accepted step: Q_k = Σ_{j≤S} P[j][k] K_j for k < cols. */
export function rkDenseCoefficients(ws: usize, n: i32, S: i32, cols: i32, P: usize): void {
  const k0 = krow(ws, n, 0);
  const stride = <usize>n << 3;
  for (let c = 0; c < cols; c++) {
    const q = vec(ws, n, V_Q + c);
    for (let i = 0; i < n; i++) {
      const off = <usize>i << 3;
      let acc = load<f64>(k0 + off) * load<f64>(P + (<usize>c << 3));
      let kp = k0 + stride;
      for (let j = 1; j <= S; j++) {
        acc += load<f64>(kp + off) * load<f64>(P + (<usize>(j * 4 + c) << 3));
        kp += stride;
      }
      store<f64>(q + off, acc);
    }
  }
}

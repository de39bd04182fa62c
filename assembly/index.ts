// The one WASM export surface. Kernels take numbers and pointers into linear memory,
// write their results into caller-provided buffers and return status codes.
// Memory is owned by the TypeScript arena (src/wasm/arena.ts); kernels never allocate.

/** First free byte after static data: the arena starts here. */
export function heapBase(): usize {
  return __heap_base;
}

/** 1 when this build was compiled with f64x2 SIMD, 0 for the scalar build. */
export function simdEnabled(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

// ---- blas ----
export { ddot } from "./blas/ddot";

// ---- linalg: LU ----
export { dgetrf, dgetrf_workspace_size } from "./linalg/dgetrf";
export { dgetrs, dgetrs_workspace_size } from "./linalg/dgetrs";
export { dgecon, dgecon_workspace_size } from "./linalg/dgecon";
export { dlange_one } from "./linalg/dlange";
export { dgetdet } from "./linalg/dgetdet";


// ---- linalg: eigen ----
export { dsyev, dsyev_workspace_size } from "./linalg/dsyev";
export { dgeev, dgeev_workspace_size } from "./linalg/dgeev";


// ---- ode ----
export { dopri5, dopri5_dense, dopri5_workspace_size } from "./ode/dopri5";
export { rk23, rk23_dense, rk23_workspace_size } from "./ode/rk23";


// ---- optimize ----
export {
  lbfgsb, lbfgsb_init, lbfgsb_workspace_size, lbfgsb_offset, lbfgsb_set_f, lbfgsb_get_f, lbfgsb_info,
} from "./optimize/lbfgsb";


// ---- quad ----
export { qags_workspace_size, qags_init, qags_resume } from "./quad/qags";
export { qagi_init } from "./quad/qagi";
export { qagp_workspace_size, qagp_init, qagp_resume } from "./quad/qagp";
export { qags_many_init, qags_many_resume } from "./quad/qags_many";


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


// ---- linalg: eigen ----


// ---- ode ----


// ---- optimize ----
export {
  lbfgsb, lbfgsb_init, lbfgsb_workspace_size, lbfgsb_offset, lbfgsb_set_f, lbfgsb_get_f, lbfgsb_info,
} from "./optimize/lbfgsb";


// ---- quad ----


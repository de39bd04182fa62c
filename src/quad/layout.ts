/**
 * Byte offsets into the QUADPACK driver workspace; mirrors assembly/quad/layout.ts (keep
 * them in step). f64 slots sit at 8·slot, i32 slots at I32_BASE + 4·slot.
 */
export const F_RESULT = 5;
export const F_ABSERR = 6;
export const I32_BASE = 256;
export const I_LAST = 2;
export const I_IER = 15;
export const I_NEVAL = 16;
export const I_NNODES = 18;
export const I_XPTR = 24;
export const I_FPTR = 25;

export const TASK_NEED_F = 1;

/**
 * qags_many: start and resume many independent qags/qagi drivers in one call each, for
 * dblquad, whose outer request needs one inner integral per outer node. Each driver is
 * exactly the one of qags.ts/qagi.ts with its own workspace; batching only saves the
 * JS→WASM crossings (two per inner integral instead of one per driver per step).
 *
 * qags_many_init(block, size, lo, hi, n, epsabs, epsrel, limit, ws, tasks): for i < n,
 * integrate over [min(lo[i], hi[i]), max(lo[i], hi[i])] (QAGI when a limit is infinite)
 * in the workspace block + i·size; lo[i] == hi[i] starts nothing (tasks[i] = TASK_DONE,
 * ws[i] = 0). Writes ws[i] (i32) and tasks[i] (i32). Returns the number of drivers
 * waiting for integrand values.
 *
 * qags_many_resume(ws, tasks, n): resumes every driver whose task is TASK_NEED_F (after
 * the caller stored its values) and updates tasks[i]. Returns the number still waiting.
 *
 * References: as qags.ts (Piessens et al., QUADPACK, 1983).
 */
import { TASK_DONE, TASK_NEED_F } from "./layout";
import { qags_init, qags_resume } from "./qags";
import { qagi_init } from "./qagi";

export function qags_many_init(block: usize, size: i32, lo: usize, hi: usize, n: i32, epsabs: f64, epsrel: f64, limit: i32,
  ws: usize, tasks: usize): i32 {
  let waiting = 0;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const l = load<f64>(lo + off);
    const h = load<f64>(hi + off);
    const p = ws + (<usize>i << 2);
    const t = tasks + (<usize>i << 2);
    if (l == h) {
      store<i32>(p, 0);
      store<i32>(t, TASK_DONE);
      continue;
    }
    const a = Math.min(l, h);
    const b = Math.max(l, h);
    const w = block + <usize>i * <usize>size;
    store<i32>(p, <i32>w);
    let task: i32;
    if (a == -Infinity || b == Infinity) {
      const inf = a == -Infinity ? (b == Infinity ? 2 : -1) : 1;
      task = qagi_init(w, inf == 1 ? a : inf == -1 ? b : 0.0, inf, epsabs, epsrel, limit);
    } else {
      task = qags_init(w, a, b, epsabs, epsrel, limit);
    }
    store<i32>(t, task);
    if (task == TASK_NEED_F) waiting++;
  }
  return waiting;
}

export function qags_many_resume(ws: usize, tasks: usize, n: i32): i32 {
  let waiting = 0;
  for (let i = 0; i < n; i++) {
    const t = tasks + (<usize>i << 2);
    if (load<i32>(t) != TASK_NEED_F) continue;
    const task = qags_resume(<usize>load<i32>(ws + (<usize>i << 2)));
    store<i32>(t, task);
    if (task == TASK_NEED_F) waiting++;
  }
  return waiting;
}

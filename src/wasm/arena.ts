/**
 * A stack allocator over WASM linear memory.
 *
 * Every public call takes a mark, allocates its inputs, workspace and outputs above it, and
 * releases back to the mark in `finally`, so memory is reused from call to call and the
 * high-water mark only grows with the largest problem seen. Nested calls (an integrand
 * that calls `quad`, a right-hand side that calls `solve`) allocate above their caller and
 * release before it resumes. Memory growth detaches every existing view, so the arena
 * hands out byte offsets; views are made fresh with `f64()` / `i32()` after anything that
 * may have grown memory (an allocation or a user callback) and never leave the library.
 */
import type { CoreExports } from './module.js';

const ALIGN = 16;
const PAGE = 65536;

export class Arena {
  readonly base: number;
  private top: number;
  private readonly memory: WebAssembly.Memory;

  constructor(exports: CoreExports) {
    this.memory = exports.memory;
    this.base = (exports.heapBase() + ALIGN - 1) & ~(ALIGN - 1);
    this.top = this.base;
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Reserve `bytes` (16-byte aligned) and return the offset. Grows memory when needed. */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = ptr + ((bytes + ALIGN - 1) & ~(ALIGN - 1));
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch (err) {
        throw new RangeError(`scicomp: out of WASM memory allocating ${bytes} bytes`, { cause: err });
      }
    }
    this.top = end;
    return ptr;
  }

  allocF64(n: number): number {
    return this.alloc(n * 8);
  }

  allocI32(n: number): number {
    return this.alloc(n * 4);
  }

  /** A fresh view; valid only until the next allocation or user callback. */
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }

  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }

  /** Copy a vector in; returns its offset. */
  putF64(src: ArrayLike<number>): number {
    const ptr = this.allocF64(src.length);
    this.f64(ptr, src.length).set(src);
    return ptr;
  }

  /** Copy n doubles out into a fresh array owned by the caller. */
  getF64(ptr: number, n: number): Float64Array {
    return this.f64(ptr, n).slice();
  }

  getI32(ptr: number, n: number): Int32Array {
    return this.i32(ptr, n).slice();
  }

  /** Bytes of linear memory (for tests and health checks). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }
}

/** Run `body` with arena space that is released afterwards, whatever happens. */
export function withArena<T>(arena: Arena, body: (arena: Arena) => T): T {
  const mark = arena.mark();
  try {
    return body(arena);
  } finally {
    arena.release(mark);
  }
}

/**
 * Loading the WASM kernels.
 *
 * Node compiles and instantiates the module synchronously on first use, so no `await` is
 * needed before calling a kernel. Browsers may refuse synchronous compilation of large
 * modules on the main thread: there `await ready()` first. The SIMD build is chosen when
 * the engine validates it, the scalar build otherwise. See docs/design/wasm.md.
 */
import { instantiateSync } from '@assemblyscript/loader';
import { SCALAR_WASM, SIMD_WASM, VERSION } from './binaries.generated.js';
import { Arena } from './arena.js';

export type WasmVariant = 'simd' | 'scalar';

/** The raw export surface: every kernel area declares the part it calls. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  simdEnabled(): number;
}

export interface Wasm {
  exports: CoreExports & Record<string, unknown>;
  arena: Arena;
  simd: boolean;
  variant: WasmVariant | 'custom';
}

let active: Wasm | null = null;
let pending: Promise<void> | null = null;
const decoded: Partial<Record<WasmVariant, Uint8Array<ArrayBuffer>>> = {};

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') {
    const b = Buffer.from(s, 'base64');
    return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function binary(variant: WasmVariant): Uint8Array<ArrayBuffer> {
  return (decoded[variant] ??= decodeBase64(variant === 'simd' ? SIMD_WASM : SCALAR_WASM));
}

function preferredVariant(): WasmVariant {
  return WebAssembly.validate(binary('simd')) ? 'simd' : 'scalar';
}

function wrap(instanceExports: unknown, variant: Wasm['variant']): Wasm {
  const exports = instanceExports as Wasm['exports'];
  return { exports, arena: new Arena(exports), simd: exports.simdEnabled() === 1, variant };
}

function instantiate(bytes: Uint8Array, variant: Wasm['variant']): Wasm {
  const module = new WebAssembly.Module(bytes as BufferSource);
  // The raw instance exports: the loader's demangled `exports` wrap every function in a
  // rest-arguments shim, which costs time on hot paths (kernels take plain numbers).
  return wrap(instantiateSync(module, {}).instance.exports, variant);
}

/** The active instance, instantiated synchronously on first use. */
export function wasm(): Wasm {
  if (active) return active;
  try {
    active = instantiate(binary(preferredVariant()), preferredVariant());
  } catch (err) {
    throw new Error(
      'scicomp: the WASM module could not be instantiated synchronously here; call `await ready()` first',
      { cause: err },
    );
  }
  return active;
}

/** Resolves once the module is instantiated. Idempotent; in Node it resolves at once. */
export function ready(): Promise<void> {
  if (active) return Promise.resolve();
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  if (isNode) {
    wasm();
    return Promise.resolve();
  }
  pending ??= (async () => {
    const variant = preferredVariant();
    const { instance } = await WebAssembly.instantiate(binary(variant) as BufferSource, {
      env: { abort: () => { throw new Error('scicomp: WASM abort'); } },
    });
    active ??= wrap(instance.exports, variant);
  })();
  return pending;
}

/** Which build runs. */
export function features(): { simd: boolean; threads: boolean; version: string } {
  return { simd: wasm().simd, threads: false, version: VERSION };
}

/**
 * Replace the active instance (tests: the debug build, or the scalar and SIMD builds side
 * by side). Not part of the public API.
 */
export function useWasm(source: WasmVariant | Uint8Array | Wasm): Wasm {
  if (typeof source === 'string') active = instantiate(binary(source), source);
  else if (source instanceof Uint8Array) active = instantiate(source, 'custom');
  else active = source;
  return active;
}

/** Run `body` on another build, then put the previous instance back (tests only). */
export function withWasm<T>(source: WasmVariant | Uint8Array, body: (w: Wasm) => T): T {
  const saved = active;
  try {
    return body(useWasm(source));
  } finally {
    active = saved;
  }
}

// Every test file runs against the debug build (bounds assertions on).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useWasm } from '../wasm/module.js';

useWasm(new Uint8Array(readFileSync(fileURLToPath(new URL('../../build/scicomp.debug.wasm', import.meta.url)))));

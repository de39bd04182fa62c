#!/usr/bin/env node
// `node bench/run.mjs [options]` is `scicomp bench [options]` (see docs/cli.md).
// It runs the built CLI: `npm run build` first.
await import('../dist/cli/scicomp-bench.js');

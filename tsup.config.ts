import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'workflow/index': 'src/workflow/index.ts',
      'metrics/index': 'src/metrics/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // dist/cli is the CLI build's own folder (below): leave it alone.
    clean: ['!cli/**'],
    target: 'node20',
    platform: 'neutral',
    sourcemap: false,
    splitting: true,
    treeshake: true,
    // Keep class names (Matrix, LinAlgError) readable in stack traces and console output.
    keepNames: true,
    external: ['prom-client', 'commander', 'tinybench'],
  },
  {
    // The bins (ESM only). They load the library from dist/index.js at run time rather
    // than bundling a second copy of it, so health and bench check what users import.
    entry: {
      scicomp: 'src/cli/bin/scicomp.ts',
      'scicomp-bench': 'src/cli/bin/scicomp-bench.ts',
      'scicomp-health': 'src/cli/bin/scicomp-health.ts',
      'scicomp-audit': 'src/cli/bin/scicomp-audit.ts',
      'bench-child': 'src/cli/bin/bench-child.ts',
    },
    outDir: 'dist/cli',
    format: ['esm'],
    dts: false,
    clean: true,
    target: 'node20',
    platform: 'node',
    sourcemap: false,
    splitting: true,
    treeshake: true,
    banner: { js: '#!/usr/bin/env node' },
    external: ['prom-client', 'commander', 'tinybench'],
  },
]);

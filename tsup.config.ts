import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'workflow/index': 'src/workflow/index.ts',
    'metrics/index': 'src/metrics/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  sourcemap: false,
  splitting: true,
  treeshake: true,
  external: ['prom-client', 'commander', 'tinybench'],
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.ts', 'bench/**/__tests__/**/*.test.ts'],
    // Tests run the debug build (assertions on); parity tests load the release builds too.
    setupFiles: ['src/__tests__/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // In CI also write a JSON report, from which .ci/run prints a plain closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'build/vitest-report.json' }]] : ['default'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contract/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests poll the page; a loaded CI machine needs more than the default second.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    fileParallelism: true,
    reporters: ['default', './test-support/summary-reporter.ts'],
  },
});

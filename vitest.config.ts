import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files each boot a PGlite instance (~0.5 s restored from a snapshot); two workers
    // match the 2-core machines this runs on.
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next: loading them again per file was
    // 40% of the suite's time (93 s of 217 s here). Every test builds its own world (database,
    // clock, fake Lark, app), so nothing a file needs is left in module state by another.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'electron/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker per core but one: a single worker here. Most files wait on child processes
    // (Chromium, PostgreSQL, CLI runs), so two keep both cores busy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // How long expect.poll waits for a state before failing (vitest's 1 s default lost a settings refresh on a loaded
    // two-core CI run): a bound on waiting, never a timing assert; a poll that needs longer says so itself.
    expect: { poll: { timeout: 10_000 } },
  },
});

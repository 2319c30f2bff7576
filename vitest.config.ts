import { configDefaults, defineConfig } from 'vitest/config';

const E2E = 'tests/e2e/**/*.test.ts';

export default defineConfig({
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'electron/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, E2E],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          // Each e2e file starts its own backend on its own temp folder and opens its own browser contexts; nothing else
          // is module state. Run one after another in one process, they skip re-importing the backend and Playwright
          // (about 2 s a file) and share one Chromium (tests/e2e/support.ts).
          isolate: false,
        },
      },
    ],
  },
});

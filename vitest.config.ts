import { configDefaults, defineConfig } from 'vitest/config';

const E2E = 'tests/e2e/**/*.test.ts';
const UNIT = ['tests/**/*.test.ts', 'electron/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'];
// Files that replace modules (vi.mock), fake the clock or set process.env, and the renderer's tests (module-level zustand
// stores, a mocked api): each needs a fresh module graph. Every other unit file restores what it touches.
const NEEDS_ISOLATION = [
  'tests/renderer/**/*.test.{ts,tsx}',
  'tests/db/checkpoint.test.ts',
  'tests/reports/pdf.test.ts',
  'tests/sync/background-scheduler.test.ts',
  'tests/sync/bundle-cli.test.ts',
  'tests/sync/pg-hub-setup-mistakes.test.ts',
  'tests/sync/write-budget.test.ts',
];

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
          include: UNIT,
          exclude: [...configDefaults.exclude, E2E, ...NEEDS_ISOLATION],
          // One module graph per worker: the backend, drizzle and the schema are imported once, not once per file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'isolated', include: NEEDS_ISOLATION, exclude: [...configDefaults.exclude, E2E] },
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

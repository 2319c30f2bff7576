import { defineConfig } from 'vitest/config';

// The window's code keeps its state in modules (zustand stores, i18n, the early calls of a fresh open) and two of its
// tests replace modules with vi.mock: those files each get fresh modules. Everything else shares a worker's modules
// from file to file: importing the backend again for every file was a fifth of the suite's CPU time (import 236 s of
// 725 s on two cores); each of those files opens its own databases, servers and browsers, and puts back what it changes.
const windowTests = ['tests/renderer/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker per core but one: a single worker here. Most files wait on child processes
    // (Chromium, PostgreSQL, CLI runs), so two keep both cores busy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'window', include: windowTests, isolate: true } },
      {
        extends: true,
        test: {
          name: 'backend',
          include: ['tests/**/*.test.ts', 'electron/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: windowTests,
          isolate: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Files in these folders run the services in this process on their own SQLite files (no servers, browsers, child
// processes or background sync): they share a worker's modules from file to file, instead of importing the backend
// again for each (a second or so of CPU per file). Every other file gets fresh modules: the window's code keeps state
// in modules (stores, i18n, early calls) and two of its tests use vi.mock, and files that start servers, hubs,
// browsers or background rounds hung later files of a shared worker in CI when run without isolation.
const inProcess = ['tests/domain/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/foundation/**/*.test.ts'];
const all = ['tests/**/*.test.ts', 'electron/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'];

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
      { extends: true, test: { name: 'in-process', include: inProcess, isolate: false } },
      { extends: true, test: { name: 'isolated', include: all, exclude: inProcess, isolate: true } },
    ],
  },
});

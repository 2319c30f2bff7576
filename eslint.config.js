// Lint + layering. An import across the wrong line is a bug: the renderer never reaches main-process
// code or the database; services and db never import electron; the contract stays pure.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare names (`electron`) are matched exactly; paths (`**/db/**`) as globs.
const restrict = (forbidden, message) => {
  const names = forbidden.filter((f) => !f.includes('/') && !f.includes('*'));
  const globs = forbidden.filter((f) => f.includes('/') || f.includes('*'));
  return {
    'no-restricted-imports': [
      'error',
      { paths: names.map((name) => ({ name, message })), patterns: [{ group: globs, message }] },
    ],
  };
};

// Node's built-ins by bare name (`fs`, `path`); `node:*` is a glob below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'coverage/', 'bench/.cache/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['**/db/**', '**/electron/services/**', '**/electron/ipc/**', '**/electron/main/**', '**/electron/preload/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'electron', 'node:*', 'argon2', ...nodeBuiltins],
      'The renderer talks only to the contract (electron/contract) through window.emerald.',
    ),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: restrict(
      [
        '**/electron/services/**',
        '**/electron/ipc/**',
        '**/electron/main/**',
        '**/electron/preload/**',
        '../services/**',
        '../ipc/**',
        '../main/**',
        '../preload/**',
        '**/db/*',
        '!**/db/enums',
        'better-sqlite3',
        'drizzle-orm',
        'drizzle-orm/*',
        'electron',
        'node:*',
        'argon2',
        ...nodeBuiltins,
      ],
      'The contract is pure TypeScript shared with the renderer: no Node, no drizzle, no services.',
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/ipc/**/*.ts', 'db/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/electron/main/**', '**/electron/preload/**', '../main/**', '../preload/**', '../../main/**', '../../preload/**', '**/renderer/**'],
      'Services, the router and db run in plain Node: never import electron.',
    ),
  },
);

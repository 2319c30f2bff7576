// Lint + layering. An import across the wrong line is a bug: each layer names what it may import (lint/layers.js):
// the renderer never reaches main-process code or the database; services and db never import electron; the contract
// stays pure.
import js from '@eslint/js';
import { fileURLToPath } from 'node:url';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './lint/layers.js';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

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
  },
  // Each layer names what it may import (lint/layers.js); whatever is not listed is an error.
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { layers: layersPlugin(repoRoot) },
    rules: { 'layers/allowed-imports': 'error' },
  },
);

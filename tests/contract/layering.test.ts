// The layering rule (lint/layers.js, wired in eslint.config.js) really fires: each layer imports only what its
// allow-list names, and inside services one module reaches another only through its index.ts.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layering errors ESLint reports for `code` as if it lived at `filePath`. */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  expect(result?.fatalErrorCount, JSON.stringify(result?.messages)).toBe(0);
  return (result?.messages ?? []).filter((m) => m.severity === 2 && m.ruleId === 'layers/allowed-imports').map((m) => m.message);
}

const usesImport = (specifier: string) => `import * as forbidden from '${specifier}';\nexport const used = forbidden;\n`;

describe('layering rules', () => {
  it.each([
    ['renderer/src/x.ts', '../../db/schema'],
    ['renderer/src/x.ts', 'better-sqlite3'],
    ['renderer/src/x.ts', '../../electron/services/auth'],
    ['renderer/src/features/tickets/x.tsx', '../../../../electron/ipc/router'],
    ['renderer/src/x.ts', 'drizzle-orm'],
    ['renderer/src/x.ts', 'node:fs'],
    ['renderer/src/x.ts', 'electron'],
    ['electron/services/x.ts', 'electron'],
    ['electron/services/users/x.ts', 'electron'],
    ['electron/ipc/x.ts', 'electron'],
    ['db/x.ts', 'electron'],
    ['electron/contract/x.ts', 'node:fs'],
    ['electron/contract/x.ts', 'drizzle-orm'],
    ['electron/contract/x.ts', 'better-sqlite3'],
    ['electron/contract/x.ts', '../../db/schema'],
  ])('%s importing %s is an error', async (filePath, specifier) => {
    expect(await importErrors(filePath, usesImport(specifier))).toHaveLength(1);
  });

  it.each([
    ['renderer/src/x.ts', '../../electron/contract'],
    ['electron/contract/x.ts', '../../shared/enums'],
    ['db/schema.ts', '../shared/enums'],
    ['electron/contract/x.ts', 'zod'],
    ['electron/services/x.ts', 'node:fs'],
    ['electron/services/x.ts', '../../db/schema'],
    ['electron/main/x.ts', 'electron'],
  ])('%s importing %s is allowed', async (filePath, specifier) => {
    expect(await importErrors(filePath, usesImport(specifier))).toEqual([]);
  });

  // Relative paths into other layers, bare Node built-ins and native modules are caught too.
  it.each([
    ['electron/contract/x.ts', '../services/auth'],
    ['electron/contract/x.ts', '../ipc/router'],
    ['electron/contract/x.ts', '../../db/migrations'],
    ['electron/contract/x.ts', 'fs'],
    ['electron/contract/x.ts', 'argon2'],
    ['renderer/src/x.ts', 'path'],
    ['electron/services/x.ts', '../main/window'],
    ['electron/ipc/x.ts', '../preload/index'],
  ])('%s importing %s is an error', async (filePath, specifier) => {
    expect(await importErrors(filePath, usesImport(specifier))).toHaveLength(1);
  });

  // What the old deny-list let through, and what the allow-list adds.
  it.each([
    ['electron/services/x.ts', '../ipc/router'],
    ['electron/services/tickets/x.ts', '../../ipc/http/server'],
    ['db/x.ts', '../electron/services/context'],
    ['electron/preload/x.ts', 'better-sqlite3'],
    ['electron/preload/x.ts', 'node:fs'],
    ['electron/preload/x.ts', '../services/context'],
    ['electron/contract/x.ts', '../../db/enums'],
    ['electron/contract/x.ts', '../../db/schema'],
    ['shared/x.ts', 'zod'],
    ['shared/x.ts', '../db/schema'],
    ['electron/ipc/x.ts', '../main/window'],
    ['electron/ipc/x.ts', 'electron'],
    ['renderer/src/x.ts', 'some-new-package'],
    ['electron/services/x.ts', 'some-new-package'],
    ['electron/services/x.ts', '../../scripts/cli'],
    // Inside services: another module only through its index.
    ['electron/services/workOrders/x.ts', '../tickets/guards'],
    ['electron/services/sync/net/x.ts', '../../users/actor'],
    ['electron/services/x.ts', './users/passwords'],
  ])('%s importing %s is an error (allow-list)', async (filePath, specifier) => {
    expect(await importErrors(filePath, usesImport(specifier))).toHaveLength(1);
  });

  it.each([
    ['electron/services/workOrders/x.ts', '../tickets'],
    ['electron/services/workOrders/x.ts', '../tickets/index'],
    ['electron/services/workOrders/x.ts', './lifecycle'],
    ['electron/services/sync/net/x.ts', '../capture'],
    ['electron/services/tickets/x.ts', '../context'],
    ['electron/preload/x.ts', 'electron'],
    ['electron/preload/x.ts', '../ipc/electron-channels'],
    ['electron/preload/x.ts', '../contract'],
    ['electron/ipc/x.ts', '../services/tickets/commands'],
    ['electron/main/x.ts', '../../db/reliability'],
    ['renderer/src/x.tsx', 'react'],
    ['renderer/src/x.ts', '../../shared/enums'],
    ['scripts/x.ts', '../electron/ipc/router'],
    ['tests/x.ts', 'electron'],
  ])('%s importing %s is allowed', async (filePath, specifier) => {
    expect(await importErrors(filePath, usesImport(specifier))).toEqual([]);
  });

  it('a clean file has no errors at all', async () => {
    const [result] = await eslint.lintText("import { channels } from '../../electron/contract';\nexport const names = Object.keys(channels);\n", {
      filePath: `${root}/renderer/src/clean.ts`,
    });
    expect(result?.errorCount).toBe(0);
  });
});

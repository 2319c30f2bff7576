// The ESLint rules in eslint.config.js really fire: each layer is kept from importing what it must not.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The restricted-import errors ESLint reports for `code` as if it lived at `filePath`. */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  expect(result?.fatalErrorCount, JSON.stringify(result?.messages)).toBe(0);
  return (result?.messages ?? []).filter((m) => m.severity === 2 && m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
    ['electron/contract/x.ts', '../../db/enums'],
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

  it('a clean file has no errors at all', async () => {
    const [result] = await eslint.lintText("import { channels } from '../../electron/contract';\nexport const names = Object.keys(channels);\n", {
      filePath: `${root}/renderer/src/clean.ts`,
    });
    expect(result?.errorCount).toBe(0);
  });
});

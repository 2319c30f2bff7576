// What a fresh open evaluates before its first screen: main.tsx and everything it imports statically (the screens,
// the ticket pane and the forms come by dynamic import). zod and the contract's channel schemas must stay out of it,
// so the first rows never wait for every channel's schema to be built (issue 17, fresh open of the list). A static
// walk of the sources: `import type` and `import()` are not followed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const START = path.join(root, 'renderer/src/main.tsx');
// `import x from '…'`, `import { a, type B } from '…'`, `export … from '…'` and the bare `import '…'`; not `import type`.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && !candidate.endsWith(path.sep) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

/** Every source file and package evaluated before `entry` (itself included), each with the file that first imported it. */
function startPath(entry = START): Map<string, string> {
  const reached = new Map<string, string>([[entry, '(entry)']]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = match[1] as string;
      if (!specifier.startsWith('.')) {
        if (!reached.has(specifier)) reached.set(specifier, path.relative(root, file));
        continue;
      }
      const target = resolveLocal(file, specifier);
      if (!target || reached.has(target)) continue;
      reached.set(target, path.relative(root, file));
      queue.push(target);
    }
  }
  return reached;
}

describe('the renderer start path', () => {
  const reached = startPath();

  it('walks the app (sanity: the session store, the list store and the early calls are on it)', () => {
    for (const file of ['renderer/src/stores/session.ts', 'renderer/src/features/tickets/store.ts', 'renderer/src/api/earlyCalls.ts']) {
      expect(reached.has(path.join(root, file)), file).toBe(true);
    }
  });

  it('reaches neither zod nor the contract index or a channel file that builds schemas', () => {
    const byImporter = (key: string) => `${path.relative(root, key) || key} (from ${reached.get(key)})`;
    expect([...reached.keys()].filter((key) => key === 'zod' || key.startsWith('zod/')).map(byImporter)).toEqual([]);
    const contractWithSchemas = [...reached.keys()].filter(
      (key) => key.includes(`${path.sep}electron${path.sep}contract${path.sep}`) && /from ['"]zod['"]/.test(readFileSync(key, 'utf8')),
    );
    expect(contractWithSchemas.map(byImporter)).toEqual([]);
  });

  it('sends the early calls before the translations and the session store are evaluated (app/startCalls.ts reaches neither)', () => {
    // i18n builds both languages' words and reads localStorage (tens of ms on a loaded machine), all before the calls went out.
    const beforeCalls = startPath(path.join(root, 'renderer/src/app/startCalls.ts'));
    expect(beforeCalls.has(path.join(root, 'renderer/src/api/earlyCalls.ts'))).toBe(true);
    for (const file of ['renderer/src/i18n/index.ts', 'renderer/src/stores/session.ts']) {
      expect(beforeCalls.has(path.join(root, file)), `${file} (from ${beforeCalls.get(path.join(root, file))})`).toBe(false);
    }
  });
});

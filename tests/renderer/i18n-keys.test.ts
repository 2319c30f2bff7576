// Spanish and English must be complete: every key in one language exists in the other, for every namespace.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve('renderer/src/i18n/locales');

function keysOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string): Map<string, string[]> {
  const dir = path.join(LOCALES, lang);
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, keysOf(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))]),
  );
}

describe('translations', () => {
  const es = load('es');
  const en = load('en');

  it('have the same namespaces in Spanish and English', () => {
    expect([...en.keys()].sort()).toEqual([...es.keys()].sort());
    expect(es.size).toBeGreaterThan(0);
  });

  for (const [file, esKeys] of es) {
    it(`${file}: every key exists in both languages`, () => {
      const enKeys = en.get(file) ?? [];
      expect(enKeys.filter((k) => !esKeys.includes(k)), 'only in English').toEqual([]);
      expect(esKeys.filter((k) => !enKeys.includes(k)), 'only in Spanish').toEqual([]);
    });
  }

  it('leave no value empty', () => {
    for (const lang of ['es', 'en']) {
      for (const file of readdirSync(path.join(LOCALES, lang))) {
        const text = readFileSync(path.join(LOCALES, lang, file), 'utf8');
        expect(text, `${lang}/${file}`).not.toMatch(/:\s*""/);
      }
    }
  });
});

/** `reason` keys in the service and contract sources: each must have words in both languages. */
function reasonsUsedBy(dir: string): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    // `refuse('tampered', …)`: the sync bundle reader names its refusal reasons through a helper.
    for (const match of text.matchAll(/reason: '([a-z_]+)'|refuse\('([a-z_]+)'/g)) found.add((match[1] ?? match[2]) as string);
  }
  return [...found];
}

// Telemetry import rows carry their own reasons, worded in the import report (telemetry.json), not as errors.
const IMPORT_ROW_REASONS = new Set(['invalid_row', 'not_an_object', 'unknown_field', 'wrong_column_count']);

describe('error reasons', () => {
  it('every reason a service or the contract can answer is translated in Spanish and English', () => {
    const used = [...reasonsUsedBy(path.resolve('electron/services')), ...reasonsUsedBy(path.resolve('electron/contract'))].filter(
      (r) => !IMPORT_ROW_REASONS.has(r),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const lang of ['es', 'en']) {
      const common = JSON.parse(readFileSync(path.join(LOCALES, lang, 'common.json'), 'utf8')) as { errors: { reason: Record<string, string> } };
      expect(used.filter((r) => !common.errors.reason[r]), lang).toEqual([]);
    }
  });
});

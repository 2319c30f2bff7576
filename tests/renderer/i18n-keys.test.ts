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

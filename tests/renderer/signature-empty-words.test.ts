// A refused signature says what to do: the dot the newcomer drew WAS inside the box, so "sign inside the box" misled.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const words = (lang: 'es' | 'en', ns: string) => JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const reasons = (lang: 'es' | 'en') => (words(lang, 'common').errors as { reason: Record<string, string> }).reason;

describe('the words for a signature too small to count', () => {
  it('ask for the name or the usual signature at a normal size, the same on the pad and from the server', () => {
    expect(words('es', 'signatures').empty).toBe('La firma está vacía o es demasiado pequeña: firme con el nombre o la rúbrica, de un tamaño normal.');
    expect(words('en', 'signatures').empty).toBe('The signature is empty or too small: sign with your name or your usual signature, at a normal size.');
    for (const lang of ['es', 'en'] as const) expect(reasons(lang).signature_empty).toBe(words(lang, 'signatures').empty);
  });
});

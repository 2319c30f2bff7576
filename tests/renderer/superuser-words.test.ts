// One word for a superuser in the whole UI: the sidebar said "Marta Gil · Administrador" (her role) while
// Administración → Usuarios called her "Superusuario". Both now say "Administrador principal", the refusals' word.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { roleHint, roleWords } from '../../renderer/src/lib/roleWords';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: 'es' | 'en', ns: string) => JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const translators = {} as Record<'es' | 'en', TFunction>;
/** Every string a namespace shows (values only: keys such as accountSuperuser are not words on screen). */
const shown = (value: unknown): string[] => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(shown) : []);

beforeAll(async () => {
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: withSharedWords(lang, 'common', load(lang, 'common')), admin: load(lang, 'admin') } }, ns: ['common', 'admin'], defaultNS: 'admin', interpolation: { escapeValue: false } });
    translators[lang] = instance.t;
  }
});

const marta = { isSuperuser: true, roleName: 'Administrador' };
const ana = { isSuperuser: false, roleName: 'Agente' };

describe('what a person is, in words', () => {
  it('a superuser is "Administrador principal" whatever her role, with a hint saying what that means', () => {
    expect(roleWords(translators.es, marta)).toBe('Administrador principal');
    expect(roleWords(translators.en, marta)).toBe('Main administrator');
    expect(roleHint(translators.es, marta)).toMatch(/todos los permisos/);
    expect(roleWords(translators.es, ana)).toBe('Agente');
    expect(roleHint(translators.es, ana)).toBeUndefined();
    expect(roleWords(translators.es, { isSuperuser: false, roleName: null })).toBeNull();
  });

  it('the same word as the refusal, and no screen says "Superusuario" or "Superuser"', () => {
    const reasons = (lang: 'es' | 'en') => ((load(lang, 'common').errors as { reason: Record<string, string> }).reason.superuser_only ?? '').toLowerCase();
    expect(reasons('es')).toContain('administrador principal');
    expect(reasons('en')).toContain('main administrator');
    for (const lang of ['es', 'en'] as const) {
      const dir = path.join(LOCALES, lang);
      const saying = readdirSync(dir).filter((file) => shown(load(lang, file.replace(/\.json$/, ''))).some((text) => /superusuario|superuser/i.test(text)));
      expect(saying).toEqual([]);
    }
  });
});

// The renderer's words in both languages for tests that check what a screen (or its shared text module) says: the
// locale files as the app loads them (with the shared words), `common` plus the namespaces named, the first default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';

export type Translators = Record<'es' | 'en', TFunction>;

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: 'es' | 'en', ns: string) =>
  withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);

export async function translatorsFor(namespaces: readonly [string, ...string[]]): Promise<Translators> {
  const translators = {} as Translators;
  const ns = ['common', ...namespaces];
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng: lang,
      resources: { [lang]: Object.fromEntries(ns.map((name) => [name, load(lang, name)])) },
      ns,
      defaultNS: namespaces[0],
      interpolation: { escapeValue: false },
      // A missing key comes back as the key itself, which the tests' expectations catch.
      returnNull: false,
    });
    translators[lang] = instance.t;
  }
  return translators;
}

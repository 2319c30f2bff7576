// i18next with one JSON file per feature (namespace) and language. Spanish is the reference language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../../../electron/contract';
import { withSharedWords } from './sharedWords';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Resources = Record<Language, Record<string, Record<string, unknown>>>;

// Every JSON under locales/<lang>/<namespace>.json is loaded at build time.
const modules = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

export function collectResources(files: Record<string, { default: Record<string, unknown> }>): Resources {
  const resources: Resources = { es: {}, en: {} };
  for (const [file, mod] of Object.entries(files)) {
    const match = file.match(/locales\/(\w+)\/([\w-]+)\.json$/);
    if (!match) continue;
    const [, lang, ns] = match as unknown as [string, Language, string];
    if (resources[lang]) resources[lang][ns] = withSharedWords(lang, ns, mod.default);
  }
  return resources;
}

export const resources = collectResources(modules);
export const NAMESPACES = Object.keys(resources.es);

/** 'system' follows the OS/browser locale: Spanish when it starts with "es", else English. */
export function resolveLanguage(setting: UiLanguage | null | undefined, systemLocale = navigator.language): Language {
  if (setting === 'es' || setting === 'en') return setting;
  return systemLocale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

const STORED_LANGUAGE = 'emerald.language';

export function storedLanguage(): UiLanguage | null {
  const value = localStorage.getItem(STORED_LANGUAGE);
  return value === 'es' || value === 'en' || value === 'system' ? value : null;
}

const USER_LANGUAGE = 'emerald.language.user';

/** The language this user picked in the sidebar on this machine; it wins over the company default. */
export function userLanguage(): UiLanguage | null {
  const value = localStorage.getItem(USER_LANGUAGE);
  return value === 'es' || value === 'en' || value === 'system' ? value : null;
}

export async function chooseLanguage(setting: UiLanguage): Promise<void> {
  localStorage.setItem(USER_LANGUAGE, setting);
  await applyLanguage(setting);
}

/** Applies the company default (`setting`) unless this user chose a language of their own. */
export async function applyLanguage(companySetting: UiLanguage): Promise<void> {
  const setting = userLanguage() ?? companySetting;
  localStorage.setItem(STORED_LANGUAGE, setting);
  const language = resolveLanguage(setting);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: resolveLanguage(storedLanguage()),
  fallbackLng: 'es',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

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
// This computer's default (Administración → Ajustes), kept so "Predeterminado" can go back to it before a session.
const COMPUTER_LANGUAGE = 'emerald.language.computer';

/** The language picked in the sidebar or on the sign-in card on this machine; it wins over the computer's default. */
export function userLanguage(): UiLanguage | null {
  const value = localStorage.getItem(USER_LANGUAGE);
  return value === 'es' || value === 'en' || value === 'system' ? value : null;
}

function computerLanguage(): UiLanguage {
  const value = localStorage.getItem(COMPUTER_LANGUAGE);
  return value === 'es' || value === 'en' ? value : 'system';
}

/** A language of one's own on this machine, or 'default': none, back to this computer's default. */
export type LanguageChoice = UiLanguage | 'default';

export async function chooseLanguage(choice: LanguageChoice): Promise<void> {
  if (choice === 'default') localStorage.removeItem(USER_LANGUAGE);
  else localStorage.setItem(USER_LANGUAGE, choice);
  await showLanguage();
}

/** Applies this computer's default (`computerSetting`, from the settings) unless a language was picked on it. */
export async function applyLanguage(computerSetting: UiLanguage): Promise<void> {
  localStorage.setItem(COMPUTER_LANGUAGE, computerSetting);
  await showLanguage();
}

async function showLanguage(): Promise<void> {
  const setting = userLanguage() ?? computerLanguage();
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

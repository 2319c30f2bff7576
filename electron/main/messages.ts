// The shell's own words (dialogs, menu), in Spanish or English. Pure, so every string is checked by a test.
import { DATABASE_FAILURES, FAILURE_WORDS, type DatabaseFailure } from '../../db/failures';

export type Language = 'es' | 'en';

/** Spanish when the OS speaks Spanish (es, es-419, es-MX…), English otherwise. */
export function languageFor(locale: string | null | undefined): Language {
  return typeof locale === 'string' && /^es(\b|[-_])/i.test(locale.trim()) ? 'es' : 'en';
}

export interface DialogText {
  title: string;
  message: string;
  detail: string;
}

const WORDS = {
  es: { cannotOpen: 'Emerald no puede abrir sus datos', file: 'Archivo', unexpected: 'Emerald no pudo iniciarse', unexpectedMessage: 'Se produjo un error inesperado al iniciar.' },
  en: { cannotOpen: 'Emerald cannot open its data', file: 'File', unexpected: 'Emerald could not start', unexpectedMessage: 'An unexpected error happened while starting.' },
} as const;

/** The words every door uses for a refused file (db/failures.ts), as the start dialog. */
export function databaseErrorDialog(reason: DatabaseFailure, language: Language, file: string): DialogText {
  const text = FAILURE_WORDS[language][reason];
  return { title: WORDS[language].cannotOpen, message: text.message, detail: `${text.advice}\n\n${WORDS[language].file}: ${file}` };
}

/** Offered when the file cannot be opened but a checked backup exists. */
export interface RestoreOfferText extends DialogText {
  restoreButton: string;
  quitButton: string;
}

const RESTORE_WORDS = {
  es: {
    title: 'Restaurar una copia de seguridad',
    message: 'Hay una copia de seguridad comprobada del {when}.',
    detail: 'Emerald puede restaurarla ahora. El archivo actual se guarda aparte sin cambios, por si hace falta recuperarlo.',
    restore: 'Restaurar la copia',
    quit: 'Salir',
    failed: 'No se pudo restaurar la copia de seguridad',
  },
  en: {
    title: 'Restore a backup',
    message: 'There is a checked backup from {when}.',
    detail: 'Emerald can restore it now. The current file is kept aside unchanged, in case it needs to be recovered.',
    restore: 'Restore the backup',
    quit: 'Quit',
    failed: 'The backup could not be restored',
  },
} as const;

export function restoreOfferDialog(language: Language, backupCreatedAt: string): RestoreOfferText {
  const words = RESTORE_WORDS[language];
  const when = new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(backupCreatedAt));
  return { title: words.title, message: words.message.replace('{when}', when), detail: words.detail, restoreButton: words.restore, quitButton: words.quit };
}

export function restoreFailedDialog(language: Language, error: unknown): DialogText {
  return { title: RESTORE_WORDS[language].failed, message: RESTORE_WORDS[language].failed, detail: error instanceof Error ? error.message : String(error) };
}

export function unexpectedErrorDialog(language: Language, error: unknown): DialogText {
  const detail = error instanceof Error ? error.message : String(error);
  return { title: WORDS[language].unexpected, message: WORDS[language].unexpectedMessage, detail };
}

export { DATABASE_FAILURES };

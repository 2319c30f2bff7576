// The shell's own words (dialogs, menu), in Spanish or English. Pure, so every string is checked by a test.
import type { DatabaseOpenFailure } from '../../db/errors';

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

type ReasonText = Record<DatabaseOpenFailure, { message: string; advice: string }>;

const DATABASE_REASONS: Record<Language, ReasonText> = {
  es: {
    newer_version: {
      message: 'Los datos fueron guardados por una versión más reciente de Emerald.',
      advice: 'Instala la versión más reciente de Emerald para abrirlos. El archivo no se ha modificado.',
    },
    not_emerald: {
      message: 'El archivo de datos no es una base de datos de Emerald.',
      advice: 'Comprueba la carpeta de datos (EMERALD_DATA_DIR). El archivo no se ha modificado.',
    },
    locked: {
      message: 'La base de datos está en uso por otro programa.',
      advice: 'Cierra la otra ventana o programa de Emerald que la esté usando y vuelve a intentarlo.',
    },
    corrupt: {
      message: 'La base de datos está dañada y no se puede abrir.',
      advice: 'Restaura una copia de seguridad. El archivo no se ha modificado, para que puedas intentar recuperarlo.',
    },
    read_only: {
      message: 'No se puede escribir en la carpeta de datos.',
      advice: 'Comprueba los permisos de la carpeta o elige otra con EMERALD_DATA_DIR.',
    },
    disk_full: {
      message: 'No queda espacio en el disco para la base de datos.',
      advice: 'Libera espacio en el disco y vuelve a abrir Emerald.',
    },
    migration_failed: {
      message: 'No se pudo actualizar la base de datos a esta versión de Emerald.',
      advice: 'Tus datos no se han perdido: se guardó una copia del archivo antes de actualizar. Contacta con soporte.',
    },
  },
  en: {
    newer_version: {
      message: 'The data was saved by a newer version of Emerald.',
      advice: 'Install the latest version of Emerald to open it. The file has not been changed.',
    },
    not_emerald: {
      message: 'The data file is not an Emerald database.',
      advice: 'Check the data folder (EMERALD_DATA_DIR). The file has not been changed.',
    },
    locked: {
      message: 'The database is in use by another program.',
      advice: 'Close the other Emerald window or program that is using it and try again.',
    },
    corrupt: {
      message: 'The database is damaged and cannot be opened.',
      advice: 'Restore a backup. The file has not been changed, so it can still be recovered.',
    },
    read_only: {
      message: 'The data folder cannot be written to.',
      advice: 'Check the folder permissions or choose another one with EMERALD_DATA_DIR.',
    },
    disk_full: {
      message: 'There is no space left on the disk for the database.',
      advice: 'Free some disk space and open Emerald again.',
    },
    migration_failed: {
      message: 'The database could not be upgraded to this version of Emerald.',
      advice: 'Your data is not lost: a copy of the file was kept before upgrading. Contact support.',
    },
  },
};

const WORDS = {
  es: { cannotOpen: 'Emerald no puede abrir sus datos', file: 'Archivo', unexpected: 'Emerald no pudo iniciarse', unexpectedMessage: 'Se produjo un error inesperado al iniciar.' },
  en: { cannotOpen: 'Emerald cannot open its data', file: 'File', unexpected: 'Emerald could not start', unexpectedMessage: 'An unexpected error happened while starting.' },
} as const;

export function databaseErrorDialog(reason: DatabaseOpenFailure, language: Language, file: string): DialogText {
  const text = DATABASE_REASONS[language][reason];
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

export const DATABASE_FAILURES = Object.keys(DATABASE_REASONS.en) as DatabaseOpenFailure[];

// One taxonomy for every way a database file is refused, whichever door it came through: opening it (the desktop
// start, the server, the CLI), restoring a backup into it, or checking it. One set of reasons, one mapping to words
// (the shell's dialogs, the CLI's lines and the errors' messages all read FAILURE_WORDS).

export const DATABASE_FAILURES = [
  /** No file there (restore's backup, check's database; opening a missing file creates a new database). */
  'missing',
  /** A file, but not an Emerald database (another program's SQLite file, or not SQLite at all). */
  'not_emerald',
  /** Written by a newer Emerald: its schema version is ahead of this one. */
  'newer_version',
  /** SQLite finds the file damaged (integrity check, broken pages, broken references). */
  'corrupt',
  /** Emerald's identity and version, but tables, columns or triggers that version promises are missing. */
  'missing_schema',
  /** Another program (Emerald, the command line) holds the file. */
  'locked',
  /** The path cannot be read as a database file at all (a folder, no permission to read). */
  'unreadable',
  /** A restore asked to replace the live database with itself. */
  'same_file',
  /** The file or its folder cannot be written (opening needs to write). */
  'read_only',
  /** No room left on the disk. */
  'disk_full',
  /** Upgrading an older file to this version failed (the file was left as it was). */
  'migration_failed',
] as const;
export type DatabaseFailure = (typeof DATABASE_FAILURES)[number];

/** Failures a good backup can fix (a locked, full or newer file needs something else). */
export const RESTORABLE_FAILURES: readonly DatabaseFailure[] = ['corrupt', 'missing_schema', 'migration_failed', 'not_emerald'];

/** A refused database file: why (`reason`) and which file (`path`). */
export class DatabaseFailureError extends Error {
  readonly reason: DatabaseFailure;
  readonly path: string;

  constructor(reason: DatabaseFailure, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseFailureError';
    this.reason = reason;
    this.path = path;
  }
}

export type FailureLanguage = 'es' | 'en';

export interface FailureWords {
  message: string;
  advice: string;
}

export const FAILURE_WORDS: Readonly<Record<FailureLanguage, Readonly<Record<DatabaseFailure, FailureWords>>>> = {
  es: {
    missing: {
      message: 'El archivo de datos no existe.',
      advice: 'Comprueba la ruta del archivo o la carpeta de datos (EMERALD_DATA_DIR).',
    },
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
    missing_schema: {
      message: 'A la base de datos le faltan tablas de Emerald.',
      advice: 'Restaura una copia de seguridad. El archivo no se ha modificado.',
    },
    unreadable: {
      message: 'No se puede leer el archivo de datos.',
      advice: 'Comprueba que es un archivo (no una carpeta) y los permisos de lectura.',
    },
    same_file: {
      message: 'La copia elegida es la propia base de datos en uso.',
      advice: 'Elige un archivo de copia de seguridad.',
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
    missing: {
      message: 'The data file does not exist.',
      advice: 'Check the file path or the data folder (EMERALD_DATA_DIR).',
    },
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
    missing_schema: {
      message: 'The database is missing some of Emerald’s tables.',
      advice: 'Restore a backup. The file has not been changed.',
    },
    unreadable: {
      message: 'The data file cannot be read.',
      advice: 'Check that it is a file (not a folder) and that it may be read.',
    },
    same_file: {
      message: 'The chosen backup is the live database itself.',
      advice: 'Pick a backup file.',
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

/**
 * The English line an error carries (the CLI, the server and the logs print it): the words, the file, and what
 * exactly was found (SQLite's message, the missing tables). `advice` adds what to do, where it fits the door.
 */
export function failureText(reason: DatabaseFailure, file: string, detail?: string, options: { advice?: boolean } = {}): string {
  const words = FAILURE_WORDS.en[reason];
  const advice = options.advice ? ` ${words.advice}` : '';
  return `${words.message}${advice} (${file}${detail ? `: ${detail}` : ''})`;
}

// Why a restore was refused. The shell and the CLI turn `reason` into a message; nothing was changed.

export type RestoreRefusal = 'missing' | 'not_emerald' | 'corrupt' | 'newer_version' | 'in_use';

export class RestoreError extends Error {
  readonly reason: RestoreRefusal;
  /** The file the refusal is about: the backup for most reasons, the live database for `in_use`. */
  readonly path: string;

  constructor(reason: RestoreRefusal, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RestoreError';
    this.reason = reason;
    this.path = path;
  }
}

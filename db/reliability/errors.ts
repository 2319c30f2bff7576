// Why a restore was refused: one of the reasons every door shares (../failures.ts). The shell and the CLI turn
// `reason` into words; nothing was changed.
import { DatabaseFailureError, type DatabaseFailure } from '../failures';

export type RestoreRefusal = DatabaseFailure;

export class RestoreError extends DatabaseFailureError {
  /** `path`: the file the refusal is about: the backup for most reasons, the live database for `locked`. */
  constructor(reason: DatabaseFailure, path: string, message: string, options?: { cause?: unknown }) {
    super(reason, path, message, options);
    this.name = 'RestoreError';
  }
}

// Error codes and the result envelope shared by every transport. Pure: no Node, no drizzle.

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'NOT_IMPLEMENTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * `details.reason` is a stable machine key (e.g. `duplicate_email`, `stale_version`) that the UI
 * translates; `message` is plain English for scripts and logs.
 */
export interface ErrorDetails {
  reason?: string;
  field?: string;
  [key: string]: unknown;
}

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** The one error type services throw for anything a user can cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const notFound = (entity: string, id?: string): AppError =>
  new AppError('NOT_FOUND', `${entity} not found`, { reason: 'not_found', entity, ...(id ? { id } : {}) });

export const staleVersion = (entity: string, expected: number, actual: number): AppError =>
  new AppError('CONFLICT', `${entity} was changed by someone else (version ${actual}, you had ${expected}); reload and try again`, {
    reason: 'stale_version',
    entity,
    expected,
    actual,
  });

export const invalidTransition = (entity: string, from: string, to: string): AppError =>
  new AppError('INVALID_TRANSITION', `${entity} cannot go from ${from} to ${to}`, {
    reason: 'invalid_transition',
    entity,
    from,
    to,
  });

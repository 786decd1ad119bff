/** Every error code Recurrent throws. Catch blocks and tests check `code`, not only `instanceof`. */
export type RecurrentErrorCode =
  | 'DATA_FORMAT'
  | 'CONFIG'
  | 'USAGE'
  | 'SHAPE'
  | 'BACKEND'
  | 'IO'
  | 'INTERNAL';

/** Exit code a CLI uses for each error code: 2 usage/config, 65 bad data (EX_DATAERR), 1 otherwise. */
export const EXIT_CODES: Readonly<Record<RecurrentErrorCode, number>> = Object.freeze({
  DATA_FORMAT: 65,
  CONFIG: 2,
  USAGE: 2,
  SHAPE: 1,
  BACKEND: 1,
  IO: 1,
  INTERNAL: 1,
});

export interface RecurrentErrorOptions {
  readonly cause?: unknown;
}

/**
 * Base class of every error we throw.
 *
 * @example
 * throw new RecurrentError('CONFIG', 'units must be a positive integer, got 12.5');
 */
export class RecurrentError extends Error {
  readonly code: RecurrentErrorCode;

  constructor(code: RecurrentErrorCode, message: string, options: RecurrentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RecurrentError';
    this.code = code;
  }
}

/** True for a RecurrentError, also when it comes from a second copy of this module. */
export function isRecurrentError(value: unknown): value is RecurrentError {
  if (value instanceof RecurrentError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.code === 'string' &&
    candidate.code in EXIT_CODES &&
    typeof candidate.message === 'string'
  );
}

/** Wraps anything thrown into a RecurrentError (INTERNAL unless it already is one). */
export function toRecurrentError(value: unknown): RecurrentError {
  if (isRecurrentError(value)) return value;
  if (value instanceof Error) return new RecurrentError('INTERNAL', value.message, { cause: value });
  return new RecurrentError('INTERNAL', String(value));
}

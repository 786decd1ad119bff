import { RecurrentError, type RecurrentErrorCode } from './recurrent-error.js';

/**
 * Throws a RecurrentError when `condition` is false; the message is built only then.
 *
 * @example
 * assert(units > 0, () => `units must be positive, got ${units}`, 'CONFIG');
 */
export function assert(
  condition: unknown,
  message: () => string,
  code: RecurrentErrorCode = 'INTERNAL',
): asserts condition {
  if (!condition) throw new RecurrentError(code, message());
}

/** `name must be a positive integer, got X` unless value is one. */
export function assertPositiveInteger(value: unknown, name: string): asserts value is number {
  assert(
    typeof value === 'number' && Number.isInteger(value) && value > 0,
    () => `${name} must be a positive integer, got ${String(value)}`,
    'CONFIG',
  );
}

/** `name must be a number in [min, max], got X` unless it is. */
export function assertInRange(value: unknown, name: string, min: number, max: number): asserts value is number {
  assert(
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
    () => `${name} must be a number in [${min}, ${max}], got ${String(value)}`,
    'CONFIG',
  );
}

/** `name must be one of …, got X; allowed: a, b` unless value is in `allowed`. */
export function assertOneOf<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): asserts value is T {
  assert(
    typeof value === 'string' && (allowed as readonly string[]).includes(value),
    () => `${name} must be one of the allowed values, got ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`,
    'CONFIG',
  );
}

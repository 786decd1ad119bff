import { ConfigError } from '@recurrent/core';

/** Backends `initBackend` accepts; `auto` means "pick the fastest one that loads". */
export const BACKEND_NAMES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backends a run can end up on (`auto` resolves to one of these). */
export type ResolvedBackendName = Exclude<BackendName, 'auto'>;

/** The environment variable read when no explicit choice is passed. */
export const BACKEND_ENV_VAR = 'RECURRENT_BACKEND';

/**
 * Checks a backend name given by a user (flag or environment variable).
 * Surrounding white space is ignored and the name is case-insensitive.
 *
 * @param value - what the user wrote.
 * @param source - where it came from, named in the error (`--backend`, `RECURRENT_BACKEND`).
 * @throws ConfigError (code `CONFIG`) listing the allowed values.
 *
 * @example
 * parseBackendName('WASM', '--backend'); // 'wasm'
 * parseBackendName('gpu', '--backend');  // throws "--backend must be one of …, got "gpu"; allowed: auto, tensorflow, wasm, cpu"
 */
export function parseBackendName(value: unknown, source: string): BackendName {
  const normalised = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof normalised === 'string' && (BACKEND_NAMES as readonly string[]).includes(normalised)) {
    return normalised as BackendName;
  }
  throw new ConfigError(
    source,
    `must be one of the allowed backends, got ${JSON.stringify(value)}; allowed: ${BACKEND_NAMES.join(', ')}`,
  );
}

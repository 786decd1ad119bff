import type { Arguments, Argv } from 'yargs';
import { RecurrentError } from '@recurrent/core';

const DEFAULTED = Symbol.for('@recurrent/cli-kit/defaulted');

const camel = (key: string) => key.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * yargs middleware (added by {@link commonOptions}): stores, invisibly on `argv`, the names of the
 * options yargs filled from their `default` rather than from the command line.
 *
 * @example
 * yargs(args).option('epochs', { type: 'number', default: 3 }).middleware(recordDefaultedFlags, true);
 */
export function recordDefaultedFlags(argv: Arguments, y: Argv): void {
  const parsed = (y as unknown as { parsed?: { defaulted?: Record<string, boolean> } }).parsed;
  const defaulted = new Set(Object.keys(parsed === undefined ? {} : (parsed.defaulted ?? {})).map(camel));
  Object.defineProperty(argv, DEFAULTED, { value: defaulted, enumerable: false, configurable: true });
}

/**
 * The flags the user typed, camelCase, without yargs's defaults, `_` and `$0`: what overrides a
 * config file (defaults < `--config` file < flags).
 *
 * @example
 * // tagger train --epochs 5        (with --lr defaulting to 0.1)
 * explicitFlags(argv); // { epochs: 5 }
 */
export function explicitFlags(argv: Readonly<Record<string | symbol, unknown>>): Record<string, unknown> {
  const defaulted = argv[DEFAULTED];
  if (!(defaulted instanceof Set)) {
    throw new RecurrentError(
      'INTERNAL',
      'explicitFlags needs argv parsed by a yargs instance set up with commonOptions',
    );
  }
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || key.includes('-') || value === undefined || defaulted.has(key))
      continue;
    flags[key] = value;
  }
  return flags;
}

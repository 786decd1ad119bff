import type { Argv, MiddlewareFunction } from 'yargs';
import type { BackendName } from '@recurrent/backend';
import { LOG_LEVELS, RecurrentError, type LogLevel } from '@recurrent/core';
import { recordDefaultedFlags } from './explicit-flags.js';

/** `--backend` choices; checked against `@recurrent/backend`'s `BackendName` at compile time. */
export const BACKEND_CHOICES = [
  'auto',
  'tensorflow',
  'wasm',
  'cpu',
] as const satisfies readonly BackendName[];

/** `--kernel-threads` choices (see `@recurrent/backend`'s `KernelThreads`). */
export const KERNEL_THREAD_CHOICES = ['auto', '1', '2'] as const;

/** Default of `--out` unless the app passes its own. */
export const DEFAULT_OUT_DIR = 'runs/latest';

/** The options every app command shares. */
export interface CommonArgs {
  readonly backend: (typeof BACKEND_CHOICES)[number];
  readonly kernelThreads: (typeof KERNEL_THREAD_CHOICES)[number];
  readonly seed: number;
  readonly config: string | undefined;
  readonly out: string;
  readonly logLevel: LogLevel;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

/** Options of {@link commonOptions}. */
export interface CommonOptionsOptions {
  /** Default of `--out`; {@link DEFAULT_OUT_DIR} unless given. */
  readonly out?: string;
  /** Default of `--seed`; 1234 unless given. */
  readonly seed?: number;
}

/**
 * Adds the shared options (`--backend`, `--kernel-threads`, `--seed`, `--config`, `--out`, `--log-level`, `--quiet`,
 * `--verbose`), each with `describe`, `type` and `default`, and a middleware that records which
 * flags the user typed (see {@link explicitFlags}) so that config-file values beat yargs defaults.
 *
 * @example
 * const argv = await commonOptions(yargs(hideBin(process.argv)).scriptName('tagger'))
 *   .option('epochs', { type: 'number', default: 10, describe: 'passes over the data' })
 *   .strict().parseAsync();
 */
export function commonOptions<T>(y: Argv<T>, options: CommonOptionsOptions = {}): Argv<T & CommonArgs> {
  return (
    y
      .option('backend', {
        type: 'string',
        choices: BACKEND_CHOICES,
        default: 'auto' as const,
        describe: 'tfjs backend; auto picks tensorflow (tfjs-node) > wasm > cpu (env RECURRENT_BACKEND)',
      })
      .option('kernel-threads', {
        type: 'string',
        choices: KERNEL_THREAD_CHOICES,
        default: 'auto' as const,
        describe: 'threads of the fused recurrence kernels and large matMuls (wasm, cpu); auto = 2 on a multi-core machine (env RECURRENT_KERNEL_THREADS)',
      })
      .option('seed', {
        type: 'number',
        default: options.seed ?? 1234,
        describe: 'random seed for initialisers and shuffling',
      })
      .option('config', {
        type: 'string',
        default: undefined,
        defaultDescription: 'none',
        describe: 'JSON config file; flags given on the command line override its values',
      })
      .option('out', {
        type: 'string',
        default: options.out ?? DEFAULT_OUT_DIR,
        describe: 'output directory',
      })
      .option('log-level', {
        type: 'string',
        choices: LOG_LEVELS,
        default: 'info' as LogLevel,
        describe: 'least severe log level shown',
      })
      .option('quiet', {
        type: 'boolean',
        default: false,
        describe: 'show only errors (same as --log-level error)',
      })
      .option('verbose', {
        type: 'boolean',
        default: false,
        describe: 'show debug logs, and stack traces on errors',
      })
      .check((argv) => {
        if (argv.quiet === true && argv.verbose === true) {
          throw new RecurrentError('USAGE', '--quiet and --verbose cannot be used together');
        }
        return true;
      })
      // yargs passes the instance as a second argument, which its types omit.
      .middleware(recordDefaultedFlags as unknown as MiddlewareFunction, true) as unknown as Argv<
      T & CommonArgs
    >
  );
}

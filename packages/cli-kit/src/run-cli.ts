import { RecurrentError } from '@recurrent/core';
import { handleCliError, type CliErrorOptions } from './cli-error.js';

/**
 * yargs `.fail()` handler: a usage error yargs detects (unknown flag, missing option, bad
 * choice) becomes a `USAGE` RecurrentError (exit 2); an error thrown by a handler passes through.
 *
 * @example
 * yargs(args).strict().fail(usageFailHandler);
 */
export function usageFailHandler(message: string | undefined, error: Error | string | undefined): never {
  // A handler's exception passes through; yargs' own errors (YError) and a `.check()` that returned
  // a message (yargs hands that string over as the "error") are usage errors.
  if (error instanceof Error && error.name !== 'YError') throw error;
  throw new RecurrentError('USAGE', message ?? (error instanceof Error ? error.message : error) ?? 'invalid command line');
}

/** Options of {@link runCli}. */
export interface RunCliOptions extends Omit<CliErrorOptions, 'verbose'> {
  /** The raw arguments, to see `--verbose` even when parsing failed; default `process.argv.slice(2)`. */
  readonly args?: readonly string[];
}

/**
 * Runs a CLI's `main` and turns anything it throws into one printed message and an exit code
 * (0 ok, 2 usage/config, 65 bad data, 1 internal), set as `process.exitCode` and returned.
 * The stack is printed only when the arguments contain `--verbose`.
 *
 * @example
 * // src/cli/main.ts
 * await runCli(() => commonOptions(yargs(hideBin(process.argv)).scriptName('tagger'))
 *   .command(trainCommand).demandCommand(1).strict().fail(usageFailHandler).parseAsync());
 */
export async function runCli(main: () => Promise<unknown>, options: RunCliOptions = {}): Promise<number> {
  try {
    await main();
    return 0;
  } catch (error) {
    const args = options.args ?? process.argv.slice(2);
    const verbose = args.includes('--verbose') && !args.includes('--no-verbose');
    const code = handleCliError(error, { ...options, verbose });
    process.exitCode = code;
    return code;
  }
}

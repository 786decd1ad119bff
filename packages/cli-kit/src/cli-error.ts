import { EXIT_CODES, RecurrentError, toRecurrentError } from '@recurrent/core';

/** Options of {@link formatCliError} and {@link handleCliError}. */
export interface CliErrorOptions {
  /** Append the stack (and the causes' stacks). */
  readonly verbose?: boolean;
  /** Where the text goes; stderr by default. */
  readonly write?: (text: string) => void;
}

const LOCATED = /^\S+:\d+(?::\d+)?: /;

/**
 * The exit code for anything thrown: 2 usage/config, 65 bad data, 1 internal and everything else.
 *
 * @example
 * exitCodeFor(new DataFormatError({ file: 'a.tsv', line: 3 }, 'expected 2 columns')); // 65
 */
export function exitCodeFor(error: unknown): number {
  return EXIT_CODES[toRecurrentError(error).code] ?? 1;
}

/**
 * The text a CLI prints for an error. Errors that carry a location print compiler-style
 * (`train.tsv:12:3: expected 2 columns, got 3`); other RecurrentErrors print `error: message`;
 * anything else is an internal error. Usage errors add a pointer to `--help`. The stack
 * appears only when `verbose`.
 *
 * @example
 * formatCliError(new ConfigError('epochs', 'must be a positive integer, got 0'));
 * // "error: epochs must be a positive integer, got 0"
 */
export function formatCliError(error: unknown, options: CliErrorOptions = {}): string {
  const wrapped = toRecurrentError(error);
  const internal =
    wrapped.code === 'INTERNAL' && !(error instanceof RecurrentError && error.code === 'INTERNAL');
  const lines: string[] = [];
  if (LOCATED.test(wrapped.message)) lines.push(wrapped.message);
  else lines.push(`${internal ? 'internal error' : 'error'}: ${wrapped.message}`);
  if (wrapped.code === 'USAGE') lines.push('Run with --help for usage.');
  if (options.verbose) {
    let current: unknown = error;
    for (let depth = 0; current instanceof Error && depth < 5; depth++) {
      if (current.stack !== undefined)
        lines.push(depth === 0 ? current.stack : `caused by: ${current.stack}`);
      current = current.cause;
    }
  } else if (wrapped.code === 'INTERNAL') {
    lines.push('Run with --verbose for the stack trace.');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Prints `error` as {@link formatCliError} does and returns its exit code (see {@link exitCodeFor}).
 *
 * @example
 * process.exitCode = handleCliError(err, { verbose: argv.verbose });
 */
export function handleCliError(error: unknown, options: CliErrorOptions = {}): number {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  write(formatCliError(error, options));
  return exitCodeFor(error);
}

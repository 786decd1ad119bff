import { createLogger, type Logger, type LogLevel } from '@recurrent/core';

/** The logging flags {@link createCliLogger} reads (a subset of CommonArgs). */
export interface LoggingArgs {
  readonly logLevel?: LogLevel;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/**
 * The level the logging flags select: `--quiet` → error, `--verbose` → debug, else `--log-level`.
 *
 * @example
 * logLevelFor({ logLevel: 'info', quiet: true }); // 'error'
 */
export function logLevelFor(args: LoggingArgs): LogLevel {
  if (args.quiet === true) return 'error';
  if (args.verbose === true) return 'debug';
  return args.logLevel ?? 'info';
}

/**
 * A logger on stderr (stdout stays clean for results) at the level the flags select.
 *
 * @example
 * const logger = createCliLogger(argv);
 * logger.info('training on 1200 sentences');
 */
export function createCliLogger(args: LoggingArgs, write?: (line: string) => void): Logger {
  return createLogger({ level: logLevelFor(args), ...(write === undefined ? {} : { write }) });
}

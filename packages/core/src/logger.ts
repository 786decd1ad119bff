/** Log levels from most to least verbose. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What libraries log through; they never call console directly. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default for library code. */
export const SILENT_LOGGER: Logger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
});

export interface StreamLoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; defaults to stderr so stdout stays clean for results. */
  readonly write?: (line: string) => void;
}

/**
 * A logger writing one line per message at or above `level`.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info('backend: wasm');
 */
export function createLogger(options: StreamLoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const at = (level: LogLevel, prefix: string) => (message: string) => {
    if (LOG_LEVELS.indexOf(level) >= threshold) write(prefix + message);
  };
  return {
    debug: at('debug', 'debug: '),
    info: at('info', ''),
    warn: at('warn', 'warning: '),
    error: at('error', 'error: '),
  };
}

/** A logger that records lines in memory, for tests. */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}

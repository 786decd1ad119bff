import { describe, expect, it } from 'vitest';
import { createCliLogger, logLevelFor } from './cli-logger.js';

describe('createCliLogger', () => {
  it('shows info by default, only errors with --quiet and debug with --verbose', () => {
    const emit = (args: Parameters<typeof createCliLogger>[0]) => {
      const lines: string[] = [];
      const logger = createCliLogger(args, (line) => lines.push(line));
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      return lines;
    };
    expect(emit({})).toEqual(['i', 'warning: w', 'error: e']);
    expect(emit({ quiet: true, logLevel: 'debug' })).toEqual(['error: e']);
    expect(emit({ verbose: true })).toEqual(['debug: d', 'i', 'warning: w', 'error: e']);
    expect(emit({ logLevel: 'warn' })).toEqual(['warning: w', 'error: e']);
    expect(logLevelFor({ logLevel: 'silent' })).toBe('silent');
  });
});

import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataFormatError,
  EXIT_CODES,
  RecurrentError,
  assertOneOf,
  assertPositiveInteger,
  createMemoryLogger,
  isRecurrentError,
  toRecurrentError,
} from './index.js';

describe('DataFormatError', () => {
  it('prefixes the message with file:line:col', () => {
    const error = new DataFormatError({ file: 'train.conllu', line: 1042, column: 3 }, 'expected 10 columns, got 9');
    expect(error.message).toBe('train.conllu:1042:3: expected 10 columns, got 9');
    expect(error.code).toBe('DATA_FORMAT');
    expect(EXIT_CODES[error.code]).toBe(65);
  });

  it('omits the column when there is none', () => {
    expect(new DataFormatError({ file: 'a.tsv', line: 7 }, 'x').message).toBe('a.tsv:7: x');
  });
});

describe('isRecurrentError', () => {
  it('recognises an error from another module copy by its code', () => {
    const foreign = Object.assign(new Error('boom'), { code: 'CONFIG' });
    expect(isRecurrentError(foreign)).toBe(true);
    expect(isRecurrentError(new Error('plain'))).toBe(false);
  });

  it('wraps unknown errors as INTERNAL with the cause kept', () => {
    const cause = new TypeError('bad');
    const wrapped = toRecurrentError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBe(cause);
    expect(toRecurrentError(new ConfigError('a.b', 'must be x'))).toBeInstanceOf(RecurrentError);
  });
});

describe('asserts', () => {
  it('assertPositiveInteger names the value and what was given', () => {
    expect(() => assertPositiveInteger(12.5, 'units')).toThrowError(/units must be a positive integer, got 12\.5/);
  });

  it('assertOneOf lists the allowed values', () => {
    expect(() => assertOneOf('max', 'mergeMode', ['concat', 'sum'])).toThrowError(/allowed: concat, sum/);
  });
});

describe('createMemoryLogger', () => {
  it('records each level with its prefix', () => {
    const logger = createMemoryLogger();
    logger.info('a');
    logger.warn('b');
    expect(logger.lines).toEqual(['a', 'warning: b']);
  });
});

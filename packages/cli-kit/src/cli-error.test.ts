import { ConfigError, DataFormatError, RecurrentError } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, formatCliError, handleCliError } from './cli-error.js';

describe('formatCliError', () => {
  it('prints located errors compiler-style and others after "error:"', () => {
    expect(formatCliError(new DataFormatError({ file: 'a.tsv', line: 4 }, 'expected 2 columns, got 1'))).toBe(
      'a.tsv:4: expected 2 columns, got 1\n',
    );
    expect(formatCliError(new ConfigError('epochs', 'must be a positive integer, got 0'))).toBe(
      'error: epochs must be a positive integer, got 0\n',
    );
    expect(formatCliError(new RecurrentError('USAGE', 'missing --train'))).toBe(
      'error: missing --train\nRun with --help for usage.\n',
    );
    expect(formatCliError(new TypeError('x is undefined'))).toBe(
      'internal error: x is undefined\nRun with --verbose for the stack trace.\n',
    );
  });

  it('adds the stack and the cause chain only when verbose', () => {
    const cause = new Error('ENOSPC');
    const error = new RecurrentError('IO', 'cannot write bundle', { cause });
    expect(formatCliError(error)).toBe('error: cannot write bundle\n');
    const verbose = formatCliError(error, { verbose: true });
    expect(
      verbose.startsWith('error: cannot write bundle\nRecurrentError: cannot write bundle\n    at '),
    ).toBe(true);
    expect(verbose).toContain('caused by: Error: ENOSPC\n    at ');
  });
});

describe('exitCodeFor', () => {
  it('maps data to 65, usage and config to 2, everything else to 1', () => {
    expect(exitCodeFor(new DataFormatError({ file: 'a', line: 1 }, 'x'))).toBe(65);
    expect(exitCodeFor(new ConfigError('a', 'x'))).toBe(2);
    expect(exitCodeFor(new RecurrentError('USAGE', 'x'))).toBe(2);
    expect(exitCodeFor(new RecurrentError('IO', 'x'))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
    // An error from a second copy of @recurrent/core is recognised by its code.
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'DATA_FORMAT' }))).toBe(65);
  });
});

describe('handleCliError', () => {
  it('writes the text once and returns the exit code', () => {
    const out: string[] = [];
    expect(handleCliError(new ConfigError('k', 'bad'), { write: (t) => out.push(t) })).toBe(2);
    expect(out).toEqual(['error: k bad\n']);
  });
});

import { RecurrentError, type RecurrentErrorOptions } from './recurrent-error.js';
import { formatLocation, type SourceLocation } from './source-location.js';

/**
 * Bad input in a data file. The message starts with `file:line:col:`.
 *
 * @example
 * throw new DataFormatError({ file: 'train.conllu', line: 1042, column: 3 },
 *   'expected 10 tab-separated columns, got 9');
 * // message: "train.conllu:1042:3: expected 10 tab-separated columns, got 9"
 */
export class DataFormatError extends RecurrentError {
  readonly location: SourceLocation;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(location: SourceLocation, detail: string, options: RecurrentErrorOptions = {}) {
    super('DATA_FORMAT', `${formatLocation(location)}: ${detail}`, options);
    this.name = 'DataFormatError';
    this.location = location;
    this.detail = detail;
  }
}

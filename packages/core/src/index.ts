export {
  RecurrentError,
  EXIT_CODES,
  isRecurrentError,
  toRecurrentError,
  type RecurrentErrorCode,
  type RecurrentErrorOptions,
} from './recurrent-error.js';
export { type SourceLocation, formatLocation } from './source-location.js';
export { DataFormatError } from './data-format-error.js';
export { ConfigError } from './config-error.js';
export { assert, assertPositiveInteger, assertInRange, assertOneOf } from './assert.js';
export {
  type Logger,
  type LogLevel,
  type StreamLoggerOptions,
  LOG_LEVELS,
  SILENT_LOGGER,
  createLogger,
  createMemoryLogger,
} from './logger.js';
export { SeededRandom } from './seeded-random.js';
export { jsonErrorOffset } from './json-error-offset.js';

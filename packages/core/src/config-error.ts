import { RecurrentError, type RecurrentErrorOptions } from './recurrent-error.js';

/**
 * A bad configuration value; `path` names the key (`model.hidden`).
 *
 * @example
 * throw new ConfigError('model.hidden', 'must be a positive integer, got -3');
 * // message: "model.hidden must be a positive integer, got -3"
 */
export class ConfigError extends RecurrentError {
  readonly path: string;

  constructor(path: string, detail: string, options: RecurrentErrorOptions = {}) {
    super('CONFIG', path === '' ? detail : `${path} ${detail}`, options);
    this.name = 'ConfigError';
    this.path = path;
  }
}

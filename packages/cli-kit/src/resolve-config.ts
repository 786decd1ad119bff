import { ConfigError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { locate, readConfigFile } from './read-config-file.js';

/** Options of {@link resolveConfig}. */
export interface ResolveConfigOptions<C> {
  /** Every key with its default; keys absent here are unknown. */
  readonly defaults: C;
  /** `--config` file (JSON), applied over the defaults. */
  readonly configFile?: string;
  /** Flags the user typed (use {@link explicitFlags}); keys that are not config keys are ignored. */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** Checks the merged object and returns the typed config (`resolveXxxConfig`); identity if omitted. */
  readonly resolve?: (input: unknown) => C;
  /** Receives one line with the resolved config. */
  readonly logger?: Logger;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Resolves a config with explicit precedence, nanoGPT style: `defaults` < `--config` file < flags.
 * Nested objects merge key by key. A key in the config file that `defaults` lacks is a
 * ConfigError naming the file, line, column and key, with the allowed keys. The result is
 * logged as one `config: {…}` line.
 *
 * @example
 * const config = await resolveConfig({
 *   defaults: { epochs: 10, learningRate: 0.01 },
 *   configFile: argv.config,
 *   flags: explicitFlags(argv),
 *   resolve: resolveTrainConfig,
 *   logger,
 * });
 */
export async function resolveConfig<C extends object>(options: ResolveConfigOptions<C>): Promise<C> {
  let merged = structuredClone(options.defaults) as Record<string, unknown>;
  if (options.configFile !== undefined) {
    const { value, text } = await readConfigFile(options.configFile);
    const file = options.configFile;
    merged = mergeInto(merged, value, '', (path, key) => {
      const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
      return at < 0 ? `${file}: ${path}` : `${locate(text, at, file)}: ${path}`;
    });
  }
  if (options.flags !== undefined) {
    const known = Object.fromEntries(Object.entries(options.flags).filter(([key]) => key in merged));
    merged = mergeInto(merged, known, '', (path) => `--${path}`);
  }
  const config = options.resolve === undefined ? (merged as C) : options.resolve(merged);
  const source =
    options.configFile === undefined ? 'defaults < flags' : `defaults < ${options.configFile} < flags`;
  (options.logger ?? SILENT_LOGGER).info(`config (${source}): ${JSON.stringify(config)}`);
  return config;
}

function mergeInto(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  prefix: string,
  where: (path: string, key: string) => string,
): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (!(key in base)) {
      throw new ConfigError(
        where(path, key),
        `is not a known config key; allowed: ${Object.keys(base).join(', ')}`,
      );
    }
    const current = base[key];
    if (isObject(current)) {
      if (!isObject(value))
        throw new ConfigError(where(path, key), `must be an object, got ${JSON.stringify(value)}`);
      out[key] = mergeInto(current, value, path, where);
    } else {
      out[key] = value;
    }
  }
  return out;
}

import { ConfigError } from '@recurrent/core';

/** The recurrent cell the quickstart trains. */
export const CELLS = ['lstm', 'gru', 'rnn'] as const;
export type CellName = (typeof CELLS)[number];

/** Everything the quickstart run needs to know. */
export interface QuickstartConfig {
  /** Training and dev sequences generated. */
  readonly trainExamples: number;
  readonly devExamples: number;
  /** Token ids 1..vocabSize-1 (0 is padding). */
  readonly vocabSize: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly cell: CellName;
  readonly embeddingDim: number;
  readonly hidden: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly seed: number;
}

/** Defaults: trains in well under a minute on two cores with the wasm backend. */
export const DEFAULT_QUICKSTART_CONFIG = {
  trainExamples: 2048,
  devExamples: 512,
  vocabSize: 12,
  minLength: 4,
  maxLength: 20,
  cell: 'lstm',
  embeddingDim: 16,
  hidden: 32,
  batchSize: 64,
  epochs: 8,
  learningRate: 0.01,
  seed: 1234,
} as const satisfies QuickstartConfig;

const POSITIVE_INTEGERS = [
  'trainExamples',
  'devExamples',
  'vocabSize',
  'minLength',
  'maxLength',
  'embeddingDim',
  'hidden',
  'batchSize',
  'epochs',
] as const;

/**
 * Checks every key of `input` over the defaults and returns a full config.
 *
 * @example
 * resolveQuickstartConfig({ epochs: 3 }).epochs; // 3
 */
export function resolveQuickstartConfig(input: unknown): QuickstartConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('', `quickstart config must be an object, got ${JSON.stringify(input)}`);
  }
  const known = new Set(Object.keys(DEFAULT_QUICKSTART_CONFIG));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ConfigError(key, `is not a quickstart option; allowed: ${[...known].join(', ')}`);
  }
  const config = { ...DEFAULT_QUICKSTART_CONFIG, ...(input as Partial<QuickstartConfig>) };
  for (const key of POSITIVE_INTEGERS) {
    const value = config[key];
    if (!Number.isInteger(value) || value <= 0) throw new ConfigError(key, `must be a positive integer, got ${String(value)}`);
  }
  if (config.minLength > config.maxLength) {
    throw new ConfigError('minLength', `must be at most maxLength (${config.maxLength}), got ${config.minLength}`);
  }
  if (config.vocabSize < 3) throw new ConfigError('vocabSize', `must be at least 3 (pad, a, b), got ${config.vocabSize}`);
  if (!(config.learningRate > 0)) throw new ConfigError('learningRate', `must be positive, got ${config.learningRate}`);
  if (!CELLS.includes(config.cell)) {
    throw new ConfigError('cell', `must be one of the allowed values, got ${JSON.stringify(config.cell)}; allowed: ${CELLS.join(', ')}`);
  }
  if (!Number.isInteger(config.seed)) throw new ConfigError('seed', `must be an integer, got ${String(config.seed)}`);
  return config;
}

import { ConfigError } from '@recurrent/core';

/** Recurrent encoders the classifier can use (Elman RNN, GRU, LSTM, and the parallel-scan minGRU/minLSTM). */
export const ENCODERS = ['rnn', 'gru', 'lstm', 'mingru', 'minlstm'] as const;
export type EncoderName = (typeof ENCODERS)[number];

/**
 * How the sentence vector is read off the encoder: its final state (`last`; forward final state
 * and backward final state when bidirectional), or masked mean / max pooling over the outputs of
 * every real token, or both concatenated (`mean-max`).
 */
export const POOLINGS = ['last', 'mean', 'max', 'mean-max'] as const;
export type PoolingName = (typeof POOLINGS)[number];

/** Everything a sentiment training run needs besides the data files. */
export interface SentimentConfig {
  readonly encoder: EncoderName;
  readonly bidirectional: boolean;
  /** Stacked recurrent layers: 1 or 2. */
  readonly layers: number;
  /** Embedding size (the size of the vectors in `pretrained` when given). */
  readonly embeddingDim: number;
  /** Units of each recurrent layer (per direction). */
  readonly hidden: number;
  readonly pooling: PoolingName;
  /** Dropout on the embeddings and on the sentence vector, in [0, 1). */
  readonly dropout: number;
  /** Word vectors file (`word v1 … vD` per line, GloVe/word2vec text); '' = trained from scratch. */
  readonly pretrained: string;
  /** Keep words seen at least this often in training (others become `<unk>`). */
  readonly minFreq: number;
  /** Cut sentences longer than this many tokens. */
  readonly maxLength: number;
  /** Train on every labelled phrase of the trees as well as the sentences (tree files only). */
  readonly phrases: boolean;
  /** With `phrases`: phrases drawn afresh each epoch (0 = all of them every epoch). */
  readonly phrasesPerEpoch: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** Clip gradients to this global norm; 0 = off. */
  readonly clipNorm: number;
  /** Stop after this many epochs without a better dev accuracy; 0 = never. */
  readonly patience: number;
  /** Stop training (keeping the best bundle so far) after this many minutes; 0 = no limit. */
  readonly maxMinutes: number;
  /** Log a progress line every this many steps. */
  readonly logEvery: number;
  readonly seed: number;
}

/** Defaults: a BiLSTM with max+mean pooling, sized for SST on two shared cores. */
export const DEFAULT_SENTIMENT_CONFIG = {
  encoder: 'lstm',
  bidirectional: true,
  layers: 1,
  embeddingDim: 300,
  hidden: 150,
  pooling: 'mean-max',
  dropout: 0.5,
  pretrained: '',
  minFreq: 1,
  maxLength: 80,
  phrases: false,
  phrasesPerEpoch: 0,
  batchSize: 32,
  epochs: 12,
  learningRate: 0.001,
  clipNorm: 5,
  patience: 4,
  maxMinutes: 0,
  logEvery: 20,
  seed: 1234,
} as const satisfies SentimentConfig;

const POSITIVE_INTEGERS = [
  'embeddingDim',
  'hidden',
  'minFreq',
  'maxLength',
  'batchSize',
  'epochs',
  'logEvery',
] as const;
const NON_NEGATIVE_INTEGERS = ['phrasesPerEpoch', 'patience', 'seed'] as const;
const NON_NEGATIVE_NUMBERS = ['clipNorm', 'maxMinutes'] as const;
const BOOLEANS = ['bidirectional', 'phrases'] as const;

/**
 * Checks every key of `input` over the defaults and returns a full config; a bad key or value is
 * a ConfigError naming the key.
 *
 * @example
 * resolveSentimentConfig({ encoder: 'gru', hidden: 64 }).hidden; // 64
 * resolveSentimentConfig({ layers: 3 }); // ConfigError: layers must be 1 or 2, got 3
 */
export function resolveSentimentConfig(input: unknown): SentimentConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('', `sentiment config must be an object, got ${JSON.stringify(input)}`);
  }
  const known = Object.keys(DEFAULT_SENTIMENT_CONFIG);
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      throw new ConfigError(key, `is not a sentiment option; allowed: ${known.join(', ')}`);
  }
  const config: SentimentConfig = { ...DEFAULT_SENTIMENT_CONFIG, ...(input as Partial<SentimentConfig>) };
  for (const key of POSITIVE_INTEGERS) {
    const value = config[key];
    if (!Number.isInteger(value) || value <= 0)
      throw new ConfigError(key, `must be a positive integer, got ${String(value)}`);
  }
  for (const key of NON_NEGATIVE_INTEGERS) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 0)
      throw new ConfigError(key, `must be a non-negative integer, got ${String(value)}`);
  }
  for (const key of BOOLEANS) {
    if (typeof config[key] !== 'boolean')
      throw new ConfigError(key, `must be true or false, got ${String(config[key])}`);
  }
  if (!ENCODERS.includes(config.encoder)) {
    throw new ConfigError(
      'encoder',
      `must be one of the allowed values, got ${JSON.stringify(config.encoder)}; allowed: ${ENCODERS.join(', ')}`,
    );
  }
  if (!POOLINGS.includes(config.pooling)) {
    throw new ConfigError(
      'pooling',
      `must be one of the allowed values, got ${JSON.stringify(config.pooling)}; allowed: ${POOLINGS.join(', ')}`,
    );
  }
  if (config.layers !== 1 && config.layers !== 2)
    throw new ConfigError('layers', `must be 1 or 2, got ${String(config.layers)}`);
  if (!(typeof config.dropout === 'number' && config.dropout >= 0 && config.dropout < 1)) {
    throw new ConfigError('dropout', `must be a number in [0, 1), got ${String(config.dropout)}`);
  }
  if (!(typeof config.learningRate === 'number' && config.learningRate > 0)) {
    throw new ConfigError('learningRate', `must be a positive number, got ${String(config.learningRate)}`);
  }
  for (const key of NON_NEGATIVE_NUMBERS) {
    const value = config[key];
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0))
      throw new ConfigError(key, `must be a non-negative number, got ${String(value)}`);
  }
  if (typeof config.pretrained !== 'string') {
    throw new ConfigError(
      'pretrained',
      `must be a file path or '', got ${JSON.stringify(config.pretrained)}`,
    );
  }
  return Object.freeze(config);
}

import { ConfigError } from '@recurrent/core';

/**
 * Input formats: CoNLL-U (POS) or CoNLL column files (chunking, NER).
 *
 * @example
 * DATA_FORMATS.includes('conllu'); // true
 */
export const DATA_FORMATS = ['conllu', 'conll'] as const;
/**
 * @example
 * const format: DataFormat = 'conll';
 */
export type DataFormat = (typeof DATA_FORMATS)[number];

/**
 * Tag schemes a chunk/NER model can be trained in; `none` means plain tags (POS).
 *
 * @example
 * TRAIN_SCHEMES.includes('IOBES'); // true
 */
export const TRAIN_SCHEMES = ['none', 'IOB2', 'IOBES'] as const;
/**
 * @example
 * const scheme: TrainScheme = 'IOBES';
 */
export type TrainScheme = (typeof TRAIN_SCHEMES)[number];

/**
 * Character-level word features: a char CNN (conv + max over the word), a char BiLSTM (final
 * states of both directions, Lample et al. 2016), or none.
 *
 * @example
 * CHAR_ENCODERS[0]; // 'cnn'
 */
export const CHAR_ENCODERS = ['cnn', 'lstm', 'none'] as const;
/**
 * @example
 * const encoder: CharEncoder = 'none';
 */
export type CharEncoder = (typeof CHAR_ENCODERS)[number];

/**
 * Everything a tagger training run needs to know (STYLE.md §3.8).
 *
 * @example
 * const config: TaggerConfig = resolveTaggerConfig({ hidden: 64 });
 */
export interface TaggerConfig {
  /** `conllu` or `conll` (column file). */
  readonly format: DataFormat;
  /** Tag column: `UPOS`/`XPOS` for CoNLL-U, a column name (`ner`, `chunk`, `pos`) for column files. */
  readonly column: string;
  /** Column names of a column file, in order (word column named `text`). */
  readonly columns: readonly string[];
  /** Scheme the model is trained in: `IOBES` or `IOB2` for chunk tags, `none` for POS. */
  readonly scheme: TrainScheme;
  /** Lower-case words before the word embedding (a capitalisation feature keeps the case). */
  readonly lowercase: boolean;
  /** Map every digit to 0 before the word embedding. */
  readonly normalizeDigits: boolean;
  /** Keep training words seen at least this often (others become `<unk>`). */
  readonly minFreq: number;
  /** Word embedding size. */
  readonly wordDim: number;
  /** GloVe/word2vec text file to initialise word embeddings from ('' = none). */
  readonly pretrained: string;
  readonly charEncoder: CharEncoder;
  readonly charDim: number;
  readonly charFilters: number;
  readonly charKernel: number;
  /** Char BiLSTM units per direction (`charEncoder: 'lstm'`). */
  readonly charHidden: number;
  /** Characters per word seen by the char encoder (longer words are cut). */
  readonly maxWordLength: number;
  /** Capitalisation feature embedding size (0 = off). */
  readonly caseDim: number;
  /** BiLSTM units per direction. */
  readonly hidden: number;
  /** Stacked BiLSTM layers (1 or 2). */
  readonly layers: number;
  /** Dropout on the embeddings and on the BiLSTM outputs. */
  readonly dropout: number;
  /** Probability of replacing a training word by `<unk>`. */
  readonly wordDropout: number;
  /** CRF output layer (false: per-token softmax). */
  readonly crf: boolean;
  /** Forbid invalid IOB moves in the CRF (chunk schemes only). */
  readonly constraints: boolean;
  readonly batchSize: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** Multiply the learning rate by this when the dev metric does not improve for an epoch (1 = constant rate). */
  readonly lrDecay: number;
  readonly clipNorm: number;
  /**
   * Second tag column learnt alongside as an auxiliary task (a softmax head on the BiLSTM output,
   * not exported): `XPOS` when tagging UPOS from CoNLL-U, or a column name; '' = none.
   */
  readonly auxColumn: string;
  /** Weight of the auxiliary task's loss. */
  readonly auxWeight: number;
  /** Evaluate and export an exponential moving average of the weights with this decay (0 = the last weights). */
  readonly ema: number;
  /** Stop after this many epochs without dev improvement (0 = never). */
  readonly patience: number;
  /** Use only the first N training sentences (0 = all): quick experiments and speed checks. */
  readonly maxSentences: number;
  /** Stop training after this many minutes (the cut epoch is still evaluated); 0 = no limit. */
  readonly maxMinutes: number;
  readonly seed: number;
}

/**
 * Defaults: a BiLSTM-CRF sized for the 45-minute budget on two cores (wasm).
 *
 * @example
 * resolveTaggerConfig({ ...DEFAULT_TAGGER_CONFIG, epochs: 3 });
 */
export const DEFAULT_TAGGER_CONFIG = {
  format: 'conllu',
  column: 'UPOS',
  columns: ['text', 'pos', 'chunk', 'ner'],
  scheme: 'none',
  lowercase: false,
  normalizeDigits: true,
  minFreq: 1,
  wordDim: 100,
  pretrained: '',
  charEncoder: 'cnn',
  charDim: 30,
  charFilters: 50,
  charKernel: 3,
  charHidden: 25,
  maxWordLength: 20,
  caseDim: 0,
  hidden: 128,
  layers: 1,
  dropout: 0.33,
  wordDropout: 0.05,
  crf: true,
  constraints: true,
  batchSize: 32,
  epochs: 20,
  learningRate: 0.002,
  lrDecay: 0.5,
  clipNorm: 5,
  auxColumn: '',
  auxWeight: 1,
  ema: 0,
  patience: 4,
  maxSentences: 0,
  maxMinutes: 0,
  seed: 1234,
} as const satisfies TaggerConfig;

type Check = (value: unknown) => string | undefined;
const int = (min: number, max = Infinity): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`;
const num = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && v >= min && v <= max ? undefined : `must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`;
const positive: Check = (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? undefined : `must be a positive number, got ${JSON.stringify(v)}`);
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(v)}`);
const str: Check = (v) => (typeof v === 'string' ? undefined : `must be a string, got ${JSON.stringify(v)}`);
const oneOf = (allowed: readonly string[]): Check => (v) =>
  typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of the allowed values, got ${JSON.stringify(v)}; allowed: ${allowed.join(', ')}`;
const names: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== '') && v.includes('text')
    ? undefined
    : `must be a list of column names including "text", got ${JSON.stringify(v)}`;

const CHECKS: Readonly<Record<keyof TaggerConfig, Check>> = {
  format: oneOf(DATA_FORMATS),
  column: (v) => (typeof v === 'string' && v !== '' ? undefined : `must be a non-empty string, got ${JSON.stringify(v)}`),
  columns: names,
  scheme: oneOf(TRAIN_SCHEMES),
  lowercase: bool,
  normalizeDigits: bool,
  minFreq: int(1),
  wordDim: int(1),
  pretrained: str,
  charEncoder: oneOf(CHAR_ENCODERS),
  charDim: int(1),
  charFilters: int(1),
  charKernel: int(1),
  charHidden: int(1),
  maxWordLength: int(1),
  caseDim: int(0),
  hidden: int(1),
  layers: int(1, 2),
  dropout: num(0, 0.9),
  wordDropout: num(0, 0.9),
  crf: bool,
  constraints: bool,
  batchSize: int(1),
  epochs: int(1),
  learningRate: positive,
  lrDecay: (v) => (typeof v === 'number' && v > 0 && v <= 1 ? undefined : `must be a number in (0, 1], got ${JSON.stringify(v)}`),
  clipNorm: num(0, Infinity),
  auxColumn: str,
  auxWeight: num(0, 100),
  ema: num(0, 0.99999),
  patience: int(0),
  maxSentences: int(0),
  maxMinutes: num(0, Infinity),
  seed: int(0, 0xffffffff),
};

/**
 * Checks every key of `input` (over the defaults) and returns a full config; an unknown key or a bad
 * value is a ConfigError naming the key.
 *
 * @example
 * resolveTaggerConfig({ format: 'conll', column: 'ner', scheme: 'IOBES' }).hidden; // 128
 */
export function resolveTaggerConfig(input: unknown): TaggerConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError('', `tagger config must be an object, got ${JSON.stringify(input)}`);
  }
  for (const key of Object.keys(input)) {
    if (!(key in CHECKS)) throw new ConfigError(key, `is not a tagger option; allowed: ${Object.keys(CHECKS).join(', ')}`);
  }
  const config = { ...DEFAULT_TAGGER_CONFIG, ...(input as Partial<TaggerConfig>) } as TaggerConfig;
  for (const [key, check] of Object.entries(CHECKS)) {
    const problem = check(config[key as keyof TaggerConfig]);
    if (problem !== undefined) throw new ConfigError(key, problem);
  }
  if (config.format === 'conllu' && !['UPOS', 'XPOS'].includes(config.column)) {
    throw new ConfigError('column', `must be UPOS or XPOS for conllu data, got ${JSON.stringify(config.column)}`);
  }
  if (config.format === 'conll' && !config.columns.includes(config.column)) {
    throw new ConfigError('column', `must be one of columns (${config.columns.join(', ')}), got ${JSON.stringify(config.column)}`);
  }
  if (config.auxColumn !== '') {
    const allowed = config.format === 'conllu' ? ['UPOS', 'XPOS'] : config.columns.filter((c) => c !== 'text');
    if (!allowed.includes(config.auxColumn) || config.auxColumn === config.column) {
      throw new ConfigError('auxColumn', `must be another tag column (${allowed.filter((c) => c !== config.column).join(', ')}) or "", got ${JSON.stringify(config.auxColumn)}`);
    }
  }
  if (config.format === 'conllu' && config.scheme !== 'none') {
    throw new ConfigError('scheme', `must be none for POS tags (conllu), got ${config.scheme}`);
  }
  return config;
}

/**
 * True when tags are chunk tags (IOB/IOBES) scored by conlleval; false for POS (accuracy).
 *
 * @example
 * isChunkTask({ scheme: 'IOBES' }); // true
 */
export function isChunkTask(config: Pick<TaggerConfig, 'scheme'>): boolean {
  return config.scheme !== 'none';
}

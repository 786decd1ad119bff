import { assert, assertPositiveInteger } from '@recurrent/core';

/** What a model returns for one decoding step. */
export interface StepOutput<S> {
  /** Log-probabilities (≤ 0, e.g. a log-softmax) of the next token: `[rows, vocab]` row-major. */
  readonly logProbs: Float32Array;
  /** The model state after this step, one row per row of `logProbs`. */
  readonly state: S;
}

/**
 * One step of the model: given the previous token of each row (`[rows]`; `<bos>` at step 0)
 * and the state, the next-token log-probabilities and the new state. This is where a tfjs
 * decoder plugs in: it runs one step, awaits `logProbs.data()` once, and disposes what it no
 * longer needs. `step` counts from 0.
 */
export type StepFunction<S> = (prevTokens: Int32Array, state: S, step: number) => Promise<StepOutput<S>>;

/** Options shared by every {@link DecodeStrategy}; `S` is the model state type. */
export interface DecodeOptions<S = unknown> {
  /** Number of independent inputs; the initial state has this many rows. */
  readonly batchSize: number;
  /** Token fed at step 0. */
  readonly bosId: number;
  /** Token that ends a hypothesis; it is not included in {@link Hypothesis.tokens}. */
  readonly eosId: number;
  /** At most this many tokens are generated per hypothesis, the final `<eos>` included. */
  readonly maxLength: number;
  /** `<eos>` is forbidden until this many tokens have been generated. Default 0. */
  readonly minLength?: number;
  /**
   * Called once with the state the last step returned, which the search no longer needs
   * (with tfjs: `(s) => tf.dispose(s)`). Default: nothing.
   */
  readonly releaseState?: (state: S) => void;
}

/** One output sequence. */
export interface Hypothesis {
  /** Generated tokens, without `<bos>` and without the final `<eos>`. */
  readonly tokens: Int32Array;
  /** Sum of the log-probabilities of every generated token, `<eos>` included. */
  readonly logProb: number;
  /** `logProb` divided by the length penalty (equal to `logProb` for greedy search). */
  readonly score: number;
  /** True if it ended with `<eos>`, false if it was cut at `maxLength`. */
  readonly finished: boolean;
}

/**
 * A search over a {@link StepFunction} (OpenNMT `DecodeStrategy`): returns, for each batch
 * entry, its hypotheses best first. {@link greedyDecode} and {@link beamSearch} are strategies.
 */
export type DecodeStrategy<S, O extends DecodeOptions<S> = DecodeOptions<S>> = (
  step: StepFunction<S>,
  initialState: S,
  options: O,
) => Promise<Hypothesis[][]>;

/** Validates {@link DecodeOptions}; returns `minLength` with its default. */
export function checkDecodeOptions<S>(options: DecodeOptions<S>): number {
  assertPositiveInteger(options.batchSize, 'batchSize');
  assertPositiveInteger(options.maxLength, 'maxLength');
  for (const key of ['bosId', 'eosId'] as const) {
    assert(Number.isInteger(options[key]) && options[key] >= 0, () => `${key} must be a non-negative integer, got ${options[key]}`, 'CONFIG');
  }
  const minLength = options.minLength ?? 0;
  assert(
    Number.isInteger(minLength) && minLength >= 0 && minLength < options.maxLength,
    () => `minLength must be an integer in [0, maxLength - 1 = ${options.maxLength - 1}], got ${minLength}`,
    'CONFIG',
  );
  return minLength;
}

/** Checks a step's output size and returns the vocabulary size. */
export function vocabSizeOf(logProbs: Float32Array, rows: number, eosId: number, step: number): number {
  const vocab = logProbs.length / rows;
  assert(
    Number.isInteger(vocab) && vocab > eosId,
    () => `step ${step}: logProbs must have rows × vocab values with rows ${rows} and vocab > eosId ${eosId}, got ${logProbs.length}`,
    'SHAPE',
  );
  return vocab;
}

import { SeededRandom } from '@recurrent/core';

/** Token ids of the counting task: 0 is padding, 1 = "a", 2 = "b", 3..vocab-1 are distractors. */
export const PAD_ID = 0;
export const TOKEN_A = 1;
export const TOKEN_B = 2;

export interface CountingTaskOptions {
  readonly examples: number;
  readonly vocabSize: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly seed: number;
}

/** A padded batch: `ids` is `[examples, maxLength]` row-major, right-padded with PAD_ID. */
export interface CountingTaskData {
  readonly ids: Int32Array;
  readonly labels: Int32Array;
  readonly examples: number;
  readonly maxLength: number;
  readonly tokens: number;
}

/**
 * Sequences of random tokens; the label is 1 when "a" occurs more often than "b".
 * Solving it needs a recurrent state that counts across the whole sequence, and padding
 * must be ignored, so it exercises masking too.
 *
 * @example
 * const data = generateCountingTask({ examples: 256, vocabSize: 12, minLength: 4, maxLength: 16, seed: 1 });
 */
export function generateCountingTask(options: CountingTaskOptions): CountingTaskData {
  const rng = new SeededRandom(options.seed);
  const ids = new Int32Array(options.examples * options.maxLength);
  const labels = new Int32Array(options.examples);
  let tokens = 0;
  for (let e = 0; e < options.examples; e++) {
    const length = options.minLength + rng.nextInt(options.maxLength - options.minLength + 1);
    let balance = 0;
    for (let t = 0; t < length; t++) {
      const id = 1 + rng.nextInt(options.vocabSize - 1);
      if (id === TOKEN_A) balance++;
      if (id === TOKEN_B) balance--;
      ids[e * options.maxLength + t] = id;
    }
    // No ties: flip the first token so every label is well defined (a↔b, a distractor becomes a).
    if (balance === 0) {
      const first = ids[e * options.maxLength];
      ids[e * options.maxLength] = first === TOKEN_A ? TOKEN_B : TOKEN_A;
      balance = first === TOKEN_A ? -2 : first === TOKEN_B ? 2 : 1;
    }
    labels[e] = balance > 0 ? 1 : 0;
    tokens += length;
  }
  return { ids, labels, examples: options.examples, maxLength: options.maxLength, tokens };
}

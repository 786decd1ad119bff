import * as tf from '@tensorflow/tfjs';
import type { TaggerConfig } from './config.js';
import { decodeTags } from './decode-tags.js';
import { encodeBatch } from './encode-batch.js';
import { findCrf } from './model.js';
import { modelInputs } from './model-inputs.js';
import type { TaggerVocabs } from './tagger-vocabs.js';

/**
 * Sentences per forward pass when tagging.
 *
 * @example
 * await tagSentences(tagger, sentences, TAG_BATCH_SIZE);
 */
export const TAG_BATCH_SIZE = 64;

/**
 * A model with what it needs to tag words: vocabularies and config.
 *
 * @example
 * const tagger: Tagger = { model, vocabs, config };
 */
export interface Tagger {
  readonly model: tf.LayersModel;
  readonly vocabs: TaggerVocabs;
  readonly config: TaggerConfig;
}

/**
 * Tags tokenised sentences (labels in the model's training scheme). Sentences are sorted by length
 * and run in batches; each batch is one `predict`, one `await data()` and a Viterbi (or argmax) pass.
 *
 * @example
 * const [tags] = await tagSentences(tagger, [['The', 'cat', 'sat']]); // ['DET', 'NOUN', 'VERB']
 */
export async function tagSentences(tagger: Tagger, sentences: readonly (readonly string[])[], batchSize = TAG_BATCH_SIZE): Promise<string[][]> {
  const { model, vocabs, config } = tagger;
  const crf = findCrf(model);
  const params = crf === null ? null : await crf.decodeParameters();
  const order = sentences.map((_, i) => i).sort((a, b) => (sentences[a] as string[]).length - (sentences[b] as string[]).length);
  const result: string[][] = new Array<string[]>(sentences.length);
  const numTags = vocabs.tags.size;
  for (let start = 0; start < order.length; start += batchSize) {
    const ids = order.slice(start, start + batchSize);
    const batch = encodeBatch(ids.map((i) => sentences[i] as string[]), vocabs, config.maxWordLength);
    const xs = modelInputs(batch, config);
    const outputs = model.predict(xs) as tf.Tensor; // [batch, time, numTags]
    tf.dispose(xs);
    const values = await outputs.data();
    outputs.dispose();
    const paths = decodeTags(values, numTags, batch.lengths, params);
    ids.forEach((i, b) => (result[i] = Array.from(paths[b] as Int32Array, (id) => vocabs.tags.decodeId(id))));
  }
  return result;
}

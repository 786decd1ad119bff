import * as tf from '@tensorflow/tfjs';
import { ConfigError, DataFormatError } from '@recurrent/core';
import { readLines } from '@recurrent/data';
import type { Vocab } from '@recurrent/text';

/**
 * How many vocabulary words a vectors file covered.
 *
 * @example
 * const { found, words } = await applyPretrainedVectors(model, vocab, 'glove.txt', 100);
 */
export interface VectorCoverage {
  /** Vocabulary words (specials excluded). */
  readonly words: number;
  readonly found: number;
  readonly fraction: number;
}

/**
 * Reads a GloVe or word2vec text file (`word v1 … vd` per line; a word2vec `count dim` header line
 * is skipped), keeping only the vectors of `wanted` words. A line with the wrong number of values
 * or a non-number throws `DataFormatError` at `file:line:col`.
 *
 * @example
 * const vectors = await readWordVectors('glove.6B.100d.txt', 100, new Set(['the', 'cat']));
 */
export async function readWordVectors(path: string, dim: number, wanted: ReadonlySet<string>): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  for await (const { text, line } of readLines(path)) {
    const fields = text.trimEnd().split(' ');
    if (line === 1 && fields.length === 2 && fields.every((f) => /^\d+$/.test(f))) continue; // word2vec header
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== dim + 1) {
      throw new DataFormatError({ file: path, line, column: 1 }, `expected a word and ${dim} numbers (wordDim), got ${fields.length - 1} numbers`);
    }
    const word = fields[0] as string;
    if (!wanted.has(word) || vectors.has(word)) continue;
    const vector = new Float32Array(dim);
    let column = word.length + 2;
    for (let i = 0; i < dim; i++) {
      const field = fields[i + 1] as string;
      const value = Number(field);
      if (!Number.isFinite(value) || field === '') throw new DataFormatError({ file: path, line, column }, `expected a number, got ${JSON.stringify(field)}`);
      vector[i] = value;
      column += field.length + 1;
    }
    vectors.set(word, vector);
  }
  return vectors;
}

/**
 * Initialises the `word_embedding` layer of `model` from a vectors file: each vocabulary word takes
 * the vector of its exact form, else of its lower-cased form; other rows keep their random values.
 *
 * @example
 * const { fraction } = await applyPretrainedVectors(model, vocabs.words, 'glove.6B.100d.txt', 100);
 */
export async function applyPretrainedVectors(model: tf.LayersModel, words: Vocab, path: string, dim: number): Promise<VectorCoverage> {
  const layer = model.getLayer('word_embedding');
  const [weights] = layer.getWeights();
  if (weights === undefined || weights.shape[1] !== dim) throw new ConfigError('wordDim', `must match the embedding layer, got ${dim}`);
  const tokens = words.tokens;
  const specials = new Set(words.specials);
  const wanted = new Set(tokens.flatMap((t) => (specials.has(t) ? [] : [t, t.toLowerCase()])));
  const vectors = await readWordVectors(path, dim, wanted);
  const matrix = Float32Array.from(await weights.data());
  let found = 0;
  tokens.forEach((token, id) => {
    if (specials.has(token)) return;
    const vector = vectors.get(token) ?? vectors.get(token.toLowerCase());
    if (vector === undefined) return;
    matrix.set(vector, id * dim);
    found++;
  });
  const updated = tf.tensor2d(matrix, [tokens.length, dim]);
  layer.setWeights([updated]);
  updated.dispose();
  const total = tokens.length - specials.size;
  return { words: total, found, fraction: total === 0 ? 0 : found / total };
}

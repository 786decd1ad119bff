import { DataFormatError, SILENT_LOGGER, SeededRandom, type Logger } from '@recurrent/core';
import { readLines } from '@recurrent/data';
import type { Vocab } from '@recurrent/text';

/** Range of the uniform initialisation of words without a pretrained vector. */
const UNSEEN_RANGE = 0.1;

/**
 * An embedding matrix `[vocab.size, dim]` (row-major) from a word-vectors text file (GloVe:
 * `word v1 … vD` per line; word2vec text: the same after a `count dim` header line; gzip accepted).
 * Words are looked up lowercased; the first vector of a word wins. Words without a vector get
 * uniform values in ±0.1 (seeded); `<pad>` (id 0) is zero. A line with the wrong number of values
 * throws a `DataFormatError` at `file:line:col`.
 *
 * @example
 * const matrix = await loadPretrainedVectors('glove.6B.300d.txt', vocab, 300, logger);
 */
export async function loadPretrainedVectors(file: string, vocab: Vocab, dim: number, logger: Logger = SILENT_LOGGER, seed = 1234): Promise<Float32Array> {
  const rng = new SeededRandom(seed);
  const matrix = new Float32Array(vocab.size * dim);
  for (let i = dim; i < matrix.length; i++) matrix[i] = (2 * rng.next() - 1) * UNSEEN_RANGE;
  const found = new Uint8Array(vocab.size);
  let hits = 0;
  for await (const { text, line } of readLines(file)) {
    if (text.trim() === '') continue;
    const fields = text.trimEnd().split(' ');
    if (line === 1 && fields.length === 2 && fields.every((f) => /^\d+$/.test(f))) continue; // word2vec header
    if (fields.length !== dim + 1) {
      throw new DataFormatError({ file, line, column: 1 }, `expected a word and ${dim} numbers separated by spaces, got ${fields.length - 1} numbers`);
    }
    const word = (fields[0] as string).toLowerCase();
    if (!vocab.has(word)) continue;
    const id = vocab.encodeToken(word);
    if (found[id] === 1 || id === 0) continue;
    let column = (fields[0] as string).length + 2;
    for (let k = 0; k < dim; k++) {
      const field = fields[k + 1] as string;
      const value = Number(field);
      if (field === '' || !Number.isFinite(value)) throw new DataFormatError({ file, line, column }, `expected a number, got "${field}"`);
      matrix[id * dim + k] = value;
      column += field.length + 1;
    }
    found[id] = 1;
    hits++;
  }
  logger.info(`pretrained vectors: ${hits} of ${vocab.size} vocabulary words found in ${file}`);
  return matrix;
}

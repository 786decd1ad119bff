import { Vocab } from './vocab.js';

/**
 * A label vocabulary (tags, classes): no specials, no normalisation, ids in first-seen order,
 * frozen. Encoding a label it does not know throws, naming the label (flair
 * `Dictionary(add_unk=False)`).
 *
 * @example
 * const tags = createLabelVocab(['B-PER', 'I-PER', 'O', 'B-PER']);
 * tags.tokens;            // ['B-PER', 'I-PER', 'O']
 * tags.encode(['O']);     // Int32Array [2]
 * tags.encode(['B-LOC']); // throws: token "B-LOC" is not in the vocabulary, which has no <unk>; …
 */
export function createLabelVocab(labels: Iterable<string>): Vocab {
  const vocab = new Vocab({ specials: [] });
  for (const label of labels) vocab.add(label);
  return vocab.freeze();
}

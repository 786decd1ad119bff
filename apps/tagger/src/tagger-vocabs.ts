import { PAD_TOKEN, UNK_TOKEN, Vocab, countTokens, createLabelVocab } from '@recurrent/text';
import type { TaggerConfig } from './config.js';
import type { TaggedSentence } from './data.js';

/**
 * The three vocabularies a tagger needs.
 *
 * @example
 * const { words, chars, tags }: TaggerVocabs = buildTaggerVocabs(train.sentences, config);
 */
export interface TaggerVocabs {
  /** Words (normalised as the config says), `<pad>` = 0, `<unk>` = 1. */
  readonly words: Vocab;
  /** Characters, `<pad>` = 0, `<unk>` = 1. */
  readonly chars: Vocab;
  /** Tag labels in output order (no specials). */
  readonly tags: Vocab;
}

/**
 * Builds the vocabularies from training sentences: words seen `minFreq` times (plus `extraWords`,
 * e.g. pretrained-vector words also seen in training), every character, every tag (sorted).
 *
 * @example
 * const vocabs = buildTaggerVocabs(train.sentences, config);
 * vocabs.tags.tokens; // ['ADJ', 'ADP', …]
 */
export function buildTaggerVocabs(sentences: readonly TaggedSentence[], config: Pick<TaggerConfig, 'lowercase' | 'normalizeDigits' | 'minFreq'>): TaggerVocabs {
  const words = Vocab.build(countTokens(sentences.map((s) => s.words)), {
    specials: [PAD_TOKEN, UNK_TOKEN],
    lowercase: config.lowercase,
    normalizeDigits: config.normalizeDigits,
    minFreq: config.minFreq,
  });
  const chars = Vocab.build(countTokens(sentences.map((s) => s.words.flatMap((w) => Array.from(w)))), { specials: [PAD_TOKEN, UNK_TOKEN] });
  const tagSet = new Set(sentences.flatMap((s) => s.tags));
  const tags = createLabelVocab([...tagSet].sort());
  return { words, chars, tags };
}

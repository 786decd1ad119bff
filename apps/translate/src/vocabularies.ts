import { countTokens, Vocab } from '@recurrent/text';

/** The separate source and target vocabularies (saved in the bundle as vocab-source/vocab-target). */
export interface TranslateVocabs {
  readonly source: Vocab;
  readonly target: Vocab;
}

/**
 * Builds both vocabularies from tokenised training pairs, keeping tokens seen `minFreq` times.
 *
 * @example
 * const { source, target } = buildVocabs([['ein', 'hund']], [['a', 'dog']], 1); // source.size 6
 */
export function buildVocabs(sources: readonly (readonly string[])[], targets: readonly (readonly string[])[], minFreq: number): TranslateVocabs {
  return {
    source: Vocab.build(countTokens(sources), { minFreq }),
    target: Vocab.build(countTokens(targets), { minFreq }),
  };
}

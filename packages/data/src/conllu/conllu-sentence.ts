import { assertOneOf } from '@recurrent/core';

/**
 * The ten CoNLL-U columns, in file order.
 *
 * @example
 * CONLLU_FIELDS.indexOf('HEAD'); // 6
 */
export const CONLLU_FIELDS = [
  'ID',
  'FORM',
  'LEMMA',
  'UPOS',
  'XPOS',
  'FEATS',
  'HEAD',
  'DEPREL',
  'DEPS',
  'MISC',
] as const;

/** One CoNLL-U column name (`'UPOS'`, `'DEPREL'`, …). */
export type ConlluField = (typeof CONLLU_FIELDS)[number];

/** A syntactic word: a token line with an integer ID. */
export interface ConlluWord {
  readonly id: number;
  readonly form: string;
  readonly lemma: string;
  readonly upos: string;
  readonly xpos: string;
  readonly feats: string;
  /** Index of the head word, 0 for the root. */
  readonly head: number;
  readonly deprel: string;
  readonly deps: string;
  readonly misc: string;
  /** 1-based line of this word in the file. */
  readonly line: number;
}

/** A multiword surface token such as `1-2 don't` (kept only with `keepMultiwordTokens`). */
export interface ConlluMultiwordToken {
  readonly start: number;
  readonly end: number;
  readonly form: string;
  readonly misc: string;
  readonly line: number;
}

/** An empty node such as `8.1` of enhanced UD (kept only with `keepEmptyNodes`). */
export interface ConlluEmptyNode {
  /** `8.1` is `{ after: 8, index: 1 }`. */
  readonly after: number;
  readonly index: number;
  readonly form: string;
  readonly lemma: string;
  readonly upos: string;
  readonly xpos: string;
  readonly feats: string;
  readonly deps: string;
  readonly misc: string;
  readonly line: number;
}

/** One sentence of a CoNLL-U file. */
export interface ConlluSentence {
  /** 1-based line where the sentence (its first comment or token) starts. */
  readonly line: number;
  /** Value of `# sent_id = …`, when present. */
  readonly sentId: string | undefined;
  /** Value of `# text = …`, when present. */
  readonly text: string | undefined;
  /** Every comment line before the sentence, verbatim (with the `#`). */
  readonly comments: readonly string[];
  readonly words: readonly ConlluWord[];
  readonly multiwordTokens: readonly ConlluMultiwordToken[];
  readonly emptyNodes: readonly ConlluEmptyNode[];
}

/** Counts of what a CoNLL-U reader read and what it left out of the sentences. */
export interface ConlluSummary {
  lines: number;
  sentences: number;
  /** Syntactic words (integer IDs). */
  words: number;
  /** Surface tokens: words outside multiword ranges plus the ranges themselves. */
  surfaceTokens: number;
  multiwordTokens: number;
  emptyNodes: number;
  /** Multiword ranges read but not put in `sentence.multiwordTokens`. */
  skippedMultiwordTokens: number;
  /** Empty nodes read but not put in `sentence.emptyNodes`. */
  skippedEmptyNodes: number;
  comments: number;
  /** `# newdoc` comments. */
  documents: number;
}

/**
 * A CoNLL-U summary with every count at zero.
 *
 * @example
 * emptyConlluSummary().sentences; // 0
 */
export function emptyConlluSummary(): ConlluSummary {
  return {
    lines: 0,
    sentences: 0,
    words: 0,
    surfaceTokens: 0,
    multiwordTokens: 0,
    emptyNodes: 0,
    skippedMultiwordTokens: 0,
    skippedEmptyNodes: 0,
    comments: 0,
    documents: 0,
  };
}

const WORD_KEYS = {
  ID: 'id',
  FORM: 'form',
  LEMMA: 'lemma',
  UPOS: 'upos',
  XPOS: 'xpos',
  FEATS: 'feats',
  HEAD: 'head',
  DEPREL: 'deprel',
  DEPS: 'deps',
  MISC: 'misc',
} as const satisfies Record<ConlluField, keyof ConlluWord>;

/**
 * One column of a sentence's words as strings, e.g. the UPOS tags for a tagger.
 *
 * @example
 * conlluColumn(sentence, 'UPOS'); // ['ADP', 'DET', 'PROPN', 'VERB', 'DET', 'NOUN', 'PUNCT']
 * conlluColumn(sentence, 'HEAD'); // ['3', '3', '4', '0', '6', '4', '4']
 */
export function conlluColumn(sentence: ConlluSentence, field: ConlluField): string[] {
  assertOneOf(field, 'field', CONLLU_FIELDS);
  const key = WORD_KEYS[field];
  return sentence.words.map((word) => String(word[key]));
}

import type { TagScheme } from './tag-spans.js';

/** Column index → name, as flair's `ColumnCorpus(column_format={0: 'text', 1: 'pos', 3: 'ner'})`. */
export type ConllColumnMap = Readonly<Record<number, string>>;

/**
 * CoNLL-2003: token, POS, chunk, NER (tags IOB1 in the original files, IOB2 in many copies).
 *
 * @example
 * readConllColumns('train.txt', { columns: CONLL_2003_COLUMNS, separator: 'space' });
 */
export const CONLL_2003_COLUMNS: ConllColumnMap = Object.freeze({
  0: 'text',
  1: 'pos',
  2: 'chunk',
  3: 'ner',
});

/**
 * CoNLL-2000 chunking: token, POS, chunk (IOB2).
 *
 * @example
 * readConllColumns('train.txt', { columns: CONLL_2000_COLUMNS, tags: { chunk: { scheme: 'IOB2' } } });
 */
export const CONLL_2000_COLUMNS: ConllColumnMap = Object.freeze({ 0: 'text', 1: 'pos', 2: 'chunk' });

/** How fields are separated on a line. */
export type ConllSeparator = 'whitespace' | 'space' | 'tab';

/** Checks a tag column against a scheme and optionally rewrites it in another. */
export interface ConllTagColumnOptions {
  /** Scheme the file uses; every sentence is validated against it. */
  readonly scheme: TagScheme;
  /** Scheme the sentences get; the default keeps the tags as they are. */
  readonly convertTo?: TagScheme;
}

/** Options of {@link readConllColumns}. */
export interface ConllColumnOptions {
  /** Which columns to keep and their names; a line must have at least max(index) + 1 columns. */
  readonly columns: ConllColumnMap;
  /** `'whitespace'` (default: runs of spaces or tabs), `'space'` or `'tab'` (exactly one character). */
  readonly separator?: ConllSeparator;
  /** Lines starting with this are comments (counted, not kept); default none. */
  readonly commentPrefix?: string;
  /** First field of a document-boundary line; default `-DOCSTART-`. */
  readonly documentMarker?: string;
  /** Tag columns (by name) to validate and convert. */
  readonly tags?: Readonly<Record<string, ConllTagColumnOptions>>;
}

/** One sentence of a column file. */
export interface ConllSentence {
  /** 1-based line of the first token. */
  readonly line: number;
  /** Number of document markers seen before this sentence (0 before the first one). */
  readonly document: number;
  /** Line of each token. */
  readonly lines: readonly number[];
  /** Each named column, one string per token. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
}

/** Counts of what a column reader read. */
export interface ConllSummary {
  lines: number;
  sentences: number;
  tokens: number;
  /** Document-boundary lines (`-DOCSTART-`), which are not sentences. */
  documents: number;
  comments: number;
  /** Columns per token line (fixed by the first token line). */
  columnCount: number;
}

/**
 * A column-file summary with every count at zero.
 *
 * @example
 * emptyConllSummary().documents; // 0
 */
export function emptyConllSummary(): ConllSummary {
  return { lines: 0, sentences: 0, tokens: 0, documents: 0, comments: 0, columnCount: 0 };
}

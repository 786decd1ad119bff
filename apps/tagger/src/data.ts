import { readFile } from 'node:fs/promises';
import { type SourceLocation } from '@recurrent/core';
import {
  conlluColumn,
  convertTags,
  detectTagScheme,
  loadConllColumns,
  loadConllColumnsString,
  loadConllu,
  loadConlluString,
  type ConllSentence,
  type ConlluSentence,
  type TagScheme,
} from '@recurrent/data';
import type { TaggerConfig } from './config.js';

/**
 * One sentence with its tags in the training scheme and, for chunk tasks, in IOB2 (for conlleval).
 *
 * @example
 * const s: TaggedSentence = { words: ['EU'], tags: ['S-ORG'], iob2: ['B-ORG'] };
 */
export interface TaggedSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
  readonly iob2: readonly string[] | null;
  /** Tags of the auxiliary column (`auxColumn`), when asked for. */
  readonly aux?: readonly string[];
}

/**
 * A tagged file: sentences, the scheme detected in it, and the parsed records (to write predictions back).
 *
 * @example
 * const { sentences, sourceScheme } = await loadTaggedCorpus('valid.txt', options);
 */
export interface TaggedCorpus {
  readonly path: string;
  readonly sentences: readonly TaggedSentence[];
  /** Scheme of the file's tags (`none` for POS). */
  readonly sourceScheme: TagScheme | 'none';
  readonly records: { readonly kind: 'conllu'; readonly sentences: readonly ConlluSentence[] } | { readonly kind: 'conll'; readonly sentences: readonly ConllSentence[] };
}

/**
 * What the readers need from a config.
 *
 * @example
 * const options: DataOptions = { format: 'conllu', column: 'UPOS', columns: ['text'], scheme: 'none' };
 */
export type DataOptions = Pick<TaggerConfig, 'format' | 'column' | 'columns' | 'scheme'> & Partial<Pick<TaggerConfig, 'auxColumn'>>;

/**
 * `{0: 'text', 1: 'pos', …}` from a list of column names.
 *
 * @example
 * columnMap(['text', 'pos']); // { 0: 'text', 1: 'pos' }
 */
export function columnMap(columns: readonly string[]): Record<number, string> {
  return Object.fromEntries(columns.map((name, i) => [i, name]));
}

/**
 * Reads a CoNLL-U or CoNLL column file (`text` given: its content, named `path` in errors). For
 * chunk tasks the file's scheme (IOB1, IOB2 or IOBES) is detected, tags are converted to the
 * training scheme, and IOB2 copies are kept for conlleval. Bad lines and bad tags throw
 * `DataFormatError` (`file:line:col: …`).
 *
 * @example
 * const dev = await loadTaggedCorpus('valid.txt', { format: 'conll', column: 'ner', columns: ['text', 'pos', 'chunk', 'ner'], scheme: 'IOBES' });
 * dev.sentences[0].tags; // ['S-ORG', 'O', 'S-MISC', …]
 */
export async function loadTaggedCorpus(path: string, options: DataOptions, text?: string): Promise<TaggedCorpus> {
  if (options.format === 'conllu') {
    const { sentences } = text === undefined ? await loadConllu(path) : await loadConlluString(text, path);
    const field = options.column === 'XPOS' ? 'XPOS' : 'UPOS';
    const auxField = options.auxColumn === 'XPOS' || options.auxColumn === 'UPOS' ? options.auxColumn : null;
    return {
      path,
      sourceScheme: 'none',
      records: { kind: 'conllu', sentences },
      sentences: sentences.map((s) => ({
        words: conlluColumn(s, 'FORM'),
        tags: conlluColumn(s, field),
        iob2: null,
        ...(auxField === null ? {} : { aux: conlluColumn(s, auxField) }),
      })),
    };
  }
  const readOptions = { columns: columnMap(options.columns) };
  const { sentences } = text === undefined ? await loadConllColumns(path, readOptions) : await loadConllColumnsString(text, path, readOptions);
  const tagSequences = sentences.map((s) => s.columns[options.column] ?? []);
  const words = sentences.map((s) => s.columns['text'] ?? []);
  const auxOf = (i: number) =>
    options.auxColumn === undefined || options.auxColumn === '' ? {} : { aux: (sentences[i]?.columns[options.auxColumn] ?? []) as string[] };
  if (options.scheme === 'none') {
    return {
      path,
      sourceScheme: 'none',
      records: { kind: 'conll', sentences },
      sentences: sentences.map((_, i) => ({ words: words[i] as string[], tags: tagSequences[i] as string[], iob2: null, ...auxOf(i) })),
    };
  }
  const column = options.columns.indexOf(options.column) + 1;
  const locate = (s: number, i: number): SourceLocation => ({ file: path, line: sentences[s]?.lines[i] ?? 0, column });
  const source = detectTagScheme(tagSequences, locate);
  const target = options.scheme;
  return {
    path,
    sourceScheme: source,
    records: { kind: 'conll', sentences },
    sentences: tagSequences.map((tags, s) => ({
      words: words[s] as string[],
      tags: convertTags(tags, source, target, (i) => locate(s, i)),
      iob2: convertTags(tags, source, 'IOB2', (i) => locate(s, i)),
      ...auxOf(s),
    })),
  };
}

/**
 * Reads a whole file as UTF-8 text, or stdin when `path` is `-`.
 *
 * @example
 * const text = await readTextInput('-'); // all of stdin
 */
export async function readTextInput(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConllColumns, writeConllu, writeJsonl, type ConllSentence, type ConlluSentence } from '@recurrent/data';
import { tokenizeEnglish } from '@recurrent/text';
import { isChunkTask } from './config.js';
import { loadTaggedCorpus, readTextInput, type DataOptions } from './data.js';
import { toReportScheme } from './evaluate.js';
import { tagSentences, type Tagger } from './tagger.js';

/**
 * What `predict` reads: raw text (one sentence or paragraph per line), CoNLL-U or a column file.
 *
 * @example
 * INPUT_FORMATS.includes('text'); // true
 */
export const INPUT_FORMATS = ['text', 'conllu', 'conll'] as const;
/**
 * @example
 * const format: InputFormat = 'conllu';
 */
export type InputFormat = (typeof INPUT_FORMATS)[number];
/**
 * What `predict` writes.
 *
 * @example
 * OUTPUT_FORMATS.includes('json'); // true
 */
export const OUTPUT_FORMATS = ['conllu', 'conll', 'json'] as const;
/**
 * @example
 * const format: OutputFormat = 'conll';
 */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Tokens of an input and, for CoNLL inputs, the parsed records (to write predictions back).
 *
 * @example
 * const { tokens } = await readPredictInput('in.txt', 'text', options);
 */
export interface PredictInput {
  readonly tokens: readonly (readonly string[])[];
  readonly conllu: readonly ConlluSentence[] | null;
  readonly conll: readonly ConllSentence[] | null;
}

/**
 * Reads `path` (`-` = stdin) as raw text (each non-empty line tokenised with `tokenizeEnglish`),
 * CoNLL-U or a CoNLL column file (tag columns are not needed, but extra columns are kept).
 *
 * @example
 * const input = await readPredictInput('-', 'text', dataOptions); // stdin
 */
export async function readPredictInput(path: string, format: InputFormat, options: DataOptions): Promise<PredictInput> {
  const text = await readTextInput(path);
  const name = path === '-' ? '<stdin>' : path;
  if (format === 'text') {
    const tokens = text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => tokenizeEnglish(line));
    return { tokens, conllu: null, conll: null };
  }
  const corpus = await loadTaggedCorpus(name, { ...options, scheme: format === 'conll' ? 'none' : options.scheme, format }, text);
  const tokens = corpus.sentences.map((s) => s.words);
  return corpus.records.kind === 'conllu'
    ? { tokens, conllu: corpus.records.sentences, conll: null }
    : { tokens, conllu: null, conll: corpus.records.sentences };
}

/** Minimal CoNLL-U sentences for tokens that did not come from CoNLL-U. */
function asConllu(tokens: readonly (readonly string[])[]): ConlluSentence[] {
  return tokens.map((words, s) => ({
    line: s + 1,
    sentId: String(s + 1),
    text: undefined,
    comments: [],
    words: words.map((form, i) => ({ id: i + 1, form, lemma: '_', upos: '_', xpos: '_', feats: '_', head: 0, deprel: '_', deps: '_', misc: '_', line: 0 })),
    multiwordTokens: [],
    emptyNodes: [],
  })) as unknown as ConlluSentence[];
}

/**
 * Tags an input and writes it: CoNLL-U (the tag replaces UPOS/XPOS, or goes in MISC as `Tag=`
 * for chunk tags), a column file (the prediction appended as the last column, conlleval layout), or
 * JSON lines `{"tokens": [...], "tags": [...]}`. Chunk tags are written in IOB2. `-` writes to stdout.
 *
 * @example
 * await predictToFile(tagger, input, 'json', 'out.jsonl');
 */
export async function predictToFile(tagger: Tagger, input: PredictInput, format: OutputFormat, path: string): Promise<{ sentences: number; tokens: number; text: string | null }> {
  const raw = await tagSentences(tagger, input.tokens);
  const chunk = isChunkTask(tagger.config);
  const tags = chunk ? raw.map((t) => toReportScheme(t, tagger.config)) : raw;
  const toStdout = path === '-';
  const dir = toStdout ? await mkdtemp(join(tmpdir(), 'tagger-predict-')) : null;
  const target = dir === null ? path : join(dir, 'out');
  try {
    if (format === 'json') {
      await writeJsonl(target, input.tokens.map((tokens, i) => ({ tokens: [...tokens], tags: tags[i] ?? [] })));
    } else if (format === 'conllu') {
      const sentences = input.conllu ?? asConllu(input.tokens);
      const field = tagger.config.format === 'conllu' && tagger.config.column === 'XPOS' ? 'XPOS' : 'UPOS';
      await writeConllu(target, sentences, { prediction: chunk ? { miscKey: 'Tag', values: tags } : { field, values: tags } });
    } else {
      const sentences = input.conll ?? input.tokens.map((words, s) => ({ line: s + 1, document: 0, lines: [], columns: { text: words } }));
      const columns = input.conll === null ? ['text'] : Object.keys(input.conll[0]?.columns ?? { text: [] });
      await writeConllColumns(target, sentences, { columns, prediction: { column: 'pred', values: tags } });
    }
    const text = toStdout ? await readFile(target, 'utf8') : null;
    return { sentences: input.tokens.length, tokens: input.tokens.reduce((n, t) => n + t.length, 0), text };
  } finally {
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}

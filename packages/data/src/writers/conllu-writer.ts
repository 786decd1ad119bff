import { RecurrentError, assertOneOf } from '@recurrent/core';
import {
  CONLLU_FIELDS,
  type ConlluField,
  type ConlluSentence,
  type ConlluWord,
} from '../conllu/conllu-sentence.js';
import { writeAtomically } from './atomic-file.js';
import { BufferedWriter } from './buffered-writer.js';
import type { WriteSummary } from './tsv-writer.js';

/**
 * A predicted column for {@link writeConllu}: one value per syntactic word of each sentence, in
 * sentence order. CoNLL-U has exactly ten columns, so a prediction either replaces a field
 * (`field: 'UPOS'`) or is appended to MISC as `key=value` (`miscKey: 'PredUPOS'`).
 */
export type ConlluPrediction =
  | { readonly field: Exclude<ConlluField, 'ID'>; readonly values: readonly (readonly string[])[] }
  | { readonly miscKey: string; readonly values: readonly (readonly string[])[] };

/** Options of {@link writeConllu}. */
export interface ConlluWriteOptions {
  readonly prediction?: ConlluPrediction;
}

const WRITABLE_FIELDS = CONLLU_FIELDS.filter((f) => f !== 'ID');

function wordFields(word: ConlluWord): string[] {
  return [
    String(word.id),
    word.form,
    word.lemma,
    word.upos,
    word.xpos,
    word.feats,
    String(word.head),
    word.deprel,
    word.deps,
    word.misc,
  ];
}

function appendMisc(misc: string, key: string, value: string): string {
  return misc === '_' ? `${key}=${value}` : `${misc}|${key}=${value}`;
}

/** The lines of one sentence (comments, ranges, words, empty nodes, then a blank line). */
function sentenceLines(
  sentence: ConlluSentence,
  predicted: readonly string[] | undefined,
  prediction: ConlluPrediction | undefined,
): string {
  const out: string[] = [...sentence.comments];
  const ranges = new Map(sentence.multiwordTokens.map((t) => [t.start, t]));
  const emptyAfter = new Map<number, typeof sentence.emptyNodes>();
  for (const node of sentence.emptyNodes)
    emptyAfter.set(node.after, [...(emptyAfter.get(node.after) ?? []), node]);
  const pushEmpty = (after: number): void => {
    for (const n of emptyAfter.get(after) ?? []) {
      out.push(
        [`${n.after}.${n.index}`, n.form, n.lemma, n.upos, n.xpos, n.feats, '_', '_', n.deps, n.misc].join(
          '\t',
        ),
      );
    }
  };
  pushEmpty(0);
  sentence.words.forEach((word, i) => {
    const range = ranges.get(word.id);
    if (range !== undefined)
      out.push(
        [`${range.start}-${range.end}`, range.form, '_', '_', '_', '_', '_', '_', '_', range.misc].join('\t'),
      );
    const fields = wordFields(word);
    if (predicted !== undefined && prediction !== undefined) {
      const value = predicted[i] as string;
      if ('field' in prediction) fields[CONLLU_FIELDS.indexOf(prediction.field)] = value;
      else fields[9] = appendMisc(word.misc, prediction.miscKey, value);
    }
    out.push(fields.join('\t'));
    pushEmpty(word.id);
  });
  out.push('');
  return `${out.join('\n')}\n`;
}

function checkValue(path: string, sentence: number, word: number, value: unknown, field: string): void {
  if (
    typeof value !== 'string' ||
    value === '' ||
    /[\t\r\n]/.test(value) ||
    (field === 'MISC-key' && value.includes('|'))
  ) {
    throw new RecurrentError(
      'USAGE',
      `${path}: predicted value for sentence ${sentence} word ${word} must be a non-empty string without tabs or line breaks, got ${JSON.stringify(value)}`,
    );
  }
}

/**
 * Writes sentences as CoNLL-U, atomically: comments verbatim, multiword ranges before their first
 * word, empty nodes after their word. Reading a file with `keepMultiwordTokens` and `keepEmptyNodes`
 * and writing it back gives a file that reads back equal. With `prediction`, each sentence's predicted
 * values replace a field or are appended to MISC; a count that differs from the sentence's words throws.
 *
 * @example
 * const { sentences } = await loadConllu('dev.conllu', { keepMultiwordTokens: true, keepEmptyNodes: true });
 * const tags = sentences.map((s) => tagger.predict(s.words.map((w) => w.form)));
 * await writeConllu('dev.pred.conllu', sentences, { prediction: { field: 'UPOS', values: tags } });
 */
export async function writeConllu(
  path: string,
  sentences: Iterable<ConlluSentence> | AsyncIterable<ConlluSentence>,
  options: ConlluWriteOptions = {},
): Promise<WriteSummary> {
  const prediction = options.prediction;
  if (prediction !== undefined && 'field' in prediction)
    assertOneOf(prediction.field, 'prediction.field', WRITABLE_FIELDS);
  if (
    prediction !== undefined &&
    'miscKey' in prediction &&
    !/^[A-Za-z][A-Za-z0-9_]*$/.test(prediction.miscKey)
  ) {
    throw new RecurrentError(
      'CONFIG',
      `prediction.miscKey must be letters, digits and _, got ${JSON.stringify(prediction.miscKey)}`,
    );
  }
  return writeAtomically(path, async (file) => {
    const out = new BufferedWriter(file);
    let count = 0;
    for await (const sentence of sentences) {
      const predicted = prediction?.values[count];
      count++;
      if (prediction !== undefined) {
        if (predicted === undefined || predicted.length !== sentence.words.length) {
          throw new RecurrentError(
            'USAGE',
            `${path}: sentence ${count} (line ${sentence.line}) has ${sentence.words.length} words but ${predicted === undefined ? 'no' : predicted.length} predicted values`,
          );
        }
        const field = 'field' in prediction ? prediction.field : 'MISC-key';
        predicted.forEach((value, i) => checkValue(path, count, i + 1, value, field));
      }
      await out.push(sentenceLines(sentence, predicted, prediction));
    }
    if (prediction !== undefined && prediction.values.length !== count) {
      throw new RecurrentError(
        'USAGE',
        `${path}: ${prediction.values.length} predicted sentences for ${count} sentences`,
      );
    }
    await out.flush();
    return { path, records: count };
  });
}

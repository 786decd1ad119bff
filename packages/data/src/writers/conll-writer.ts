import { RecurrentError } from '@recurrent/core';
import type { ConllSentence } from '../conll/conll-sentence.js';
import { writeAtomically } from './atomic-file.js';
import { BufferedWriter } from './buffered-writer.js';
import type { WriteSummary } from './tsv-writer.js';

/**
 * A predicted column for {@link writeConllColumns}: one value per token of each sentence, in
 * sentence order. If `column` is one of the written columns its values are replaced; otherwise the
 * predictions are appended as the last column (the conlleval layout `token … gold predicted`).
 */
export interface ConllPrediction {
  readonly column: string;
  readonly values: readonly (readonly string[])[];
}

/** Options of {@link writeConllColumns}. */
export interface ConllWriteOptions {
  /** Names of the sentence columns to write, in order (e.g. `['text', 'pos', 'chunk', 'ner']`). */
  readonly columns: readonly string[];
  /** Field separator; default a single space, as in CoNLL-2003. */
  readonly separator?: ' ' | '\t';
  /**
   * Line written when `sentence.document` advances, followed by a blank line. Default: `-DOCSTART-`
   * then `-X-` for middle columns and `O` for the last (`-DOCSTART- -X- -X- O`).
   */
  readonly documentLine?: string;
  readonly prediction?: ConllPrediction;
}

/**
 * Writes sentences as a CoNLL column file, atomically: one token per line, a blank line after each
 * sentence, and a document line whenever `sentence.document` advances. Reading a file with
 * `readConllColumns` and writing it back with the same columns gives a file that reads back equal
 * (byte for byte for the CoNLL-2003 files). Refuses values with whitespace, which would shift columns.
 *
 * @example
 * const { sentences } = await loadConllColumns('valid.txt', { columns: CONLL_2003_COLUMNS });
 * await writeConllColumns('valid.pred.txt', sentences, {
 *   columns: ['text', 'pos', 'chunk', 'ner'],
 *   prediction: { column: 'pred', values: predictedTags },
 * });
 */
export async function writeConllColumns(
  path: string,
  sentences: Iterable<ConllSentence> | AsyncIterable<ConllSentence>,
  options: ConllWriteOptions,
): Promise<WriteSummary> {
  const separator = options.separator ?? ' ';
  const prediction = options.prediction;
  const names =
    prediction !== undefined && !options.columns.includes(prediction.column)
      ? [...options.columns, prediction.column]
      : [...options.columns];
  if (names.length === 0) throw new RecurrentError('CONFIG', 'columns must name at least one column, got []');
  const documentLine =
    options.documentLine ??
    (names.length === 1
      ? '-DOCSTART-'
      : ['-DOCSTART-', ...names.slice(1, -1).map(() => '-X-'), 'O'].join(separator));

  return writeAtomically(path, async (file) => {
    const out = new BufferedWriter(file);
    let count = 0;
    let document = 0;
    for await (const sentence of sentences) {
      count++;
      const fields = names.map((name) => {
        const values = prediction?.column === name ? prediction.values[count - 1] : sentence.columns[name];
        if (values === undefined) {
          const what =
            prediction?.column === name
              ? 'no predicted values'
              : `no column "${name}"; it has: ${Object.keys(sentence.columns).join(', ')}`;
          throw new RecurrentError('USAGE', `${path}: sentence ${count} (line ${sentence.line}) has ${what}`);
        }
        return values;
      });
      const tokens = fields[0]?.length ?? 0;
      fields.forEach((values, c) => {
        if (values.length !== tokens) {
          throw new RecurrentError(
            'USAGE',
            `${path}: sentence ${count} (line ${sentence.line}) has ${tokens} tokens but ${values.length} values in column "${names[c]}"`,
          );
        }
        values.forEach((value, t) => {
          if (value === '' || /\s/.test(value)) {
            throw new RecurrentError(
              'USAGE',
              `${path}: sentence ${count} token ${t + 1} column "${names[c]}" must be non-empty without whitespace, got ${JSON.stringify(value)}`,
            );
          }
        });
      });
      for (; document < sentence.document; document++) await out.push(`${documentLine}\n\n`);
      const lines: string[] = [];
      for (let t = 0; t < tokens; t++) lines.push(fields.map((values) => values[t]).join(separator));
      await out.push(`${lines.join('\n')}\n\n`);
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

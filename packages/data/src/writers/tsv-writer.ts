import { RecurrentError } from '@recurrent/core';
import { writeAtomically } from './atomic-file.js';
import { BufferedWriter } from './buffered-writer.js';

/** Options of {@link writeTsv}. */
export interface TsvWriteOptions {
  /** Column names written as the first line. */
  readonly header?: readonly string[];
}

/** What a writer wrote. */
export interface WriteSummary {
  readonly path: string;
  readonly records: number;
}

/**
 * Writes rows as tab-separated lines (LF), atomically. TSV has no quoting, so a field containing a tab
 * or a line break is refused with a USAGE error naming the row and column, never written mangled;
 * rows must all have as many fields as the first (or the header).
 *
 * @example
 * await writeTsv('pairs.tsv', [['Go.', 'Va !'], ['Hi.', 'Salut !']], { header: ['eng', 'fra'] });
 */
export async function writeTsv(
  path: string,
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
  options: TsvWriteOptions = {},
): Promise<WriteSummary> {
  let width = options.header?.length;
  const line = (fields: readonly string[], row: number): string => {
    width ??= fields.length;
    if (fields.length !== width) {
      throw new RecurrentError(
        'USAGE',
        `${path}: row ${row} has ${fields.length} fields; expected ${width} like the first row`,
      );
    }
    fields.forEach((field, i) => {
      if (/[\t\r\n]/.test(field)) {
        throw new RecurrentError(
          'USAGE',
          `${path}: row ${row} column ${i + 1} contains a tab or line break, which TSV cannot hold: ${JSON.stringify(field.slice(0, 40))}`,
        );
      }
    });
    return `${fields.join('\t')}\n`;
  };
  return writeAtomically(path, async (file) => {
    const out = new BufferedWriter(file);
    if (options.header !== undefined) await out.push(line(options.header, 0));
    let records = 0;
    for await (const fields of rows) await out.push(line(fields, ++records));
    await out.flush();
    return { path, records };
  });
}

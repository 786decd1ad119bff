import { DataFormatError } from '@recurrent/core';
import { readLines } from '../line-reader.js';
import { recordStream, type RecordStream } from '../record-stream.js';

/** One JSONL record and the line it came from. */
export interface JsonlRecord {
  readonly value: unknown;
  readonly line: number;
}

/**
 * Streams a JSON Lines file (gzip, BOM and CRLF handled). Blank lines are counted and skipped; a line
 * that is not valid JSON throws `file:line:col` with the column JSON.parse stopped at.
 *
 * @example
 * const records = readJsonl('metrics.jsonl');
 * for await (const { value } of records) console.log(value);
 * console.log(records.summary); // { lines, records, blankLines }
 */
export function readJsonl(
  path: string,
): RecordStream<JsonlRecord, { lines: number; records: number; blankLines: number }> {
  return recordStream(
    () => ({ lines: 0, records: 0, blankLines: 0 }),
    async function* (summary) {
      for await (const { text, line } of readLines(path)) {
        summary.lines++;
        if (text.trim() === '') {
          summary.blankLines++;
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (cause) {
          const message = (cause as Error).message;
          const position = /position (\d+)/.exec(message);
          const column = position === null ? text.length + 1 : Number(position[1]) + 1;
          throw new DataFormatError(
            { file: path, line, column },
            `expected one JSON value per line: ${message}`,
            { cause },
          );
        }
        summary.records++;
        yield { value, line };
      }
    },
  );
}

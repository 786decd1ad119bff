import { RecurrentError } from '@recurrent/core';
import { writeAtomically } from './atomic-file.js';
import { BufferedWriter } from './buffered-writer.js';
import type { WriteSummary } from './tsv-writer.js';

/**
 * Writes one JSON value per line (JSON Lines), atomically. A value JSON cannot represent
 * (`undefined`, a function) is refused with a USAGE error naming the record, never written as a blank.
 *
 * @example
 * await writeJsonl('metrics.jsonl', [{ epoch: 1, loss: 0.7 }, { epoch: 2, loss: 0.5 }]);
 */
export async function writeJsonl(
  path: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<WriteSummary> {
  return writeAtomically(path, async (file) => {
    const out = new BufferedWriter(file);
    let count = 0;
    for await (const record of records) {
      count++;
      const json = JSON.stringify(record) as string | undefined;
      if (json === undefined) {
        throw new RecurrentError(
          'USAGE',
          `${path}: record ${count} is ${typeof record}, which JSON cannot represent`,
        );
      }
      await out.push(`${json}\n`);
    }
    await out.flush();
    return { path, records: count };
  });
}

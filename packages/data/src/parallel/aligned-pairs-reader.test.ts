import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@recurrent/core';
import { readAlignedPairs } from './aligned-pairs-reader.js';
import { collectRecords } from '../record-stream.js';
import { makeTmpDir, type TmpDir } from './test-tmp.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

describe('readAlignedPairs', () => {
  it('pairs line i of a gzipped file with line i of a plain CRLF file', async () => {
    const de = await tmp.write('a.de.gz', 'Ein Hund läuft.\nZwei Kinder spielen.\n');
    const en = await tmp.write('a.en', '\uFEFFA dog runs.\r\nTwo children play.\r\n');
    const pairs = readAlignedPairs(de, en);
    expect((await collectRecords(pairs)).records).toEqual([
      { source: 'Ein Hund läuft.', target: 'A dog runs.', line: 1, extra: [] },
      { source: 'Zwei Kinder spielen.', target: 'Two children play.', line: 2, extra: [] },
    ]);
    expect(pairs.summary).toEqual({ lines: 2, pairs: 2, blankLines: 0, skippedEmptySide: 0 });
  });

  it('names both files and the line where the shorter one ended', async () => {
    const de = await tmp.write('m.de', 'eins\nzwei\ndrei\n');
    const en = await tmp.write('m.en', 'one\ntwo\n');
    const error = await collectRecords(readAlignedPairs(de, en)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).location).toEqual({ file: de, line: 3 });
    expect((error as DataFormatError).message).toBe(
      `${de}:3: line count mismatch: ${en} ended after 2 lines, but ${de} continues at line 3; expected the same number of lines in both files`,
    );
    const reversed = await collectRecords(readAlignedPairs(en, de)).catch((e: unknown) => e);
    expect((reversed as DataFormatError).location).toEqual({ file: de, line: 3 });
  });

  it('throws at the empty line when one side is empty, by default', async () => {
    const de = await tmp.write('e.de', 'eins\n\ndrei\n');
    const en = await tmp.write('e.en', 'one\ntwo\nthree\n');
    const error = (await collectRecords(readAlignedPairs(de, en)).catch(
      (e: unknown) => e,
    )) as DataFormatError;
    expect(error.location).toEqual({ file: de, line: 2, column: 1 });
    expect(error.detail).toContain(`${en}:2 has one`);
  });

  it('counts one-sided empty lines under skip and blank-on-both lines always', async () => {
    const de = await tmp.write('s.de', 'eins\n\n\nvier\n');
    const en = await tmp.write('s.en', 'one\ntwo\n\nfour\n');
    const pairs = readAlignedPairs(de, en, { emptySide: 'skip' });
    expect((await collectRecords(pairs)).records.map((p) => p.target)).toEqual(['one', 'four']);
    expect(pairs.summary).toEqual({ lines: 4, pairs: 2, blankLines: 1, skippedEmptySide: 1 });
  });

  it('stops reading both files when the consumer breaks early', async () => {
    const de = await tmp.write('b.de', 'a\nb\nc\n');
    const en = await tmp.write('b.en', 'x\ny\nz\n');
    const pairs = readAlignedPairs(de, en);
    for await (const pair of pairs) {
      expect(pair.line).toBe(1);
      break;
    }
    expect(pairs.summary.pairs).toBe(1);
  });
});

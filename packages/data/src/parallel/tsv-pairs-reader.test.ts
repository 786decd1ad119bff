import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@recurrent/core';
import { collectRecords } from '../record-stream.js';
import { makeTmpDir, type TmpDir } from './test-tmp.js';
import { readTsvPairs, readTsvPairsString } from './tsv-pairs-reader.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

async function failure(run: () => Promise<unknown>): Promise<DataFormatError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

describe('readTsvPairs', () => {
  it('reads Anki-style pairs and keeps the attribution column in extra', async () => {
    const file = await tmp.write('anki.tsv', 'Go.\tVa !\tCC-BY 2.0 (France) #1\nHi.\tSalut !\tCC-BY #2\n');
    const pairs = readTsvPairs(file);
    const all = (await collectRecords(pairs)).records;
    expect(all).toEqual([
      { source: 'Go.', target: 'Va !', line: 1, extra: ['CC-BY 2.0 (France) #1'] },
      { source: 'Hi.', target: 'Salut !', line: 2, extra: ['CC-BY #2'] },
    ]);
    expect(pairs.summary).toEqual({ lines: 2, pairs: 2, blankLines: 0, skippedEmptySide: 0 });
  });

  it('reads gzip with a BOM and CRLF the same as plain text', async () => {
    const text = '\uFEFFI see.\tJe vois.\r\nWait!\tAttends !\r\n';
    const plain = (await collectRecords(readTsvPairs(await tmp.write('bom.tsv', text)))).records;
    const gz = (await collectRecords(readTsvPairs(await tmp.write('bom.tsv.gz', text)))).records;
    expect(gz).toEqual(plain);
    expect(plain.map((p) => [p.source, p.target])).toEqual([
      ['I see.', 'Je vois.'],
      ['Wait!', 'Attends !'],
    ]);
  });

  it('swaps direction when sourceColumn is 1 and targetColumn is 0', async () => {
    const file = await tmp.write('swap.tsv', 'Run!\tCours !\n');
    const [pair] = (await collectRecords(readTsvPairs(file, { sourceColumn: 1, targetColumn: 0 }))).records;
    expect(pair).toEqual({ source: 'Cours !', target: 'Run!', line: 1, extra: [] });
  });

  it('counts blank lines and skips them', async () => {
    const file = await tmp.write('blank.tsv', 'A.\tB.\n\n   \nC.\tD.\n\n');
    const pairs = readTsvPairs(file);
    expect((await collectRecords(pairs)).records.map((p) => p.line)).toEqual([1, 4]);
    expect(pairs.summary).toEqual({ lines: 5, pairs: 2, blankLines: 3, skippedEmptySide: 0 });
  });

  it('throws file:line:col when a line has one column', async () => {
    const file = await tmp.write('short.tsv', 'A.\tB.\nno tab here\n');
    const error = await failure(() => collectRecords(readTsvPairs(file)));
    expect(error.location).toEqual({ file, line: 2, column: 12 });
    expect(error.message).toBe(
      `${file}:2:12: expected at least 2 tab-separated columns (source in 1, target in 2), got 1`,
    );
  });

  it('throws at the empty field when one side is empty, by default', async () => {
    const file = await tmp.write('empty.tsv', 'A.\tB.\nHello.\t \tattr\n');
    const error = await failure(() => collectRecords(readTsvPairs(file)));
    expect(error.location).toEqual({ file, line: 2, column: 8 });
    expect(error.detail).toMatch(/expected a non-empty target sentence in column 2/);
  });

  it('counts and skips a pair with an empty side when emptySide is skip', async () => {
    const file = await tmp.write('empty-skip.tsv', '\tB.\nA.\tB.\nC.\t\n');
    const pairs = readTsvPairs(file, { emptySide: 'skip' });
    expect((await collectRecords(pairs)).records.map((p) => p.line)).toEqual([2]);
    expect(pairs.summary).toEqual({ lines: 3, pairs: 1, blankLines: 0, skippedEmptySide: 2 });
  });

  it('rejects bad options with CONFIG errors naming the option', () => {
    expect(() => readTsvPairs('x', { emptySide: 'drop' as never })).toThrow(
      /emptySide must be one of.*allowed: error, skip/,
    );
    expect(() => readTsvPairs('x', { sourceColumn: 1, targetColumn: 1 })).toThrow(/must differ/);
    expect(() => readTsvPairs('x', { sourceColumn: -1 })).toThrow(
      /sourceColumn must be a non-negative integer, got -1/,
    );
  });

  it('re-reads the file and restarts the counts when iterated again', async () => {
    const pairs = readTsvPairs(await tmp.write('twice.tsv', 'A.\tB.\n\n'));
    const first = await collectRecords(pairs);
    const second = await collectRecords(pairs);
    expect(second).toEqual(first);
    expect(second.summary).toEqual({ lines: 2, pairs: 1, blankLines: 1, skippedEmptySide: 0 });
  });

  it('throws an IO error for a missing file', async () => {
    await expect(collectRecords(readTsvPairs(tmp.path('missing.tsv')))).rejects.toMatchObject({ code: 'IO' });
  });
});

describe('readTsvPairsString', () => {
  it('reads text in memory and names it in errors', async () => {
    const { records, summary } = await collectRecords(
      readTsvPairsString('\uFEFFA.\tB.\r\n\r\nC.\tD.\tx\r\n', 'stdin'),
    );
    expect(records).toEqual([
      { source: 'A.', target: 'B.', line: 1, extra: [] },
      { source: 'C.', target: 'D.', line: 3, extra: ['x'] },
    ]);
    expect(summary).toEqual({ lines: 3, pairs: 2, blankLines: 1, skippedEmptySide: 0 });
    await expect(collectRecords(readTsvPairsString('A.\tB.\nC.\n', 'stdin'))).rejects.toThrow(
      'stdin:2:3: expected at least 2',
    );
  });
});

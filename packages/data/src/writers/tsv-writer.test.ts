import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTsvPairs } from '../parallel/tsv-pairs-reader.js';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { collectRecords } from '../record-stream.js';
import { writeTsv } from './tsv-writer.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

describe('writeTsv', () => {
  it('writes a header and rows that readTsvPairs reads back equal', async () => {
    const out = tmp.path('pairs.tsv');
    const rows = [
      ['Go.', 'Va !', 'attr #1'],
      ['Un café, s’il vous plaît.', 'A coffee, please.', 'attr #2'],
    ];
    async function* stream(): AsyncGenerator<string[]> {
      yield* rows;
    }
    expect(await writeTsv(out, stream(), { header: ['eng', 'fra', 'source'] })).toEqual({
      path: out,
      records: 2,
    });
    expect(await readFile(out, 'utf8')).toBe(
      'eng\tfra\tsource\nGo.\tVa !\tattr #1\nUn café, s’il vous plaît.\tA coffee, please.\tattr #2\n',
    );
    const back = await collectRecords(readTsvPairs(out));
    expect(back.records.slice(1).map((p) => [p.source, p.target, ...p.extra])).toEqual(rows);
  });

  it('refuses a field with a tab or newline, naming row and column, and writes nothing', async () => {
    const out = tmp.path('bad.tsv');
    await expect(
      writeTsv(out, [
        ['a', 'b'],
        ['c', 'd\ne'],
      ]),
    ).rejects.toThrow(`${out}: row 2 column 2 contains a tab or line break`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses ragged rows', async () => {
    await expect(writeTsv(tmp.path('ragged.tsv'), [['a', 'b'], ['c']])).rejects.toThrow(
      /row 2 has 1 fields; expected 2/,
    );
  });
});

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@recurrent/core';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { collectRecords } from '../record-stream.js';
import { readJsonl } from './jsonl-reader.js';
import { writeJsonl } from './jsonl-writer.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

describe('writeJsonl', () => {
  it('writes one value per line and readJsonl reads the same values back', async () => {
    const out = tmp.path('m.jsonl');
    const values = [{ epoch: 1, loss: 0.25, tags: ['B-PER', 'O'] }, 'text with\nnewline', 3, null];
    expect(await writeJsonl(out, values)).toEqual({ path: out, records: 4 });
    expect(await readFile(out, 'utf8')).toBe(
      '{"epoch":1,"loss":0.25,"tags":["B-PER","O"]}\n"text with\\nnewline"\n3\nnull\n',
    );
    const back = await collectRecords(readJsonl(out));
    expect(back.records.map((r) => r.value)).toEqual(values);
    expect(back.summary).toEqual({ lines: 4, records: 4, blankLines: 0 });
  });

  it('refuses undefined instead of writing an empty line', async () => {
    await expect(writeJsonl(tmp.path('u.jsonl'), [1, undefined])).rejects.toThrow(/record 2 is undefined/);
  });
});

describe('readJsonl', () => {
  it('counts blank lines and throws file:line:col on bad JSON', async () => {
    const file = await tmp.write('bad.jsonl.gz', '{"a":1}\n\n{"a":2,}\n');
    const e = await collectRecords(readJsonl(file)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataFormatError);
    expect((e as DataFormatError).location).toEqual({ file, line: 3, column: 8 });
  });
});

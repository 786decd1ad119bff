import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectRecords } from '../record-stream.js';
import { readLabelledSentencesString } from './labelled-sentence-reader.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/sst');

describe('readLabelledSentences', () => {
  it('splits label and sentence on the first space and counts labels', async () => {
    const text = '3 a lovely film\n0 dull , dull , dull\n2 it exists\n';
    const { records, summary } = await collectRecords(readLabelledSentencesString(text, 'fine'));
    expect(records).toEqual([
      { line: 1, label: 3, text: 'a lovely film', tokens: ['a', 'lovely', 'film'] },
      { line: 2, label: 0, text: 'dull , dull , dull', tokens: ['dull', ',', 'dull', ',', 'dull'] },
      { line: 3, label: 2, text: 'it exists', tokens: ['it', 'exists'] },
    ]);
    expect(summary).toEqual({
      lines: 3,
      sentences: 3,
      tokens: 10,
      labelCounts: [1, 0, 1, 1, 0],
      droppedNeutral: 0,
      blankLines: 0,
    });
  });

  it('binarises SST-5 labels, dropping and counting neutral lines', async () => {
    const text = '4 great\n2 meh\n1 bad film\n';
    const { records, summary } = await collectRecords(
      readLabelledSentencesString(text, 'x', { binary: true }),
    );
    expect(records.map((r) => [r.label, r.text])).toEqual([
      [1, 'great'],
      [0, 'bad film'],
    ]);
    expect(summary).toMatchObject({ sentences: 2, droppedNeutral: 1, tokens: 3 });
  });

  it('refuses binary with labels that are not SST-5', async () => {
    const stream = readLabelledSentencesString('1 x\n', 'x', { labels: ['0', '1'], binary: true });
    await expect(collectRecords(stream)).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'binary needs the 5 SST-5 labels, got 2: 0, 1',
    });
  });

  const cases: [string, string][] = [
    ['flat-bad-label.txt', 'flat-bad-label.txt:2:1: expected a label (0, 1), got "7"'],
    [
      'flat-no-sentence.txt',
      'flat-no-sentence.txt:2:2: expected a space and a sentence after the label, got the end of the line',
    ],
  ];
  it.each(cases)('reports %s with file:line:col', async (name, message) => {
    const content = readFileSync(join(FIXTURES, name), 'utf8');
    const stream = readLabelledSentencesString(content, name, { labels: ['0', '1'] });
    await expect(collectRecords(stream)).rejects.toMatchObject({ code: 'DATA_FORMAT', message });
  });
});

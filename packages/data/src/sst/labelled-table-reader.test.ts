import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectRecords } from '../record-stream.js';
import {
  loadLabelledTable,
  readLabelledTableString,
  type LabelledTableOptions,
} from './labelled-table-reader.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/sst');
const fixture = (name: string): string => join(FIXTURES, name);

describe('readLabelledTable', () => {
  it('reads a TSV by header names, with quoted fields and a blank line', async () => {
    const { rows, summary } = await loadLabelledTable(fixture('table-valid.tsv'), {
      text: 'sentence',
      label: 'label',
    });
    expect(rows).toEqual([
      { line: 2, label: '1', text: 'it is great' },
      { line: 3, label: '0', text: 'a "quoted"\tfield' },
      { line: 5, label: '0', text: 'boring' },
    ]);
    expect(summary).toEqual({ rows: 3, labelCounts: { '1': 1, '0': 2 }, blankLines: 1, delimiter: '\t' });
  });

  it('reads a gzipped CSV without header by index, and a quoted field across lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'table-'));
    const path = join(dir, 'x.csv.gz');
    writeFileSync(
      path,
      gzipSync(Buffer.from('\uFEFFpos,"good, really"\r\nneg,"two\r\nlines"\r\npos,ok\r\n')),
    );
    const { rows, summary } = await loadLabelledTable(path, { text: 1, label: 0, header: false });
    expect(rows).toEqual([
      { line: 1, label: 'pos', text: 'good, really' },
      { line: 2, label: 'neg', text: 'two\r\nlines' },
      { line: 4, label: 'pos', text: 'ok' },
    ]);
    expect(summary.labelCounts).toEqual({ pos: 2, neg: 1 });
  });

  it('detects the delimiter when the name does not say', async () => {
    const { records, summary } = await collectRecords(
      readLabelledTableString('a;b\nx;1\ny;0\n', 'data.txt', { text: 'a', label: 'b' }),
    );
    expect(records.map((r) => r.text)).toEqual(['x', 'y']);
    expect(summary.delimiter).toBe(';');
  });

  it('refuses a column name that is not in the header', async () => {
    const stream = readLabelledTableString('a,b\nx,1\n', 'x.csv', { text: 'sentence', label: 'b' });
    await expect(collectRecords(stream)).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'text must name a header column, got "sentence"; allowed: a, b',
    });
  });

  it('asks for a delimiter when none can be detected', async () => {
    const stream = readLabelledTableString('just one column\nand another line\n', 'notes.txt', {
      text: 0,
      label: 0,
    });
    await expect(collectRecords(stream)).rejects.toMatchObject({
      code: 'DATA_FORMAT',
      message:
        'notes.txt:1:1: expected fields separated by ",", tab, "|" or ";", got no consistent delimiter (set the delimiter option)',
    });
  });

  it('streams a large gzipped TSV with quoted multi-line fields, keeping line numbers exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'table-'));
    const lines = ['text\tlabel'];
    const expected: { line: number; label: string; text: string }[] = [];
    for (let i = 0; i < 30_000; i++) {
      const label = String(i % 3);
      if (i % 7 === 0) {
        expected.push({ line: lines.length + 1, label, text: `row ${i}\n\tsecond "line"` });
        lines.push(`"row ${i}`, `\tsecond ""line"""\t${label}`);
      } else {
        expected.push({ line: lines.length + 1, label, text: `row ${i}` });
        lines.push(`row ${i}\t${label}`);
      }
    }
    const path = join(dir, 'big.tsv.gz');
    writeFileSync(path, gzipSync(Buffer.from(`${lines.join('\n')}\n`)));
    const { rows, summary } = await loadLabelledTable(path, { text: 'text', label: 'label' });
    expect(rows).toEqual(expected);
    expect(summary).toEqual({
      rows: 30_000,
      labelCounts: { '0': 10_000, '1': 10_000, '2': 10_000 },
      blankLines: 0,
      delimiter: '\t',
    });

    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, `${lines.join('\n')}\n"late\nrow"\t7\n`);
    await expect(loadLabelledTable(bad, { text: 0, label: 1, labels: ['0', '1', '2'] })).rejects.toThrow(
      `${bad}:${lines.length + 2}:6: expected a label (0, 1, 2), got "7"`,
    );
  });

  it('reads quote characters as plain text when quoted is false', async () => {
    const text = '"Look," she said.\t1\nno "quotes" here\t0\n';
    const options = { text: 0, label: 1, header: false, delimiter: '\t' } as const;
    await expect(collectRecords(readLabelledTableString(text, 'q.tsv', options))).rejects.toThrow(
      'q.tsv:1:1: expected a delimiter or the end of the line after a closing quote',
    );
    const { records } = await collectRecords(
      readLabelledTableString(text, 'q.tsv', { ...options, quoted: false }),
    );
    expect(records.map((r) => r.text)).toEqual(['"Look," she said.', 'no "quotes" here']);
  });

  it('stops reading when the consumer stops', async () => {
    const text = `a,b\n${Array.from({ length: 20_000 }, (_, i) => `${i},x`).join('\n')}\n`;
    const stream = readLabelledTableString(text, 'x.csv', { text: 'a', label: 'b' });
    let seen = 0;
    for await (const _ of stream) if (++seen === 10) break;
    expect(seen).toBe(10);
    expect(stream.summary.rows).toBe(10);
  });

  const cases: [string, LabelledTableOptions, string][] = [
    [
      'table-bad-label.csv',
      { text: 'text', label: 'label', labels: ['pos', 'neg'] },
      'table-bad-label.csv:5:8: expected a label (pos, neg), got "neutral"',
    ],
    [
      'table-field-count.tsv',
      { text: 0, label: 1 },
      'table-field-count.tsv:3:1: expected 2 fields separated by "\\t", got 3',
    ],
    [
      'table-unclosed-quote.csv',
      { text: 0, label: 1 },
      'table-unclosed-quote.csv:2:1: expected a closing quote for the quoted field, got the end of the file',
    ],
  ];
  it.each(cases)('reports %s with file:line:col', async (name, options, message) => {
    const stream = readLabelledTableString(readFileSync(fixture(name), 'utf8'), name, options);
    await expect(collectRecords(stream)).rejects.toMatchObject({ code: 'DATA_FORMAT', message });
  });
});

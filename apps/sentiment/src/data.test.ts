import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSentimentData, resolveDataFormat } from './data.js';

const SAMPLE = fileURLToPath(new URL('../../../datasets/sst/sample/', import.meta.url));
const tmp = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'sentiment-data-')), name);
  writeFileSync(file, text);
  return file;
};

describe('resolveDataFormat', () => {
  it('detects trees, flat files and tables', async () => {
    const auto = { format: 'auto', binary: false } as const;
    expect(await resolveDataFormat(join(SAMPLE, 'trees/dev.txt'), auto)).toBe('trees');
    expect(await resolveDataFormat(join(SAMPLE, 'stsa.fine.dev'), auto)).toBe('flat');
    expect(await resolveDataFormat('x.csv', auto)).toBe('table');
    expect(await resolveDataFormat(join(SAMPLE, 'stsa.fine.dev'), { ...auto, textColumn: 'review' })).toBe('table');
  });
});

describe('loadSentimentData', () => {
  it('reads SST-5 flat files with SST names', async () => {
    const data = await loadSentimentData(join(SAMPLE, 'stsa.fine.train'), { format: 'auto', binary: false });
    expect(data.labels).toEqual(['very negative', 'negative', 'neutral', 'positive', 'very positive']);
    expect(data.sentences).toHaveLength(30);
    const counts = data.labels.map((l) => data.sentences.filter((s) => s.label === l).length);
    expect(counts).toEqual([5, 7, 6, 7, 5]); // datasets/sst/README.md
  });

  it('reads 0/1 flat files as SST-2 and binarises 5-class ones with binary', async () => {
    const sst2 = await loadSentimentData(join(SAMPLE, 'stsa.binary.train'), { format: 'auto', binary: false });
    expect(sst2.labels).toEqual(['negative', 'positive']);
    expect(sst2.sentences.filter((s) => s.label === 'positive')).toHaveLength(12);
    const binarised = await loadSentimentData(join(SAMPLE, 'stsa.fine.train'), { format: 'auto', binary: true });
    expect(binarised.sentences.map((s) => [s.label, s.tokens.join(' ')])).toEqual(sst2.sentences.map((s) => [s.label, s.tokens.join(' ')]));
  });

  it('with binary auto, binarises 5-class flat files and reads 0/1 files as they are', async () => {
    const fine = await loadSentimentData(join(SAMPLE, 'stsa.fine.train'), { format: 'auto', binary: 'auto' });
    const already = await loadSentimentData(join(SAMPLE, 'stsa.binary.train'), { format: 'auto', binary: 'auto' });
    expect(fine.labels).toEqual(['negative', 'positive']);
    expect(fine.sentences.map((s) => s.label)).toEqual(already.sentences.map((s) => s.label));
    expect(already.sentences).toHaveLength(24);
  });

  it('returns deduplicated phrases below the roots of the trees', async () => {
    const data = await loadSentimentData(join(SAMPLE, 'trees/dev.txt'), { format: 'auto', binary: false, phrases: true });
    expect(data.sentences).toHaveLength(5);
    expect(data.sentences[0]?.label).toBe('positive');
    expect(data.sentences[0]?.tokens.join(' ')).toBe('A charming little film with a big heart .');
    const keys = data.phrases.map((p) => `${p.label}\t${p.tokens.join(' ').toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('positive\tcharming');
    expect(keys).toContain('positive\ta charming little film');
    // The first tree alone has 2*9-1 = 17 nodes; all five trees have 2*n-1 nodes each minus the roots and duplicates.
    expect(data.phrases.length).toBeGreaterThan(16);
  });

  it('refuses phrases for a flat file', async () => {
    await expect(loadSentimentData(join(SAMPLE, 'stsa.fine.dev'), { format: 'auto', binary: false, phrases: true })).rejects.toThrowError(/phrases needs SST tree files/);
  });

  it('reads a TSV with named columns, discovering sorted labels and tokenising the text', async () => {
    const file = tmp('reviews.tsv', 'id\treview\tstars\n1\tGreat film, really.\tgood\n2\tDull.\tbad\n');
    const data = await loadSentimentData(file, { format: 'auto', binary: false, textColumn: 'review', labelColumn: 'stars' });
    expect(data.format).toBe('table');
    expect(data.labels).toEqual(['bad', 'good']);
    expect(data.sentences.map((s) => s.tokens)).toEqual([['Great', 'film', ',', 'really', '.'], ['Dull', '.']]);
    expect(data.sentences.map((s) => s.line)).toEqual([2, 3]);
  });

  it('throws file:line:col for a row with a missing field', async () => {
    const file = tmp('bad.tsv', 'text\tlabel\nfine film\tpos\nno label here\n');
    await expect(loadSentimentData(file, { format: 'auto', binary: false })).rejects.toThrowError(`${file}:3:1: expected 2 fields separated by "\\t", got 1`);
  });

  it('throws file:line:col for a label the model does not know', async () => {
    const file = tmp('unknown.csv', 'text,label\nfine,pos\nbad,meh\n');
    await expect(loadSentimentData(file, { format: 'auto', binary: false, knownLabels: ['neg', 'pos'] })).rejects.toThrowError(`${file}:3:5: expected a label (neg, pos), got "meh"`);
  });
});

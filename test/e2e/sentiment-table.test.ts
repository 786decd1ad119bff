import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAppCli } from './run-cli.js';

const TINY = ['--hidden', '8', '--embedding-dim', '8', '--batch-size', '4', '--epochs', '2', '--quiet'];
const ROWS: readonly [string, string][] = [
  ['A warm, generous film.', 'up'],
  ['An ugly, tedious mess.', 'down'],
  ['Quiet and convincing.', 'up'],
  ['The plot wanders off.', 'down'],
  ['A big heart.', 'up'],
  ['Flat dialogue, thin story.', 'down'],
];

function writeTable(dir: string, name: string, delimiter: string): string {
  const quote = (s: string): string => (delimiter === ',' ? `"${s}"` : s);
  const lines = ['id', 'review', 'verdict'].join(delimiter);
  const body = ROWS.map(([text, label], i) => [String(i + 1), quote(text), label].join(delimiter));
  const file = join(dir, name);
  writeFileSync(file, `${[lines, ...body].join('\n')}\n`);
  return file;
}

describe('sentiment on labelled TSV/CSV tables', () => {
  it.each([['reviews.tsv', '\t'], ['reviews.csv', ',']])('trains and evaluates on %s with --text-column/--label-column, discovering the labels', async (name, delimiter) => {
    const dir = mkdtempSync(join(tmpdir(), 'sentiment-table-'));
    const file = writeTable(dir, name, delimiter);
    const out = join(dir, 'run');
    const train = await runAppCli('sentiment', ['train', '--train', file, '--dev', file, '--text-column', 'review', '--label-column', 'verdict', ...TINY, '--out', out]);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    // eval reuses the bundle's column settings.
    const evaluation = await runAppCli('sentiment', ['eval', '--model', out, '--data', file, '--json', '--quiet']);
    expect(evaluation.code).toBe(0);
    const scores = JSON.parse(evaluation.stdout);
    expect(scores.examples).toBe(6);
    expect(scores.confusion.labels).toEqual(['down', 'up']);
    expect(scores.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(6);
    const predict = await runAppCli('sentiment', ['predict', '--model', out, 'A warm film.', 'A tedious mess.', '--json', '--quiet']);
    expect(predict.code).toBe(0);
    const { predictions } = JSON.parse(predict.stdout);
    expect(predictions.map((p: { text: string }) => p.text)).toEqual(['A warm film.', 'A tedious mess.']);
    for (const p of predictions) {
      expect(Object.keys(p.probabilities)).toEqual(['down', 'up']);
      expect(p.probabilities.down + p.probabilities.up).toBeCloseTo(1, 5);
    }
  });

  it('exits 65 with the exact file:line:col message for a malformed TSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentiment-bad-'));
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'text\tlabel\nA warm film.\tup\nA tedious mess.\n');
    const run = await runAppCli('sentiment', ['train', '--train', bad, '--dev', bad, ...TINY, '--out', join(dir, 'run')]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(`${bad}:3:1: expected 2 fields separated by "\\t", got 1`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 65 naming file:line:col for an unknown label in an SST flat file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sentiment-bad-'));
    const bad = join(dir, 'bad.fine');
    writeFileSync(bad, '3 a fine film\n7 a strange label\n');
    const run = await runAppCli('sentiment', ['train', '--train', bad, '--dev', bad, ...TINY, '--out', join(dir, 'run')]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(`${bad}:2:1: expected a label (0, 1, 2, 3, 4), got "7"`);
  });

  it('exits 2 naming the option for a bad value', async () => {
    const run = await runAppCli('sentiment', ['train', '--train', 'x', '--dev', 'x', '--layers', '3', '--out', mkdtempSync(join(tmpdir(), 'sentiment-bad-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('layers must be 1 or 2, got 3');
  });
});

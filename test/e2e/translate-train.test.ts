import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAppCli } from './run-cli.js';

const TINY = ['--hidden', '16', '--embedding-dim', '16', '--epochs', '2', '--min-freq', '1', '--batch-size', '8'];

describe('translate train', () => {
  it('trains eng→fra on the Tatoeba sample, exports a bundle, draws loss/BLEU curves and attention heatmaps', async () => {
    const out = mkdtempSync(join(tmpdir(), 'translate-train-'));
    const tsv = 'datasets/tatoeba/sample/eng-fra.tsv';
    const run = await runAppCli('translate', ['train', '--train', tsv, '--dev', tsv, '--dev-sentences', '5', ...TINY, '--out', out], { RECURRENT_BACKEND: '' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/40 training pairs \(0 longer than 30 tokens dropped\), 5 dev pairs/);
    expect(run.stderr).toMatch(/reloaded translations equal the in-memory ones/);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Attention: dev sentence 1');
    expect(report).toMatch(/bleu/i);
    const epochs = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; dev?: { bleu?: number } });
    expect(epochs.filter((e) => e.kind === 'epoch').map((e) => typeof e.dev?.bleu)).toEqual(['number', 'number']);
    const config = JSON.parse(readFileSync(join(out, 'bundle', 'config.json'), 'utf8')) as { task: string; vocabs: string[] };
    expect(config).toMatchObject({ task: 'translate', vocabs: ['source', 'target'] });
  }, 60_000);

  it('trains the true Bahdanau decoder under --max-minutes: the cut epoch is evaluated and the bundle reloads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'translate-train-'));
    const tsv = 'datasets/tatoeba/sample/eng-fra.tsv';
    const args = ['train', '--train', tsv, '--dev', tsv, '--dev-sentences', '5', ...TINY, '--attention', 'bahdanau', '--bidirectional', '--max-minutes', '0.0001', '--out', out];
    const run = await runAppCli('translate', args, { RECURRENT_BACKEND: '' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/minute limit is reached at batch 1\/\d+ of epoch 1/);
    expect(run.stderr).toMatch(/training time-limit after 1 epochs \(1 steps\)/);
    expect(run.stderr).toMatch(/reloaded translations equal the in-memory ones/);
    const config = JSON.parse(readFileSync(join(out, 'bundle', 'config.json'), 'utf8')) as { hyperParameters: { attention: string; maxMinutes: number } };
    expect(config.hyperParameters).toMatchObject({ attention: 'bahdanau', maxMinutes: 0.0001 });
  }, 60_000);

  it('exits 65 with file:line:col for a malformed TSV line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'translate-bad-'));
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'Hello.\tBonjour.\nGood night.\n');
    const run = await runAppCli('translate', ['train', '--train', bad, '--dev', bad, ...TINY, '--quiet', '--out', join(dir, 'run')]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(`${bad}:2:12: expected at least 2 tab-separated columns (source in 1, target in 2), got 1`);
  }, 30_000);

  it('exits 65 naming both files when aligned files have different line counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'translate-bad-'));
    writeFileSync(join(dir, 'x.de'), 'Ein Hund.\nZwei Katzen.\n');
    writeFileSync(join(dir, 'x.en'), 'A dog.\n');
    const run = await runAppCli('translate', ['eval', '--model', 'unused', '--data', join(dir, 'x'), '--quiet']);
    // The bundle is loaded first: a missing bundle is an IO error (exit 1 with the path) …
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unused');
    const train = await runAppCli('translate', ['train', '--train', join(dir, 'x'), '--dev', join(dir, 'x'), ...TINY, '--quiet', '--out', join(dir, 'run')]);
    // … while bad data is exit 65 with the location.
    expect(train.code).toBe(65);
    expect(train.stderr).toContain(`${join(dir, 'x.de')}:2: line count mismatch: ${join(dir, 'x.en')} ended after 1 lines`);
  }, 30_000);

  it('exits 2 naming the option for a bad config value', async () => {
    const run = await runAppCli('translate', ['train', '--train', 'a', '--dev', 'b', '--layers', '3', '--out', mkdtempSync(join(tmpdir(), 'translate-cfg-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/layers.*must be 1 or 2, got 3/);
  }, 30_000);
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAppCli } from './run-cli.js';

const SAMPLE = 'datasets/sst/sample';
const TINY = ['--hidden', '8', '--embedding-dim', '8', '--batch-size', '8', '--quiet'];

interface Prediction {
  readonly text: string;
  readonly label: string;
  readonly gold: string;
  readonly probabilities: Record<string, number>;
}

/** Gold labels of a `label sentence` file, read independently of the app. */
function flatGold(file: string, names: readonly string[]): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => names[Number(line.slice(0, line.indexOf(' ')))] as string);
}

describe('sentiment train → eval → predict → export → inspect on the SST-5 sample', () => {
  const run = mkdtempSync(join(tmpdir(), 'sentiment-e2e-'));
  const dev = `${SAMPLE}/stsa.fine.dev`;
  const sst5 = ['very negative', 'negative', 'neutral', 'positive', 'very positive'];

  beforeAll(async () => {
    const train = await runAppCli('sentiment', ['train', '--train', `${SAMPLE}/stsa.fine.train`, '--dev', dev, '--epochs', '3', ...TINY, '--out', run]);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
  });

  it('leaves a bundle, metrics.jsonl with dev accuracy per epoch, and a report with the confusion heatmap', () => {
    const config = JSON.parse(readFileSync(join(run, 'bundle', 'config.json'), 'utf8'));
    expect(config.task).toBe('sentiment');
    expect(config.labels).toEqual(sst5);
    const epochs = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'epoch');
    expect(epochs).toHaveLength(3);
    for (const e of epochs) expect(e.dev.accuracy * 8).toBeCloseTo(Math.round(e.dev.accuracy * 8), 9); // 8 dev sentences
    expect(readFileSync(join(run, 'report.html'), 'utf8')).toMatch(/<svg[^>]*class="[^"]*confusion-matrix/);
  });

  it('eval --json accuracy equals the accuracy recomputed from predict --json on the same file', async () => {
    const evaluation = await runAppCli('sentiment', ['eval', '--model', run, '--data', dev, '--json', '--quiet']);
    expect(evaluation.code).toBe(0);
    const scores = JSON.parse(evaluation.stdout);
    expect(scores.backend).toBe('wasm');
    expect(scores.examples).toBe(8);
    const predict = await runAppCli('sentiment', ['predict', '--model', run, '--data', dev, '--json', '--quiet']);
    expect(predict.code).toBe(0);
    const predictions = JSON.parse(predict.stdout).predictions as Prediction[];
    const gold = flatGold(dev, sst5);
    expect(predictions.map((p) => p.gold)).toEqual(gold);
    const correct = predictions.filter((p, i) => p.label === gold[i]).length;
    expect(scores.accuracy).toBe(correct / gold.length);
    const matrix = sst5.map((g) => sst5.map((p) => predictions.filter((x, i) => gold[i] === g && x.label === p).length));
    expect(scores.confusion.matrix).toEqual(matrix);
    for (const p of predictions) {
      const best = Object.entries(p.probabilities).sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(p.label).toBe(best);
    }
  });

  it('eval without --json prints accuracy, macro-F1 and the confusion matrix, and --report draws it as a heatmap', async () => {
    const report = join(run, 'eval-report.html');
    const evaluation = await runAppCli('sentiment', ['eval', '--model', run, '--data', dev, '--report', report, '--quiet']);
    expect(readFileSync(report, 'utf8')).toMatch(/<svg[^>]*class="[^"]*confusion-matrix/);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toMatch(/^accuracy \d+\.\d\d%$/m);
    expect(evaluation.stdout).toMatch(/^macro-F1 \d+\.\d\d%$/m);
    expect(evaluation.stdout).toContain('gold \\ predicted  very negative  negative  neutral  positive  very positive');
  });

  it('export writes a bundle whose predictions equal those of the run bundle', async () => {
    const exported = join(mkdtempSync(join(tmpdir(), 'sentiment-export-')), 'model');
    const exp = await runAppCli('sentiment', ['export', '--model', run, '--out', exported, '--quiet']);
    expect(exp.code).toBe(0);
    const args = ['--data', `${SAMPLE}/stsa.fine.train`, '--json', '--quiet'];
    const before = JSON.parse((await runAppCli('sentiment', ['predict', '--model', join(run, 'bundle'), ...args])).stdout);
    const after = JSON.parse((await runAppCli('sentiment', ['predict', '--model', exported, ...args])).stdout);
    expect(after.predictions).toHaveLength(30);
    expect(after.predictions).toEqual(before.predictions);
  });

  it('export without --out is a usage error (exit 2)', async () => {
    const exp = await runAppCli('sentiment', ['export', '--model', run]);
    expect(exp.code).toBe(2);
    expect(exp.stderr).toContain('export needs --out <dir>');
  });

  it('inspect --json describes labels, vocabulary, layers and parameters', async () => {
    const inspect = await runAppCli('sentiment', ['inspect', '--model', run, '--json', '--quiet']);
    expect(inspect.code).toBe(0);
    const info = JSON.parse(inspect.stdout);
    expect(info.labels).toEqual(sst5);
    expect(info.hyperParameters.hidden).toBe(8);
    expect(info.layers.map((l: { className: string }) => l.className)).toEqual([
      'InputLayer', 'Embedding', 'Dropout', 'RcBidirectional', 'RcMaskedPooling', 'Dropout', 'Dense',
    ]);
    expect(info.layers.reduce((n: number, l: { parameters: number }) => n + l.parameters, 0)).toBe(info.parameters);
    const vocab = JSON.parse(readFileSync(join(run, 'bundle', 'vocab-words.json'), 'utf8'));
    expect(info.vocabularySize).toBe(vocab.tokens.length);
  });
});

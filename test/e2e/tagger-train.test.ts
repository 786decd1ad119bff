import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertTags } from '@recurrent/data';
import { conllevalText } from '@recurrent/metrics';
import { runAppCli } from './run-cli.js';

const SAMPLE = 'datasets/conll2003/sample';
/** Tiny sizes so each CLI run takes seconds on the sample. */
const TINY = ['--word-dim', '16', '--char-dim', '8', '--char-filters', '8', '--hidden', '16', '--batch-size', '8'];
const NER = ['--format', 'conll', '--column', 'ner'];

describe('tagger train → eval → predict → export (CoNLL-2003 NER sample)', () => {
  const out = mkdtempSync(join(tmpdir(), 'tagger-ner-'));
  let trainRun: Awaited<ReturnType<typeof runAppCli>>;

  beforeAll(async () => {
    trainRun = await runAppCli('tagger', ['train', '--train', `${SAMPLE}/train.txt`, '--dev', `${SAMPLE}/dev.txt`, ...NER, '--scheme', 'IOBES', '--epochs', '6', '--learning-rate', '0.02', ...TINY, '--out', out]);
  }, 120_000);

  it('trains six epochs on IOB1 data converted to IOBES and leaves a self-describing bundle', () => {
    expect(trainRun.stderr).toMatch(/train datasets\/conll2003\/sample\/train\.txt: 44 sentences, 412 tokens, tags IOB1/);
    expect(trainRun.code).toBe(0);
    const epochs = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; dev?: Record<string, number> }).filter((r) => r.kind === 'epoch');
    expect(epochs).toHaveLength(6);
    expect(Object.keys(epochs[0]?.dev ?? {}).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall']);
    const config = JSON.parse(readFileSync(join(out, 'bundle', 'config.json'), 'utf8')) as { task: string; labels: string[]; hyperParameters: { scheme: string }; vocabs: string[] };
    expect(config.task).toBe('tagger');
    expect(config.hyperParameters.scheme).toBe('IOBES');
    expect(config.labels).toContain('S-LOC');
    expect(config.vocabs.sort()).toEqual(['chars', 'tags', 'words']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  it('eval --json F1 equals conlleval recomputed from the predict output (IOB2 gold and predicted columns)', async () => {
    const evalRun = await runAppCli('tagger', ['eval', '--model', out, '--data', `${SAMPLE}/dev.txt`, '--json', '--out', join(out, 'eval')]);
    expect(evalRun.code).toBe(0);
    const summary = JSON.parse(evalRun.stdout) as { metrics: { f1: number; accuracy: number }; backend: string; tokens: number };
    expect(summary.backend).toBe('wasm');
    expect(summary.tokens).toBe(158);
    expect(summary.metrics.f1).toBeGreaterThan(50); // it learned: entities found
    const predicted = join(out, 'dev.pred.txt');
    const predictRun = await runAppCli('tagger', ['predict', '--model', out, '--input', `${SAMPLE}/dev.txt`, '--input-format', 'conll', '--output', predicted]);
    expect(predictRun.code).toBe(0);
    // The file keeps the gold column as read (IOB1): convert it to IOB2 per sentence, then score the file.
    const blocks = readFileSync(predicted, 'utf8').split('\n\n').map((b) => b.split('\n').filter((l) => l !== '' && !l.startsWith('-DOCSTART-')).map((l) => l.split(' ')));
    const text = blocks
      .filter((rows) => rows.length > 0)
      .map((rows) => {
        const gold = convertTags(rows.map((f) => f[3] as string), 'IOB1', 'IOB2');
        return rows.map((f, i) => `${f[0]} ${gold[i]} ${f[4]}`).join('\n');
      })
      .join('\n\n');
    const reference = conllevalText(text);
    expect(summary.metrics.f1).toBeCloseTo(reference.fb1, 9);
    expect(summary.metrics.accuracy).toBeCloseTo(reference.accuracy ?? -1, 9);
    const report = readFileSync(join(out, 'eval', 'eval-report.txt'), 'utf8');
    expect(report).toMatch(/processed 158 tokens with 34 phrases/);
    expect(report).toContain('confusion matrix (rows gold, columns predicted)');
  }, 120_000);

  it('export reloads with stock tf.loadLayersModel and tags the dev set identically', async () => {
    const exported = join(out, 'exported');
    const run = await runAppCli('tagger', ['export', '--model', out, '--out', exported, '--check', `${SAMPLE}/dev.txt`]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/stock tfjs reload: 17 sentences, 158 tokens, tags identical, max \|Δ emission\| 0\b/);
    const before = await runAppCli('tagger', ['predict', '--model', out, '--input', `${SAMPLE}/dev.txt`, '--input-format', 'conll', '--output-format', 'json']);
    const after = await runAppCli('tagger', ['predict', '--model', exported, '--input', `${SAMPLE}/dev.txt`, '--input-format', 'conll', '--output-format', 'json']);
    expect(after.code).toBe(0);
    expect(after.stdout.trim().split('\n')).toHaveLength(17);
    expect(after.stdout).toBe(before.stdout);
    const inspect = await runAppCli('tagger', ['inspect', '--model', exported, '--json', '--quiet']);
    const summary = JSON.parse(inspect.stdout) as { tags: string[]; layers: { className: string }[]; transitions: unknown[] };
    const config = JSON.parse(readFileSync(join(out, 'bundle', 'config.json'), 'utf8')) as { labels: string[] };
    expect(summary.tags).toEqual(config.labels);
    expect(summary.layers.map((l) => l.className)).toEqual(expect.arrayContaining(['RcBidirectional', 'RcCrf']));
    expect(summary.transitions).toHaveLength(10);
  }, 120_000);
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusBleu } from '@recurrent/metrics';
import { runAppCli } from './run-cli.js';

const SAMPLE = 'datasets/multi30k/sample/train';
const SOURCES = readFileSync(`${SAMPLE}.de`, 'utf8').trim().split('\n');
const REFERENCES = readFileSync(`${SAMPLE}.en`, 'utf8').trim().split('\n');
const out = mkdtempSync(join(tmpdir(), 'translate-eval-'));
const run = join(out, 'run');

interface EvalJson {
  readonly sentences: number;
  readonly beam: number;
  readonly bleu: number;
  readonly signature: string;
  readonly backend: string;
  readonly outputs?: { line: number; output: string; bleu: number }[];
}

beforeAll(async () => {
  // Memorise the 54-pair Multi30k sample (tiny GRU + Luong attention), so BLEU on it is high.
  const train = await runAppCli('translate', [
    'train', '--train', SAMPLE, '--dev', SAMPLE, '--hidden', '64', '--embedding-dim', '32', '--attention', 'general',
    '--epochs', '30', '--min-freq', '1', '--batch-size', '16', '--learning-rate', '0.01', '--dropout', '0',
    '--label-smoothing', '0', '--patience', '0', '--dev-sentences', '0', '--out', run, '--quiet',
  ]);
  expect(train.code, train.stderr).toBe(0);
}, 120_000);

describe('translate eval / predict / export on the Multi30k sample', () => {
  it('eval --json BLEU equals corpus BLEU recomputed from predict output, with the sacreBLEU signature', async () => {
    const input = join(out, 'train.de');
    writeFileSync(input, `${SOURCES.join('\n')}\n`);
    const [evalRun, predictRun] = await Promise.all([
      runAppCli('translate', ['eval', '--model', run, '--data', SAMPLE, '--beam', '5', '--json', '--per-sentence', '--quiet']),
      runAppCli('translate', ['predict', '--model', run, '--input', input, '--beam', '5', '--quiet']),
    ]);
    expect(evalRun.code, evalRun.stderr).toBe(0);
    expect(predictRun.code, predictRun.stderr).toBe(0);
    const result = JSON.parse(evalRun.stdout) as EvalJson;
    const hypotheses = predictRun.stdout.split('\n').slice(0, -1);
    expect(hypotheses).toHaveLength(54);
    expect(result.outputs?.map((o) => o.output)).toEqual(hypotheses);
    expect(result.bleu).toBeCloseTo(corpusBleu(hypotheses, [REFERENCES]).score, 10);
    expect(result.signature).toBe('nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(result.bleu).toBeGreaterThan(20); // the sample is memorised
    expect(result).toMatchObject({ sentences: 54, beam: 5, backend: 'wasm' });
  }, 60_000);

  it('prints the BLEU line with its signature and per-sentence scores without --json', async () => {
    const text = await runAppCli('translate', ['eval', '--model', run, '--data', 'datasets/multi30k/sample/val', '--beam', '1', '--per-sentence', '--quiet']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(12 + 2);
    expect(lines[0]).toMatch(/^1\t\d+\.\d\d\t\S/);
    expect(lines[13]).toMatch(/^BLEU\|nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:2\.6\.0 = \d+\.\d\d /);
  }, 60_000);

  it('export writes a bundle whose predictions are identical, and inspect describes it', async () => {
    const exported = join(out, 'exported');
    const exportRun = await runAppCli('translate', ['export', '--model', run, '--out', exported, '--quiet']);
    expect(exportRun.code, exportRun.stderr).toBe(0);
    const sentences = SOURCES.slice(0, 8);
    const args = (model: string): string[] => ['predict', '--model', model, '--beam', '3', '--quiet', ...sentences];
    const [before, after, inspect] = await Promise.all([
      runAppCli('translate', args(run)),
      runAppCli('translate', args(exported)),
      runAppCli('translate', ['inspect', '--model', exported, '--quiet']),
    ]);
    expect(before.code, before.stderr).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(before.stdout.trim().split('\n')).toHaveLength(8);
    const info = JSON.parse(inspect.stdout) as { config: { attention: string; hidden: number }; vocab: { source: number; target: number } };
    expect(info.config).toMatchObject({ attention: 'general', hidden: 64 });
    expect(info.vocab).toEqual({ source: 217, target: 209 });
  }, 60_000);
});

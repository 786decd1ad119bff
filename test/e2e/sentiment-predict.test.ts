import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';
import { runAppCli, type CliRun } from './run-cli.js';

const SAMPLE = 'datasets/sst/sample';
const SENTENCES = ['A warm, generous film.', 'An ugly, tedious mess.', 'The plot wanders off somewhere.'];

/** Runs the built CLI with `input` on stdin (runAppCli ignores stdin). */
function runWithStdin(args: readonly string[], input: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'apps/sentiment/dist/cli/main.js'), ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('sentiment predict on the SST-2 trees sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sentiment-predict-'));
  const run = join(dir, 'run');

  beforeAll(async () => {
    const train = await runAppCli('sentiment', [
      'train', '--train', `${SAMPLE}/trees/train.txt`, '--dev', `${SAMPLE}/trees/dev.txt`, '--binary', '--phrases',
      '--encoder', 'gru', '--pooling', 'last', '--hidden', '8', '--embedding-dim', '8', '--epochs', '2', '--quiet', '--out', run,
    ]);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
  });

  it('gives the same predictions from arguments, from --input and from stdin', async () => {
    const fromArgs = JSON.parse((await runAppCli('sentiment', ['predict', '--model', run, ...SENTENCES, '--json', '--quiet'])).stdout);
    const file = join(dir, 'sentences.txt');
    writeFileSync(file, `${SENTENCES.join('\n')}\n\n`);
    const fromFile = JSON.parse((await runAppCli('sentiment', ['predict', '--model', run, '--input', file, '--json', '--quiet'])).stdout);
    const fromStdin = JSON.parse((await runWithStdin(['predict', '--model', run, '--json', '--quiet'], SENTENCES.join('\n'))).stdout);
    expect(fromArgs.labels).toEqual(['negative', 'positive']);
    expect(fromArgs.predictions.map((p: { text: string }) => p.text)).toEqual(SENTENCES);
    expect(fromFile.predictions).toEqual(fromArgs.predictions);
    expect(fromStdin.predictions).toEqual(fromArgs.predictions);
  });

  it('prints label, probabilities and sentence per line without --json', async () => {
    const text = await runAppCli('sentiment', ['predict', '--model', run, SENTENCES[0] as string, '--quiet']);
    const json = JSON.parse((await runAppCli('sentiment', ['predict', '--model', run, SENTENCES[0] as string, '--json', '--quiet'])).stdout);
    const p = json.predictions[0];
    expect(text.stdout).toBe(`${p.label}\tnegative=${p.probabilities.negative.toFixed(4)} positive=${p.probabilities.positive.toFixed(4)}\t${SENTENCES[0]}\n`);
  });

  it('scores the trees with the bundle’s SST-2 binarisation (neutral roots dropped)', async () => {
    const evaluation = JSON.parse((await runAppCli('sentiment', ['eval', '--model', run, '--data', `${SAMPLE}/trees/dev.txt`, '--json', '--quiet'])).stdout);
    // dev roots 1/1/1/1/1 (datasets/sst/README.md): the neutral one is dropped.
    expect(evaluation.examples).toBe(4);
    expect(evaluation.confusion.matrix.map((row: number[]) => row[0]! + row[1]!)).toEqual([2, 2]);
    // The same bundle on the flat SST-2 file (already 0/1) and on the 5-class flat file (binarised).
    const flat = JSON.parse((await runAppCli('sentiment', ['eval', '--model', run, '--data', `${SAMPLE}/stsa.binary.dev`, '--json', '--quiet'])).stdout);
    const fine = JSON.parse((await runAppCli('sentiment', ['eval', '--model', run, '--data', `${SAMPLE}/stsa.fine.dev`, '--json', '--quiet'])).stdout);
    expect(flat.examples).toBe(6);
    expect(flat.confusion.matrix.map((row: number[]) => row[0]! + row[1]!)).toEqual([3, 3]);
    expect(fine.confusion).toEqual(flat.confusion);
  });

  it('refuses sentences and --input together with exit 2', async () => {
    const run2 = await runAppCli('sentiment', ['predict', '--model', run, 'x', '--input', 'y']);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toContain('give sentences as arguments, --input or --data, not several');
  });
});

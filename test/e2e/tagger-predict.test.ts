import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';
import { runAppCli } from './run-cli.js';

const SAMPLE = 'datasets/ud-english-ewt/sample';
const TINY = ['--word-dim', '16', '--char-dim', '8', '--char-filters', '8', '--hidden', '16', '--batch-size', '8'];

/** Runs the built tagger CLI with `input` on stdin. */
function runWithStdin(args: readonly string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'apps', 'tagger', 'dist', 'cli', 'main.js'), ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** UPOS column (4th field) of every word line of a CoNLL-U text. */
const upos = (text: string): string[] => text.split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t')[3] as string);

describe('tagger predict (UD English EWT sample, UPOS)', () => {
  const out = mkdtempSync(join(tmpdir(), 'tagger-pos-'));

  beforeAll(async () => {
    const run = await runAppCli('tagger', ['train', '--train', `${SAMPLE}/train.conllu`, '--dev', `${SAMPLE}/dev.conllu`, '--epochs', '2', ...TINY, '--out', out]);
    expect(run.code).toBe(0);
  }, 120_000);

  it('writes CoNLL-U with predicted UPOS whose accuracy against the gold file equals eval --json', async () => {
    const predicted = join(out, 'dev.pred.conllu');
    const run = await runAppCli('tagger', ['predict', '--model', join(out, 'bundle'), '--input', `${SAMPLE}/dev.conllu`, '--input-format', 'conllu', '--output', predicted]);
    expect(run.code).toBe(0);
    const gold = upos(readFileSync(join(REPO_ROOT, SAMPLE, 'dev.conllu'), 'utf8'));
    const pred = upos(readFileSync(predicted, 'utf8'));
    expect(pred).toHaveLength(118);
    const correct = pred.filter((tag, i) => tag === gold[i]).length;
    const evalRun = await runAppCli('tagger', ['eval', '--model', out, '--data', `${SAMPLE}/dev.conllu`, '--json', '--out', join(out, 'eval')]);
    const summary = JSON.parse(evalRun.stdout) as { metrics: { accuracy: number } };
    expect(summary.metrics.accuracy).toBeCloseTo((100 * correct) / 118, 9);
  }, 120_000);

  it('tags raw text from stdin (tokenised by packages/text) as JSON lines, and as CoNLL-U with the same tags', async () => {
    const text = "We'll move the ladder on Monday.\nIt works!\n";
    const json = await runWithStdin(['predict', '--model', out, '--quiet'], text);
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { tokens: string[]; tags: string[] });
    expect(lines.map((l) => l.tokens)).toEqual([['We', "'ll", 'move', 'the', 'ladder', 'on', 'Monday', '.'], ['It', 'works', '!']]);
    lines.forEach((l) => expect(l.tags).toHaveLength(l.tokens.length));
    const conllu = await runWithStdin(['predict', '--model', out, '--output-format', 'conllu', '--quiet'], text);
    expect(upos(conllu.stdout)).toEqual(lines.flatMap((l) => l.tags));
  }, 120_000);
});

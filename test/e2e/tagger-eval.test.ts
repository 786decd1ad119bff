import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAppCli } from './run-cli.js';

describe('tagger errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagger-bad-'));

  it('exits 65 with file:line:col when the training file is malformed, before training', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'EU NNP B-NP B-ORG\nrejects VBZ B-VP\n');
    const run = await runAppCli('tagger', ['train', '--train', bad, '--dev', bad, '--format', 'conll', '--column', 'ner', '--scheme', 'IOB2', '--out', join(dir, 'run')]);
    expect(run.code).toBe(65);
    expect(run.stderr).toContain(`${bad}:2:1: expected 4 whitespace-separated columns, got 3`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 65 naming the line and column of an invalid tag', async () => {
    const bad = join(dir, 'bad-tag.txt');
    writeFileSync(bad, 'EU NNP B-NP B-ORG\nrejects VBZ B-VP X-BAD\n');
    const run = await runAppCli('tagger', ['train', '--train', bad, '--dev', bad, '--format', 'conll', '--column', 'ner', '--scheme', 'IOB2', '--out', join(dir, 'run2')]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:4: `));
  });

  it('exits 2 naming the key for a bad option value', async () => {
    const run = await runAppCli('tagger', ['train', '--train', 'x', '--dev', 'x', '--layers', '3', '--out', join(dir, 'run3')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('layers');
    expect(run.stderr).toContain('[1, 2], got 3');
  });
});

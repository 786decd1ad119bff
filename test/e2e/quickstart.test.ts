import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAppCli } from './run-cli.js';

/** An epoch line of metrics.jsonl (epochs are 0-based there). */
interface EpochLine {
  readonly kind: string;
  readonly epoch: number;
  readonly trainLoss?: number;
  readonly dev?: Record<string, number>;
}

describe('quickstart CLI (npm run quickstart)', () => {
  it('trains, reports the loss falling, exports a bundle that scores the same, on the default backend', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quickstart-'));
    const run = await runAppCli('quickstart', ['--epochs', '3', '--out', out], { RECURRENT_BACKEND: '' });
    expect(run.stderr).toMatch(/^backend: wasm/m);
    expect(run.code).toBe(0);

    const epochs = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EpochLine)
      .filter((record) => record.kind === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    const losses = epochs.map((e) => e.trainLoss as number);
    expect(losses[2]).toBeLessThan((losses[0] as number) / 2);
    expect(epochs[2]?.dev?.accuracy).toBeGreaterThan(0.9);

    const final = run.stderr.match(/dev accuracy ([\d.]+)% \(bundle reloaded from .*: ([\d.]+)%\)/);
    expect(final).not.toBeNull();
    expect(final?.[2]).toBe(final?.[1]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    expect(JSON.parse(readFileSync(join(out, 'bundle', 'config.json'), 'utf8')).task).toBe('counting-classifier');
  });

  it('rejects a bad value with exit code 2 and names the key', async () => {
    const run = await runAppCli('quickstart', ['--epochs', '0', '--out', mkdtempSync(join(tmpdir(), 'quickstart-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('epochs must be a positive integer, got 0');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown key in a --config file with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quickstart-'));
    const config = join(dir, 'run.json');
    writeFileSync(config, '{\n  "epochs": 2,\n  "hiden": 8\n}\n');
    const run = await runAppCli('quickstart', ['--config', config, '--out', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('hiden');
  });
});

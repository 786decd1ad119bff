import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMetricsRecord, readMetricsLog, truncateMetricsLog } from './metrics-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metrics-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readMetricsLog', () => {
  it('round-trips appended records and truncates after a step', async () => {
    const file = join(dir, 'metrics.jsonl');
    await appendMetricsRecord(file, { kind: 'step', step: 2, epoch: 0, loss: 0.9, lr: 0.1 });
    await appendMetricsRecord(file, { kind: 'epoch', step: 4, epoch: 0, trainLoss: 0.8, lr: 0.1, dev: { acc: 0.5 }, best: true });
    await appendMetricsRecord(file, { kind: 'step', step: 6, epoch: 1, loss: 0.7, lr: 0.1 });
    expect((await readMetricsLog(file)).map((r) => r.step)).toEqual([2, 4, 6]);
    await truncateMetricsLog(file, 4);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(await readMetricsLog(join(dir, 'missing.jsonl'))).toEqual([]);
  });

  it('reports file:line:col for a line that is not JSON', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"kind":"step","step":1,"epoch":0,"loss":1,"lr":1}\n{"kind":"step",, }\n');
    await expect(readMetricsLog(file)).rejects.toMatchObject({
      code: 'DATA_FORMAT',
      message: expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:16: expected one JSON object per line`)),
    });
  });

  it('reports a record without a known kind', async () => {
    const file = join(dir, 'kind.jsonl');
    await writeFile(file, '{"step":1}\n');
    await expect(readMetricsLog(file)).rejects.toThrowError(/kind.jsonl:1:1: expected "kind": "step" or "epoch", found undefined/);
  });
});

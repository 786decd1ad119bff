import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/train-tiny.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function start(runDir: string, extra: string[] = []): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, runDir, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

/** Polls until the latest checkpoint is a mid-epoch one (batchInEpoch > 0). */
async function waitForMidEpochCheckpoint(runDir: string): Promise<string> {
  const dir = join(runDir, 'checkpoints');
  for (let i = 0; i < 3000; i++) {
    const latest = existsSync(join(dir, 'latest')) ? (await readFile(join(dir, 'latest'), 'utf8')).trim() : '';
    if (latest !== '') {
      const meta = JSON.parse(await readFile(join(dir, latest, 'meta.json'), 'utf8')) as { batchInEpoch: number };
      if (meta.batchInEpoch > 0) return latest;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no mid-epoch checkpoint appeared in ${dir}`);
}

async function finalWeights(runDir: string): Promise<number[]> {
  return (JSON.parse(await readFile(join(runDir, 'final-weights.json'), 'utf8')) as number[][]).flat();
}

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);
}

describe('train (separate processes, cpu backend)', () => {
  let base: string;
  let reference: number[];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'train-kill-'));
    const run = start(join(base, 'straight'));
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(0);
    reference = await finalWeights(join(base, 'straight'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('gives the same final weights after SIGKILL mid-epoch and resume as an uninterrupted run', async () => {
    const runDir = join(base, 'killed');
    const run = start(runDir, ['--delay-ms', '25']);
    const seen = await waitForMidEpochCheckpoint(runDir);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(runDir, 'final-weights.json'))).toBe(false);
    expect(seen).toMatch(/^ckpt-\d{8}$/);

    const resumed = start(runDir, ['--resume']);
    const { code, stderr } = await resumed.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/resuming from .*ckpt-\d{8}.*epoch 1, batch [1-9]/);
    expect(maxAbsDiff(await finalWeights(runDir), reference)).toBeLessThanOrEqual(1e-6);
    // No half-written checkpoint is left behind.
    expect((await readdir(join(runDir, 'checkpoints'))).filter((e) => e.endsWith('.tmp'))).toEqual([]);
  });

  it('saves a checkpoint on SIGINT, exits 0 with a resume hint, and resumes to the same weights', async () => {
    const runDir = join(base, 'sigint');
    const run = start(runDir, ['--delay-ms', '25']);
    await waitForMidEpochCheckpoint(runDir);
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code, interrupted.stderr).toBe(0);
    expect(interrupted.stderr).toMatch(/training interrupted at step \d+ .*checkpoint saved in .*ckpt-\d{8}.*--resume/);
    expect(existsSync(join(runDir, 'final-weights.json'))).toBe(false);

    const { code, stderr } = await start(runDir, ['--resume']).done;
    expect(code, stderr).toBe(0);
    expect(maxAbsDiff(await finalWeights(runDir), reference)).toBeLessThanOrEqual(1e-6);
  });

  it('answers SIGINT within a step, even when no file is written for many steps', async () => {
    const runDir = join(base, 'sigint-quiet');
    const run = start(runDir, ['--delay-ms', '25', '--log-every', '1000', '--checkpoint-every', '0']);
    await new Promise<void>((resolve) => run.child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('config:') && resolve()));
    await new Promise((r) => setTimeout(r, 150));
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code, interrupted.stderr).toBe(0);
    // Mid-epoch: the abort was seen at a step, not at the epoch end's file writes.
    expect(interrupted.stderr).toMatch(/training interrupted at step \d+ \(epoch 1, batch [1-9]\d*\)/);
  });
});

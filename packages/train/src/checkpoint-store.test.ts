import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from './checkpoint-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ckpt-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CheckpointStore', () => {
  it('writes ckpt-<step>/ files, points latest at the newest and keeps the last N plus the best', async () => {
    const store = await CheckpointStore.open(dir, { keep: 2 });
    expect(await store.latest()).toBeNull();
    await store.save(5, { 'meta.json': '{"step":5}' }, true);
    for (const step of [10, 15, 20]) await store.save(step, { 'meta.json': `{"step":${step}}`, 'w.bin': new Uint8Array([step]) });
    expect(await store.list()).toEqual(['ckpt-00000005', 'ckpt-00000015', 'ckpt-00000020']);
    expect(await store.latest()).toBe('ckpt-00000020');
    expect(await store.pointer('best')).toBe('ckpt-00000005');
    expect([...(await store.read('ckpt-00000020', 'w.bin'))]).toEqual([20]);
    expect((await readdir(dir)).sort()).toEqual(['best', 'ckpt-00000005', 'ckpt-00000015', 'ckpt-00000020', 'latest']);
  });

  it('ignores and removes a half-written .tmp checkpoint left by a killed run', async () => {
    const store = await CheckpointStore.open(dir, { keep: 3 });
    await store.save(10, { 'meta.json': '{"step":10}' });
    await mkdir(join(dir, 'ckpt-00000015.tmp'));
    await writeFile(join(dir, 'ckpt-00000015.tmp', 'meta.json'), '{"st');
    await writeFile(join(dir, 'latest.tmp'), 'ckpt-000');
    const reopened = await CheckpointStore.open(dir, { keep: 3 });
    expect(await reopened.latest()).toBe('ckpt-00000010');
    expect((await readdir(dir)).sort()).toEqual(['ckpt-00000010', 'latest']);
  });

  it('replaces a checkpoint saved again at the same step', async () => {
    const store = await CheckpointStore.open(dir, { keep: 3 });
    await store.save(10, { 'meta.json': 'old' });
    await store.save(10, { 'meta.json': 'new' });
    expect((await store.read('ckpt-00000010', 'meta.json')).toString()).toBe('new');
    expect(await readdir(dir)).not.toContain('ckpt-00000010.old.tmp');
  });

  it('puts back the old copy when killed in the middle of replacing a checkpoint', async () => {
    const store = await CheckpointStore.open(dir, { keep: 3 });
    await store.save(10, { 'meta.json': 'complete' });
    // Simulate the kill: the old copy was moved aside, the new one not yet moved in.
    await rename(join(dir, 'ckpt-00000010'), join(dir, 'ckpt-00000010.old.tmp'));
    await mkdir(join(dir, 'ckpt-00000010.tmp'));
    const reopened = await CheckpointStore.open(dir, { keep: 3 });
    expect((await reopened.read((await reopened.latest()) as string, 'meta.json')).toString()).toBe('complete');
  });

  it('names the pointer file when latest is garbage or names a missing checkpoint', async () => {
    const store = await CheckpointStore.open(dir, { keep: 3 });
    await writeFile(join(dir, 'latest'), 'hello\n');
    await expect(store.latest()).rejects.toThrowError(`${join(dir, 'latest')}: expected a checkpoint name like ckpt-00000120, found "hello"`);
    await writeFile(join(dir, 'latest'), 'ckpt-00000099\n');
    await expect(store.latest()).rejects.toMatchObject({ code: 'IO', message: expect.stringContaining('names ckpt-00000099, which does not exist') });
  });

  it('writes the pointer as the checkpoint name and a newline', async () => {
    const store = await CheckpointStore.open(dir, { keep: 1 });
    await store.save(3, { a: 'x' });
    expect(await readFile(join(dir, 'latest'), 'utf8')).toBe('ckpt-00000003\n');
  });
});

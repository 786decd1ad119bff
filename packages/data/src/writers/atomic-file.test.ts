import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { AtomicFile, writeAtomically, writeFileAtomic } from './atomic-file.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

describe('AtomicFile', () => {
  it('keeps the old content visible until commit, then replaces it whole', async () => {
    const target = await tmp.write('a.txt', 'old\n');
    const file = await AtomicFile.create(target);
    await file.write('new ');
    await file.write(new TextEncoder().encode('content\n'));
    expect(await readFile(target, 'utf8')).toBe('old\n');
    expect(existsSync(file.tempPath)).toBe(true);
    await file.commit();
    expect(await readFile(target, 'utf8')).toBe('new content\n');
    expect(existsSync(file.tempPath)).toBe(false);
    await expect(file.write('more')).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('abort leaves the target untouched and removes the temporary file', async () => {
    const target = await tmp.write('b.txt', 'keep me');
    const file = await AtomicFile.create(target);
    await file.write('half');
    await file.abort();
    await file.abort();
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect((await readdir(tmp.dir)).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('fails with IO when the folder does not exist', async () => {
    await expect(AtomicFile.create(tmp.path('no/such/dir/x.txt'))).rejects.toMatchObject({ code: 'IO' });
  });
});

describe('writeAtomically', () => {
  it('aborts when fill throws, so a failed writer never leaves a partial file', async () => {
    const target = tmp.path('c.txt');
    await writeFile(target, 'before');
    await expect(
      writeAtomically(target, async (file) => {
        await file.write('partial');
        throw new Error('model crashed');
      }),
    ).rejects.toThrow('model crashed');
    expect(await readFile(target, 'utf8')).toBe('before');
    await writeFileAtomic(target, 'after');
    expect(await readFile(target, 'utf8')).toBe('after');
    expect((await readdir(tmp.dir)).filter((n) => n.startsWith('.c.txt'))).toEqual([]);
  });
});

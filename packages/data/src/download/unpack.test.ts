import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { create as tarCreate } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { unpack } from './unpack.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const FRA = 'Go.\tVa !\nHi.\tSalut !\n';

describe('unpack', () => {
  it('gunzips a .gz and checks the kept sha256', async () => {
    const archive = await tmp.write('train.en.gz', 'A dog runs.\nTwo cats sleep.\n');
    const out = tmp.path('gz-out');
    const files = await unpack(
      archive,
      'gz',
      [{ from: 'train.en.gz', to: 'train.en', sha256: sha('A dog runs.\nTwo cats sleep.\n') }],
      out,
    );
    expect(files).toEqual([{ path: join(out, 'train.en'), sha256: sha('A dog runs.\nTwo cats sleep.\n') }]);
    expect(await readFile(join(out, 'train.en'), 'utf8')).toBe('A dog runs.\nTwo cats sleep.\n');
  });

  it('extracts only the listed zip members, under the names the manifest gives', async () => {
    const zip = zipSync({
      'fra-eng/fra.txt': strToU8(FRA),
      'fra-eng/_about.txt': strToU8('about'),
      '../evil.txt': strToU8('x'),
    });
    const archive = await tmp.write('fra-eng.zip', zip);
    const out = tmp.path('zip-out');
    const files = await unpack(
      archive,
      'zip',
      [{ from: 'fra-eng/fra.txt', to: 'eng-fra.tsv', sha256: sha(FRA) }],
      out,
    );
    expect(files.map((f) => f.path)).toEqual([join(out, 'eng-fra.tsv')]);
    expect(await readFile(join(out, 'eng-fra.tsv'), 'utf8')).toBe(FRA);
    expect(existsSync(join(out, 'fra-eng'))).toBe(false);
    expect(existsSync(tmp.path('evil.txt'))).toBe(false);
  });

  it('extracts members of a tar.gz into nested output names', async () => {
    const src = tmp.path('tar-src');
    await mkdir(join(src, 'trees'), { recursive: true });
    await tmp.write('tar-src/trees/dev.txt', '(3 (2 Good) (3 fun))\n');
    await tmp.write('tar-src/trees/other.txt', 'ignored\n');
    const archive = tmp.path('trees.tar.gz');
    await tarCreate({ gzip: true, file: archive, cwd: src }, ['trees/dev.txt', 'trees/other.txt']);
    const out = tmp.path('tar-out');
    await unpack(archive, 'tar.gz', [{ from: 'trees/dev.txt', to: 'sst/dev.txt', sha256: null }], out);
    expect(await readFile(join(out, 'sst/dev.txt'), 'utf8')).toBe('(3 (2 Good) (3 fun))\n');
    expect(existsSync(join(out, 'trees'))).toBe(false);
  });

  it('names the missing member and lists what the archive has', async () => {
    const archive = await tmp.write('small.zip', zipSync({ 'a.txt': strToU8('a'), 'b.txt': strToU8('b') }));
    await expect(
      unpack(archive, 'zip', [{ from: 'c.txt', to: 'c.txt', sha256: null }], tmp.path('m')),
    ).rejects.toThrow(`${archive}: expected a member c.txt, found only: a.txt, b.txt`);
  });

  it('deletes a kept file whose sha256 does not match', async () => {
    const archive = await tmp.write('plain.txt', 'hello\n');
    const out = tmp.path('plain-out');
    await expect(
      unpack(archive, 'plain', [{ from: 'plain.txt', to: 'x.txt', sha256: sha('bye\n') }], out),
    ).rejects.toThrow(
      `sha256 mismatch after unpacking ${archive}: expected ${sha('bye\n')}, got ${sha('hello\n')}`,
    );
    expect(existsSync(join(out, 'x.txt'))).toBe(false);
  });

  it('reports a file that is not a zip', async () => {
    const archive = await tmp.write('fake.zip', 'not a zip at all');
    await expect(
      unpack(archive, 'zip', [{ from: 'a', to: 'a', sha256: null }], tmp.path('f')),
    ).rejects.toMatchObject({ code: 'IO' });
  });
});

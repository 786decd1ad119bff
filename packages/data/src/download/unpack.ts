import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { unzipSync } from 'fflate';
import { extract as tarExtract, list as tarList } from 'tar';
import { RecurrentError } from '@recurrent/core';
import { AtomicFile, writeFileAtomic } from '../writers/atomic-file.js';
import type { KeptFile, UnpackKind } from './dataset-manifest.js';
import { sha256File } from './sha256-file.js';

/** One file {@link unpack} put in place, with its digest. */
export interface UnpackedFile {
  readonly path: string;
  readonly sha256: string;
}

async function gunzipTo(archive: string, dest: string): Promise<void> {
  const out = await AtomicFile.create(dest);
  try {
    for await (const chunk of createReadStream(archive).pipe(createGunzip()))
      await out.write(chunk as Buffer);
    await out.commit();
  } catch (cause) {
    await out.abort();
    throw new RecurrentError('IO', `${archive}: cannot gunzip: ${(cause as Error).message}`, { cause });
  }
}

async function unzipTo(archive: string, keep: readonly KeptFile[], dir: string): Promise<void> {
  const wanted = new Set(keep.map((k) => k.from));
  const seen: string[] = [];
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(await readFile(archive), {
      filter: (file) => {
        seen.push(file.name);
        return wanted.has(file.name);
      },
    });
  } catch (cause) {
    throw new RecurrentError('IO', `${archive}: not a readable zip archive: ${(cause as Error).message}`, {
      cause,
    });
  }
  for (const kept of keep) {
    const bytes = members[kept.from];
    if (bytes === undefined) throw missing(archive, kept.from, seen);
    await writeFileAtomic(join(dir, kept.to), bytes);
  }
}

async function untarTo(archive: string, keep: readonly KeptFile[], dir: string): Promise<void> {
  const wanted = new Set(keep.map((k) => k.from));
  const seen: string[] = [];
  try {
    await tarList({ file: archive, onReadEntry: (entry) => void seen.push(entry.path) });
  } catch (cause) {
    throw new RecurrentError('IO', `${archive}: not a readable tar.gz archive: ${(cause as Error).message}`, {
      cause,
    });
  }
  for (const kept of keep) if (!seen.includes(kept.from)) throw missing(archive, kept.from, seen);
  const staging = await mkdtemp(join(dir, '.unpack-'));
  try {
    await tarExtract({ file: archive, cwd: staging, filter: (path) => wanted.has(path) });
    for (const kept of keep) await rename(join(staging, kept.from), join(dir, kept.to));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function missing(archive: string, member: string, seen: readonly string[]): RecurrentError {
  const listing = seen.slice(0, 20).join(', ') + (seen.length > 20 ? `, … (${seen.length} members)` : '');
  return new RecurrentError('IO', `${archive}: expected a member ${member}, found only: ${listing}`);
}

/**
 * Turns a downloaded file into the files a manifest keeps, each written atomically under `dir`:
 * `plain` copies it, `gz` gunzips it, `zip` and `tar.gz` extract only the listed members (so an
 * archive cannot write outside `dir`). Each kept file with a known sha256 is checked; on a mismatch
 * the file is deleted and an IO error names both digests.
 *
 * @example
 * await unpack('downloads/fra-eng.zip', 'zip', [{ from: 'fra-eng/fra.txt', to: 'fra.txt', sha256: null }], 'tatoeba');
 */
export async function unpack(
  archive: string,
  kind: UnpackKind,
  keep: readonly KeptFile[],
  dir: string,
): Promise<UnpackedFile[]> {
  for (const kept of keep) await mkdir(dirname(join(dir, kept.to)), { recursive: true });
  if (kind === 'plain') await writeFileAtomic(join(dir, (keep[0] as KeptFile).to), await readFile(archive));
  else if (kind === 'gz') await gunzipTo(archive, join(dir, (keep[0] as KeptFile).to));
  else if (kind === 'zip') await unzipTo(archive, keep, dir);
  else await untarTo(archive, keep, dir);
  const out: UnpackedFile[] = [];
  for (const kept of keep) {
    const path = join(dir, kept.to);
    const sha256 = await sha256File(path);
    if (kept.sha256 !== null && sha256 !== kept.sha256) {
      await rm(path, { force: true });
      throw new RecurrentError(
        'IO',
        `${path}: sha256 mismatch after unpacking ${archive}: expected ${kept.sha256}, got ${sha256}; the file was deleted`,
      );
    }
    out.push({ path, sha256 });
  }
  return out;
}

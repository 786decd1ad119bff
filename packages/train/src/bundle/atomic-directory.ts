// Node only: imported dynamically for file paths so that browser bundles never pull `node:fs`.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RecurrentError } from '@recurrent/core';
import { pathExists as exists, syncPath as fsyncPath, writeSynced } from '../durable-fs.js';

/** A file to write: its name inside the directory and its contents. */
export interface DirectoryFile {
  readonly name: string;
  readonly data: Uint8Array | string;
}

/**
 * Writes `files` as the whole content of directory `dir`, atomically: everything goes into a
 * sibling temp directory (each file fsynced), which is then renamed into place; an existing
 * `dir` is replaced. A reader sees the old directory or the new one, never half of it, and a
 * failure leaves `dir` as it was and no temp directory behind.
 *
 * @example
 * await writeDirectoryAtomically('runs/pos/bundle', [{ name: 'config.json', data: '{}' }]);
 */
export async function writeDirectoryAtomically(dir: string, files: readonly DirectoryFile[]): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const old = join(parent, `.${basename(target)}.old-${tag}`);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(temp);
    for (const file of files) {
      if (file.name.includes('/') || file.name.includes('\\') || file.name.startsWith('.')) {
        throw new RecurrentError(
          'USAGE',
          `bundle file name must be a plain file name, got ${JSON.stringify(file.name)}`,
        );
      }
      await writeSynced(join(temp, file.name), file.data);
    }
    await fsyncPath(temp);
    const replacing = await exists(target);
    if (replacing) await rename(target, old);
    try {
      await rename(temp, target);
    } catch (error) {
      if (replacing) await rename(old, target);
      throw error;
    }
    await fsyncPath(parent);
    if (replacing) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof RecurrentError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new RecurrentError('IO', `${target}: cannot write directory: ${detail}`, { cause: error });
  }
}

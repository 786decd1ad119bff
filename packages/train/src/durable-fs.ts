// Node only: the file operations behind every atomic write of the training runtime
// (checkpoints, run files, bundle folders). Browser code never imports this module.
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `data` to `path` and fsyncs it before closing.
 *
 * @example
 * ```ts
 * await writeSynced('ckpt.tmp/meta.json', '{}');
 * ```
 */
export async function writeSynced(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Fsyncs a file or directory, so that a rename inside a directory survives a crash.
 *
 * @example
 * ```ts
 * await syncPath('runs/pos/checkpoints');
 * ```
 */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * True when something exists at `path`.
 *
 * @example
 * ```ts
 * if (await pathExists('runs/pos/checkpoints/latest')) { … }
 * ```
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a file atomically: temp file, fsync, rename (readers see the old or the new file, never half).
 *
 * @example
 * ```ts
 * await writeFileAtomic('runs/pos/config.json', JSON.stringify(config));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  await writeSynced(tmp, data);
  await rename(tmp, path);
}

import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RecurrentError } from '@recurrent/core';

/**
 * A file being written atomically: bytes go to a hidden temporary file beside the target, and
 * `commit()` flushes it to disk and renames it into place, so readers see the old file or the whole
 * new one, never half of it. `abort()` (or any failed write) removes the temporary file.
 *
 * @example
 * const out = await AtomicFile.create('predictions.tsv');
 * try {
 *   await out.write('token\tlabel\n');
 *   await out.commit();
 * } catch (e) {
 *   await out.abort();
 *   throw e;
 * }
 */
export class AtomicFile {
  private done = false;

  private constructor(
    /** Final path. */
    readonly path: string,
    /** Temporary path the bytes go to until commit. */
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens a fresh temporary file in the target's folder (same file system, so rename is atomic). */
  static async create(path: string): Promise<AtomicFile> {
    const tempPath = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const handle = await open(tempPath, 'wx').catch((cause: unknown) => {
      throw new RecurrentError('IO', `${path}: cannot create temporary file: ${(cause as Error).message}`, {
        cause,
      });
    });
    return new AtomicFile(path, tempPath, handle);
  }

  /** Appends text (UTF-8) or bytes. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.done) throw new RecurrentError('USAGE', `${this.path}: write after commit or abort`);
    try {
      await (typeof chunk === 'string' ? this.handle.write(chunk, null, 'utf8') : this.handle.write(chunk));
    } catch (cause) {
      await this.abort();
      throw new RecurrentError('IO', `${this.path}: cannot write: ${(cause as Error).message}`, { cause });
    }
  }

  /** Flushes, closes and renames the temporary file onto `path`. */
  async commit(): Promise<void> {
    if (this.done) throw new RecurrentError('USAGE', `${this.path}: commit after commit or abort`);
    this.done = true;
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.tempPath, this.path);
    } catch (cause) {
      await rm(this.tempPath, { force: true });
      throw new RecurrentError(
        'IO',
        `${this.path}: cannot move the finished file into place: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
  }

  /** Closes and deletes the temporary file; the target is left as it was. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}

/**
 * Writes a whole file atomically (temporary file + rename).
 *
 * @example
 * await writeFileAtomic('vocab.json', JSON.stringify(vocab));
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await writeAtomically(path, (file) => file.write(content));
}

/**
 * Runs `fill` on a fresh {@link AtomicFile}, commits it when `fill` resolves, and aborts (leaving the
 * old file untouched) when it throws.
 *
 * @example
 * await writeAtomically('out.txt', async (file) => { await file.write('a\n'); await file.write('b\n'); });
 */
export async function writeAtomically<T>(path: string, fill: (file: AtomicFile) => Promise<T>): Promise<T> {
  const file = await AtomicFile.create(path);
  try {
    const result = await fill(file);
    await file.commit();
    return result;
  } catch (error) {
    await file.abort();
    throw error;
  }
}

import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RecurrentError } from '@recurrent/core';
import { pathExists as exists, syncPath as syncDir, writeSynced } from './durable-fs.js';

const NAME = /^ckpt-(\d{8})$/;
const TMP_SUFFIX = '.tmp';

/**
 * A folder of checkpoints `ckpt-<step>/`, each written atomically: files go into
 * `ckpt-<step>.tmp/`, are fsynced, the folder is renamed into place and the parent fsynced; then the
 * pointer file `latest` (and `best` when asked) is written the same way (temp file, fsync, rename).
 * A process killed at any moment therefore leaves `latest` naming a complete checkpoint; leftover
 * `.tmp` folders are ignored and removed by `open()`. Only the `keep` newest checkpoints survive,
 * plus the one `best` names.
 *
 * @example
 * ```ts
 * const store = await CheckpointStore.open('runs/pos/checkpoints', { keep: 3 });
 * await store.save(120, { 'meta.json': JSON.stringify(meta), 'weights.bin': bytes });
 * const name = await store.latest(); // 'ckpt-00000120'
 * ```
 */
export class CheckpointStore {
  private constructor(
    readonly dir: string,
    readonly keep: number,
  ) {}

  /** Creates the folder if needed and removes half-written `.tmp` leftovers. */
  static async open(dir: string, options: { keep: number }): Promise<CheckpointStore> {
    await mkdir(dir, { recursive: true });
    for (const entry of await readdir(dir)) {
      if (!entry.endsWith(TMP_SUFFIX)) continue;
      const old = /^(ckpt-\d{8})\.old\.tmp$/.exec(entry);
      // Killed while replacing a checkpoint of the same step: put the old complete copy back.
      if (old?.[1] !== undefined && !(await exists(join(dir, old[1])))) await rename(join(dir, entry), join(dir, old[1]));
      else await rm(join(dir, entry), { recursive: true, force: true });
    }
    return new CheckpointStore(dir, options.keep);
  }

  /** Folder name of the checkpoint at `step`. */
  static nameOf(step: number): string {
    return `ckpt-${String(step).padStart(8, '0')}`;
  }

  /** Complete checkpoints, oldest first. */
  async list(): Promise<string[]> {
    const entries = await readdir(this.dir);
    return entries.filter((e) => NAME.test(e)).sort();
  }

  /** Writes a checkpoint atomically, points `latest` (and `best` if `isBest`) at it, prunes old ones. */
  async save(step: number, files: Readonly<Record<string, Uint8Array | string>>, isBest = false): Promise<string> {
    const name = CheckpointStore.nameOf(step);
    const tmp = join(this.dir, name + TMP_SUFFIX);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    for (const [file, data] of Object.entries(files)) await writeSynced(join(tmp, file), data);
    await syncDir(tmp);
    const final = join(this.dir, name);
    if (await exists(final)) {
      // Same step saved again (e.g. after resume): move the old copy aside first.
      const old = join(this.dir, `${name}.old${TMP_SUFFIX}`);
      await rename(final, old);
      await rename(tmp, final);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, final);
    }
    await syncDir(this.dir);
    await this.writePointer('latest', name);
    if (isBest) await this.writePointer('best', name);
    await this.prune();
    return name;
  }

  /** Name `latest` (or `best`) points at, or null before the first save. Errors name the pointer file. */
  async pointer(which: 'latest' | 'best'): Promise<string | null> {
    const file = join(this.dir, which);
    let text: string;
    try {
      text = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new RecurrentError('IO', `${file}: cannot read checkpoint pointer`, { cause: error });
    }
    if (!NAME.test(text)) {
      throw new RecurrentError('IO', `${file}: expected a checkpoint name like ckpt-00000120, found ${JSON.stringify(text)}`);
    }
    if (!(await exists(join(this.dir, text)))) {
      throw new RecurrentError('IO', `${file}: names ${text}, which does not exist in ${this.dir}`);
    }
    return text;
  }

  /** Name of the newest complete checkpoint, or null. */
  latest(): Promise<string | null> {
    return this.pointer('latest');
  }

  /** Path of `file` inside checkpoint `name`. */
  path(name: string, file: string): string {
    return join(this.dir, name, file);
  }

  /** Reads one file of a checkpoint; a missing file is an IO error naming it. */
  async read(name: string, file: string): Promise<Buffer> {
    const path = this.path(name, file);
    try {
      return await readFile(path);
    } catch (error) {
      throw new RecurrentError('IO', `${path}: cannot read checkpoint file`, { cause: error });
    }
  }

  private async writePointer(which: 'latest' | 'best', name: string): Promise<void> {
    const tmp = join(this.dir, `${which}${TMP_SUFFIX}`);
    await writeSynced(tmp, `${name}\n`);
    await rename(tmp, join(this.dir, which));
    await syncDir(this.dir);
  }

  private async prune(): Promise<void> {
    const names = await this.list();
    const best = await this.pointer('best').catch(() => null);
    const latest = await this.latest();
    const doomed = names.slice(0, Math.max(0, names.length - this.keep));
    for (const name of doomed) {
      if (name !== best && name !== latest) await rm(join(this.dir, name), { recursive: true, force: true });
    }
  }
}

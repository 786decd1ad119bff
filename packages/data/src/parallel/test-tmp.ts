import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A scratch folder for one test file; call `cleanup` in afterAll. (Test helper, not built.) */
export interface TmpDir {
  readonly dir: string;
  /** Writes `content` (gzipped when `name` ends in .gz) and returns the full path. */
  write(name: string, content: string | Uint8Array): Promise<string>;
  path(name: string): string;
  cleanup(): Promise<void>;
}

/** Creates a fresh temporary folder under the OS temp dir. */
export async function makeTmpDir(prefix = 'recurrent-data-'): Promise<TmpDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    async write(name, content) {
      const file = join(dir, name);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      await writeFile(file, name.endsWith('.gz') ? gzipSync(bytes) : bytes);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** Paths of a run folder `runs/<name>/`. */
export interface RunPaths {
  readonly root: string;
  readonly config: string;
  readonly metrics: string;
  readonly checkpoints: string;
  readonly report: string;
  readonly bundle: string;
}

/**
 * The layout of a run folder: `config.json`, `metrics.jsonl`, `checkpoints/`, `report.html`, `bundle/`.
 *
 * @example
 * ```ts
 * runPaths('runs/pos').metrics; // 'runs/pos/metrics.jsonl'
 * ```
 */
export function runPaths(root: string): RunPaths {
  return {
    root,
    config: join(root, 'config.json'),
    metrics: join(root, 'metrics.jsonl'),
    checkpoints: join(root, 'checkpoints'),
    report: join(root, 'report.html'),
    bundle: join(root, 'bundle'),
  };
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
  await mkdir(join(path, '..'), { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

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

import { appendFile, open, readFile, rename } from 'node:fs/promises';
import { DataFormatError } from '@recurrent/core';

/** A confusion matrix: `matrix[gold][predicted]` counts over `labels`. */
export interface ConfusionMatrixData {
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** One logged training step (mean over the steps since the previous record). */
export interface StepRecord {
  readonly kind: 'step';
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  readonly lr: number;
  readonly tokensPerSecond?: number;
}

/** One finished epoch with its dev metrics. */
export interface EpochRecord {
  readonly kind: 'epoch';
  readonly step: number;
  readonly epoch: number;
  readonly trainLoss: number;
  readonly lr: number;
  readonly dev: Readonly<Record<string, number>>;
  /** True when this epoch gave the best monitored metric so far. */
  readonly best: boolean;
  /** True when the epoch was cut short by the time limit (`maxMinutes`). */
  readonly partial?: boolean;
  readonly confusion?: ConfusionMatrixData;
}

export type MetricsRecord = StepRecord | EpochRecord;

/**
 * Reads `metrics.jsonl`; a bad line throws a `DataFormatError` at `file:line:col`.
 * A missing file reads as no records.
 *
 * @example
 * ```ts
 * const records = await readMetricsLog('runs/pos/metrics.jsonl');
 * ```
 */
export async function readMetricsLog(file: string): Promise<MetricsRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const records: MetricsRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const position = /position (\d+)/.exec(String(error))?.[1];
      throw new DataFormatError(
        { file, line: i + 1, column: position === undefined ? 1 : Number(position) + 1 },
        `expected one JSON object per line, found ${JSON.stringify(line.slice(0, 40))}`,
      );
    }
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (kind !== 'step' && kind !== 'epoch') {
      throw new DataFormatError({ file, line: i + 1, column: 1 }, `expected "kind": "step" or "epoch", found ${JSON.stringify(kind)}`);
    }
    records.push(value as MetricsRecord);
  });
  return records;
}

/**
 * Keeps only the records up to `step` (used on resume: records written after the checkpoint by the
 * killed run are replayed by the resumed one). Rewrites atomically (temp file, fsync, rename).
 *
 * @example
 * ```ts
 * await truncateMetricsLog('runs/pos/metrics.jsonl', 120);
 * ```
 */
export async function truncateMetricsLog(file: string, step: number): Promise<void> {
  const kept = (await readMetricsLog(file)).filter((r) => r.step <= step);
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/**
 * Appends one record as a JSON line.
 *
 * @example
 * ```ts
 * await appendMetricsRecord(file, { kind: 'step', step: 10, epoch: 0, loss: 0.7, lr: 0.001 });
 * ```
 */
export async function appendMetricsRecord(file: string, record: MetricsRecord): Promise<void> {
  await appendFile(file, `${JSON.stringify(record)}\n`);
}

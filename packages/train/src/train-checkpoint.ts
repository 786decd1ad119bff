import * as tf from '@tensorflow/tfjs';
import { DataFormatError, RecurrentError } from '@recurrent/core';
import type { CheckpointStore } from './checkpoint-store.js';
import type { EarlyStoppingState } from './early-stopping.js';
import type { LrScheduleState } from './lr-schedules.js';
import { readOptimizerState, restoreOptimizerState, type OptimizerExtras } from './optimizer-state.js';
import { packTensors, unpackTensors, type TensorSpec } from './tensor-pack.js';

/** Version of the checkpoint layout written in `meta.json`. */
export const CHECKPOINT_FORMAT = 1;

/** The loop's position and bookkeeping, everything but tensors. */
export interface TrainProgressState {
  readonly step: number;
  /** Epoch in progress (0-based) and batches of it already trained; the next batch is `batchInEpoch`. */
  readonly epoch: number;
  readonly batchInEpoch: number;
  readonly bestMetric: number | null;
  readonly bestStep: number | null;
  /** State of the loop's generator that draws the per-step seeds. */
  readonly rngState: number;
  readonly lrSchedule: LrScheduleState;
  readonly earlyStopping: EarlyStoppingState;
  /** Sum and count of step losses in the current epoch. */
  readonly epochLoss: { readonly sum: number; readonly count: number };
  /** Step losses and tokens since the last logged step. */
  readonly window: { readonly losses: readonly number[]; readonly tokens: number };
  /** True once training has ended (all epochs, or early stopping). */
  readonly finished: boolean;
}

/** `meta.json` of a checkpoint. */
export interface CheckpointMeta extends TrainProgressState {
  readonly format: number;
  readonly tfjsVersion: string;
  readonly backend: string;
  readonly savedAt: string;
  readonly weights: readonly TensorSpec[];
  readonly optimizer: { readonly weights: readonly TensorSpec[]; readonly extras: OptimizerExtras };
  /** App-supplied facts about the run, e.g. `{ gitSha, datasetSha256 }`. */
  readonly run: Readonly<Record<string, string>>;
}

/**
 * Writes weights (`weights.bin`), optimizer state (`optimizer.bin`) and `meta.json` as one atomic
 * checkpoint. Returns its name.
 *
 * @example
 * ```ts
 * await saveTrainCheckpoint(store, { variables, optimizer, state, isBest: true });
 * ```
 */
export async function saveTrainCheckpoint(
  store: CheckpointStore,
  args: {
    variables: readonly tf.Variable[];
    optimizer: tf.Optimizer;
    state: TrainProgressState;
    isBest: boolean;
    run?: Readonly<Record<string, string>>;
  },
): Promise<string> {
  const weights = await packTensors(args.variables.map((v) => ({ name: v.name, tensor: v })));
  const opt = await readOptimizerState(args.optimizer);
  let optimizer: Awaited<ReturnType<typeof packTensors>>;
  try {
    optimizer = await packTensors(opt.weights);
  } finally {
    opt.release();
  }
  const meta: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    ...args.state,
    tfjsVersion: tf.version.tfjs,
    backend: tf.getBackend(),
    savedAt: new Date().toISOString(),
    weights: weights.specs,
    optimizer: { weights: optimizer.specs, extras: opt.extras },
    run: args.run ?? {},
  };
  return store.save(
    args.state.step,
    { 'weights.bin': weights.bytes, 'optimizer.bin': optimizer.bytes, 'meta.json': `${JSON.stringify(meta, null, 1)}\n` },
    args.isBest,
  );
}

/**
 * Reads and checks `meta.json` of checkpoint `name`; a corrupt file throws a `DataFormatError`
 * naming it.
 *
 * @example
 * ```ts
 * const meta = await readCheckpointMeta(store, 'ckpt-00000120');
 * ```
 */
export async function readCheckpointMeta(store: CheckpointStore, name: string): Promise<CheckpointMeta> {
  const file = store.path(name, 'meta.json');
  const text = (await store.read(name, 'meta.json')).toString('utf8');
  let meta: Partial<CheckpointMeta>;
  try {
    meta = JSON.parse(text) as Partial<CheckpointMeta>;
  } catch (error) {
    const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    const before = text.slice(0, position).split('\n');
    throw new DataFormatError(
      { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
      `expected checkpoint metadata as JSON (${String(error)})`,
      { cause: error },
    );
  }
  for (const key of ['step', 'epoch', 'batchInEpoch', 'rngState', 'weights', 'optimizer'] as const) {
    if (meta[key] === undefined) throw new DataFormatError({ file, line: 1 }, `expected key "${key}" in checkpoint metadata`);
  }
  if (meta.format !== CHECKPOINT_FORMAT) {
    throw new DataFormatError({ file, line: 1 }, `expected checkpoint format ${CHECKPOINT_FORMAT}, found ${String(meta.format)}`);
  }
  return meta as CheckpointMeta;
}

/**
 * Loads checkpoint `name` into `variables` (same order and shapes as when saved) and into a fresh
 * `optimizer`; returns its metadata.
 *
 * @example
 * ```ts
 * const meta = await loadTrainCheckpoint(store, 'ckpt-00000120', { variables, optimizer });
 * ```
 */
export async function loadTrainCheckpoint(
  store: CheckpointStore,
  name: string,
  args: { variables: readonly tf.Variable[]; optimizer?: tf.Optimizer },
): Promise<CheckpointMeta> {
  const meta = await readCheckpointMeta(store, name);
  await loadWeightsInto(store, name, meta, args.variables);
  if (args.optimizer !== undefined) {
    const file = store.path(name, 'optimizer.bin');
    const tensors = unpackTensors(meta.optimizer.weights, await store.read(name, 'optimizer.bin'), file);
    await restoreOptimizerState(args.optimizer, tensors, meta.optimizer.extras);
  }
  return meta;
}

async function loadWeightsInto(
  store: CheckpointStore,
  name: string,
  meta: CheckpointMeta,
  variables: readonly tf.Variable[],
): Promise<void> {
  const file = store.path(name, 'weights.bin');
  if (meta.weights.length !== variables.length) {
    throw new RecurrentError(
      'SHAPE',
      `${file}: checkpoint has ${meta.weights.length} weights, the model has ${variables.length}`,
    );
  }
  const tensors = unpackTensors(meta.weights, await store.read(name, 'weights.bin'), file);
  try {
    variables.forEach((variable, i) => {
      const saved = tensors[i]?.tensor as tf.Tensor;
      if (!tf.util.arraysEqual(saved.shape, variable.shape)) {
        throw new RecurrentError(
          'SHAPE',
          `${file}: weight ${i} (${meta.weights[i]?.name}) has shape [${saved.shape.join(', ')}], ` +
            `the model's ${variable.name} has [${variable.shape.join(', ')}]`,
        );
      }
      variable.assign(saved);
    });
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
}

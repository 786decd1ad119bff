import type * as tf from '@tensorflow/tfjs';
import { RecurrentError, type Logger } from '@recurrent/core';
import type { TrainBatches } from './data-order.js';
import type { ConfusionMatrixData } from './metrics-log.js';
import type { ReportFigure } from './report/report-page.js';
import type { TrainConfig } from './train-config.js';

/** Handed to the loss function with every batch. */
export interface StepContext {
  /** 0-based global step and epoch. */
  readonly step: number;
  readonly epoch: number;
  /**
   * A uint32 drawn from the loop's seeded generator (saved in checkpoints). Pass it (or values
   * derived from it) as the `seed` of dropout and other random ops so training is reproducible and
   * a resumed run draws the same masks.
   */
  readonly seed: number;
}

/** What `evaluate` returns at the end of each epoch. */
export interface EvaluationResult {
  /** Dev metrics by name; `config.metric` must be one of them. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Drawn as a heatmap in report.html (from the best epoch). */
  readonly confusion?: ConfusionMatrixData;
}

/** Handed to `onBest` when the monitored metric improves. */
export interface BestContext {
  readonly epoch: number;
  readonly step: number;
  readonly metric: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** Where the app should export the best model (`<runDir>/bundle`). */
  readonly bundleDir: string;
}

/** Everything `train` needs. Give either `model` or `variables`. */
export interface TrainOptions<B> {
  /** A layers model: all its weights are checkpointed, its trainable weights trained. */
  readonly model?: { readonly weights: readonly { read(): tf.Tensor }[]; readonly trainableWeights: readonly { read(): tf.Tensor }[] };
  /** Or plain variables (the trainable ones are trained, all are checkpointed), in a fixed order. */
  readonly variables?: readonly tf.Variable[];
  /** Loss of one batch: synchronous tensor code (it runs inside `tf.variableGrads`). */
  readonly lossFn: (batch: B, context: StepContext) => tf.Scalar;
  readonly batches: TrainBatches<B>;
  /** Tokens in a batch, for tokens/s. */
  readonly countTokens?: (batch: B) => number;
  /** Dev evaluation at each epoch end. */
  readonly evaluate?: (context: { epoch: number; step: number }) => Promise<EvaluationResult>;
  readonly config: TrainConfig;
  /** The run folder `runs/<name>/`. */
  readonly runDir: string;
  readonly logger?: Logger;
  /** Aborting saves a checkpoint after the current step and returns `status: 'interrupted'`. */
  readonly signal?: AbortSignal;
  /** Continue from the latest checkpoint in `runDir` (without it, existing checkpoints are an error). */
  readonly resume?: boolean;
  /** Called on a new best dev metric, before its checkpoint is written: export the bundle here. */
  readonly onBest?: (context: BestContext) => Promise<void> | void;
  /** App figures (e.g. attention heatmaps) added to report.html. */
  readonly extraFigures?: () => readonly ReportFigure[] | Promise<readonly ReportFigure[]>;
  /** Facts the app knows about the run (e.g. `{ gitSha, datasetSha256 }`), stored in each meta.json. */
  readonly runInfo?: Readonly<Record<string, string>>;
  /** Stream the progress bar draws on (default process.stderr). */
  readonly progressStream?: NodeJS.WriteStream;
}

/** How a run ended. */
export interface TrainResult {
  /** `time-limit`: `config.maxMinutes` ran out (the cut epoch was still evaluated). */
  readonly status: 'completed' | 'early-stopped' | 'time-limit' | 'interrupted';
  readonly step: number;
  readonly epoch: number;
  readonly bestMetric: number | null;
  readonly bestStep: number | null;
  /** Path of the last checkpoint written or loaded. */
  readonly checkpoint: string | null;
  /** One human sentence; for `interrupted` it says how to resume. */
  readonly message: string;
}

/**
 * The variables to checkpoint and the ones to train, from `model` or `variables`.
 *
 * @example
 * ```ts
 * const { all, trainable } = resolveTrainVariables({ variables: [w, b] });
 * ```
 */
export function resolveTrainVariables(options: Pick<TrainOptions<unknown>, 'model' | 'variables'>): {
  all: tf.Variable[];
  trainable: tf.Variable[];
} {
  if (options.model !== undefined) {
    return {
      all: options.model.weights.map((w) => w.read() as tf.Variable),
      trainable: options.model.trainableWeights.map((w) => w.read() as tf.Variable),
    };
  }
  if (options.variables !== undefined && options.variables.length > 0) {
    return { all: [...options.variables], trainable: options.variables.filter((v) => v.trainable) };
  }
  throw new RecurrentError('USAGE', 'train() needs a model or a non-empty variables list, got neither');
}

import { ConfigError } from '@recurrent/core';

/** Optimizers `createOptimizer` knows, by name. */
export const OPTIMIZER_NAMES = ['adam', 'adamw', 'sgd', 'momentum'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Learning-rate schedules; `lrWarmupSteps` adds a linear warm-up in front of any of them. */
export const LR_SCHEDULE_NAMES = ['constant', 'step', 'plateau'] as const;
export type LrScheduleName = (typeof LR_SCHEDULE_NAMES)[number];

/** How progress is shown: `auto` = bar on a TTY, plain lines otherwise. */
export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'quiet'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Whether a larger (`max`) or smaller (`min`) monitored metric is better. */
export const METRIC_MODES = ['min', 'max'] as const;
export type MetricMode = (typeof METRIC_MODES)[number];

/** Everything the training loop needs to know, apart from the model and the data. */
export interface TrainConfig {
  /** Seed of the data order and of the per-step seeds handed to the loss function. */
  readonly seed: number;
  /** Number of passes over the training batches. */
  readonly epochs: number;
  readonly optimizer: OptimizerName;
  /** Base learning rate (before schedule and warm-up). */
  readonly learningRate: number;
  /** Momentum of the `momentum` optimizer. */
  readonly momentum: number;
  /** Adam / AdamW moment decay rates and epsilon. */
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay (AdamW); only allowed with `adamw`. */
  readonly weightDecay: number;
  /** Clip gradients to this global L2 norm; 0 = off. */
  readonly clipNorm: number;
  /** Clip each gradient element to [-clipValue, clipValue]; 0 = off. */
  readonly clipValue: number;
  /**
   * Keep an exponential moving average of the trainable weights with this decay (e.g. 0.999) and
   * evaluate, export and restore the averages instead of the last weights; 0 = off.
   */
  readonly emaDecay: number;
  readonly lrSchedule: LrScheduleName;
  /** Linear warm-up from ~0 to the base rate over this many steps; 0 = off. */
  readonly lrWarmupSteps: number;
  /** `step` schedule: multiply the rate by `lrDecayFactor` every this many epochs. */
  readonly lrStepEpochs: number;
  /** Factor of `step` decay and of `plateau` reductions, in (0, 1). */
  readonly lrDecayFactor: number;
  /** `plateau`: reduce the rate after this many epochs without improvement (Keras semantics). */
  readonly lrPlateauPatience: number;
  /** Lower bound for the `plateau` schedule. */
  readonly lrMin: number;
  /** Dev metric that drives best-checkpoint selection, early stopping and `plateau`. */
  readonly metric: string;
  readonly metricMode: MetricMode;
  /** Stop after this many epochs without improvement; 0 = never stop early. */
  readonly earlyStoppingPatience: number;
  /** Smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Log (metrics.jsonl, progress) every this many steps. */
  readonly logEvery: number;
  /** Write a checkpoint every this many steps (also at each epoch end); 0 = epoch ends only. */
  readonly checkpointEvery: number;
  /** Keep this many most recent checkpoints (the best one is always kept). */
  readonly keepCheckpoints: number;
  /** Shuffle the batch order each epoch (a pure function of seed and epoch). */
  readonly shuffle: boolean;
  /** Load the best checkpoint's weights into the model when training ends. */
  readonly restoreBest: boolean;
  readonly progress: ProgressMode;
  /**
   * Time budget of one `train` call in minutes; 0 = none. When it runs out mid-epoch, the epoch is
   * cut short: the dev metric is evaluated on the weights so far (best checkpoint, `onBest`), and the
   * run ends with status `time-limit` (a resumed run starts the next epoch).
   */
  readonly maxMinutes: number;
}

/**
 * Defaults of every `TrainConfig` key.
 *
 * @example
 * ```ts
 * const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 3 };
 * ```
 */
export const DEFAULT_TRAIN_CONFIG = {
  seed: 1234,
  epochs: 10,
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  weightDecay: 0,
  clipNorm: 0,
  clipValue: 0,
  emaDecay: 0,
  lrSchedule: 'constant',
  lrWarmupSteps: 0,
  lrStepEpochs: 1,
  lrDecayFactor: 0.5,
  lrPlateauPatience: 1,
  lrMin: 0,
  metric: 'loss',
  metricMode: 'min',
  earlyStoppingPatience: 0,
  minDelta: 0,
  logEvery: 10,
  checkpointEvery: 0,
  keepCheckpoints: 3,
  shuffle: true,
  restoreBest: false,
  progress: 'auto',
  maxMinutes: 0,
} as const satisfies TrainConfig;

type Check = (value: unknown) => string | undefined;

const num = (min: number, max: number, minOpen = false, maxOpen = false): Check => (value) => {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minOpen ? value > min : value >= min) &&
    (maxOpen ? value < max : value <= max);
  return ok ? undefined : `must be a number in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
};
const int = (min: number): Check => (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min ? undefined : `must be an integer >= ${min}`;
const oneOf = (allowed: readonly string[]): Check => (value) =>
  typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of: ${allowed.join(', ')}`;
const bool: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const name: Check = (value) => (typeof value === 'string' && value.length > 0 ? undefined : 'must be a non-empty string');

const CHECKS: Readonly<Record<keyof TrainConfig, Check>> = {
  seed: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff
      ? undefined
      : 'must be an integer in [0, 4294967295]',
  epochs: int(1),
  optimizer: oneOf(OPTIMIZER_NAMES),
  learningRate: num(0, Infinity, true),
  momentum: num(0, 1, false, true),
  beta1: num(0, 1, false, true),
  beta2: num(0, 1, false, true),
  epsilon: num(0, 1, true),
  weightDecay: num(0, 1),
  clipNorm: num(0, Infinity),
  clipValue: num(0, Infinity),
  emaDecay: num(0, 1, false, true),
  lrSchedule: oneOf(LR_SCHEDULE_NAMES),
  lrWarmupSteps: int(0),
  lrStepEpochs: int(1),
  lrDecayFactor: num(0, 1, true, true),
  lrPlateauPatience: int(0),
  lrMin: num(0, Infinity),
  metric: name,
  metricMode: oneOf(METRIC_MODES),
  earlyStoppingPatience: int(0),
  minDelta: num(0, Infinity),
  logEvery: int(1),
  checkpointEvery: int(0),
  keepCheckpoints: int(1),
  shuffle: bool,
  restoreBest: bool,
  progress: oneOf(PROGRESS_MODES),
  maxMinutes: num(0, Infinity),
};

/**
 * Checks every key of `input` (a partial config, e.g. parsed JSON plus CLI flags) and fills in defaults.
 * Throws a `ConfigError` naming the key path for an unknown key or a bad value.
 *
 * @example
 * ```ts
 * const config = resolveTrainConfig({ epochs: 2, optimizer: 'sgd' });
 * resolveTrainConfig({ epochs: 0 }); // ConfigError: "epochs must be an integer >= 1, got 0"
 * ```
 */
export function resolveTrainConfig(input: unknown, path = ''): TrainConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(path, `must be an object with training settings, got ${JSON.stringify(input)}`);
  }
  const prefix = path === '' ? '' : `${path}.`;
  const out: Record<string, unknown> = { ...DEFAULT_TRAIN_CONFIG };
  for (const [key, value] of Object.entries(input)) {
    const check = (CHECKS as Record<string, Check | undefined>)[key];
    if (check === undefined) {
      throw new ConfigError(`${prefix}${key}`, `is not a training setting; allowed: ${Object.keys(CHECKS).join(', ')}`);
    }
    if (value === undefined) continue;
    const problem = check(value);
    if (problem !== undefined) throw new ConfigError(`${prefix}${key}`, `${problem}, got ${JSON.stringify(value)}`);
    out[key] = value;
  }
  const config = out as unknown as TrainConfig;
  if (config.weightDecay > 0 && config.optimizer !== 'adamw') {
    throw new ConfigError(
      `${prefix}weightDecay`,
      `is only used by the adamw optimizer, got ${config.weightDecay} with optimizer ${config.optimizer}`,
    );
  }
  return Object.freeze(config);
}

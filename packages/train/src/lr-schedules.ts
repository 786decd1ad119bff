import { isImprovement } from './early-stopping.js';
import type { TrainConfig } from './train-config.js';

/** Settings an `LrSchedule` reads (a subset of `TrainConfig`). */
export type LrScheduleOptions = Pick<
  TrainConfig,
  | 'learningRate'
  | 'lrSchedule'
  | 'lrWarmupSteps'
  | 'lrStepEpochs'
  | 'lrDecayFactor'
  | 'lrPlateauPatience'
  | 'lrMin'
  | 'metricMode'
  | 'minDelta'
>;

/** What an `LrSchedule` saves in a checkpoint (only `plateau` has state). */
export interface LrScheduleState {
  readonly scale: number;
  readonly best: number | null;
  readonly badEpochs: number;
}

/**
 * Learning rate as a function of the step, the epoch and (for `plateau`) the dev metric history:
 * - `constant`: `lr`;
 * - `step`: `lr · factor^floor(epoch / lrStepEpochs)`;
 * - `plateau`: `lr` multiplied by `factor` after `lrPlateauPatience` epochs without improvement,
 *   never below `lrMin` (Keras `ReduceLROnPlateau`);
 * - any of them times a linear warm-up `min(1, (step + 1) / lrWarmupSteps)` when `lrWarmupSteps > 0`.
 *
 * @example
 * ```ts
 * const schedule = new LrSchedule({ ...DEFAULT_TRAIN_CONFIG, lrSchedule: 'step', lrDecayFactor: 0.1 });
 * schedule.rate(0, 2); // 0.001 · 0.1² = 1e-5
 * ```
 */
export class LrSchedule {
  private state: LrScheduleState = { scale: 1, best: null, badEpochs: 0 };

  constructor(readonly options: LrScheduleOptions) {}

  /** Learning rate for 0-based global `step` in 0-based `epoch`. */
  rate(step: number, epoch: number): number {
    const o = this.options;
    const warmup = o.lrWarmupSteps > 0 ? Math.min(1, (step + 1) / o.lrWarmupSteps) : 1;
    switch (o.lrSchedule) {
      case 'constant':
        return o.learningRate * warmup;
      case 'step':
        return o.learningRate * o.lrDecayFactor ** Math.floor(epoch / o.lrStepEpochs) * warmup;
      case 'plateau':
        return Math.max(o.lrMin, o.learningRate * this.state.scale) * warmup;
    }
  }

  /** Feeds the dev metric at an epoch end (only `plateau` uses it). Returns true when the rate was reduced. */
  onEpochEnd(metric: number): boolean {
    const o = this.options;
    if (o.lrSchedule !== 'plateau') return false;
    if (isImprovement(metric, this.state.best, o.metricMode, o.minDelta)) {
      this.state = { ...this.state, best: metric, badEpochs: 0 };
      return false;
    }
    const badEpochs = this.state.badEpochs + 1;
    if (badEpochs >= o.lrPlateauPatience) {
      this.state = { ...this.state, scale: this.state.scale * o.lrDecayFactor, badEpochs: 0 };
      return true;
    }
    this.state = { ...this.state, badEpochs };
    return false;
  }

  save(): LrScheduleState {
    return { ...this.state };
  }

  restore(state: LrScheduleState): void {
    this.state = { ...state };
  }
}

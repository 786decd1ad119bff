import type { MetricMode } from './train-config.js';

/**
 * True when `value` beats `best` by more than `minDelta` in the direction of `mode`
 * (any finite value beats `null`).
 *
 * @example
 * ```ts
 * isImprovement(0.91, 0.9, 'max', 0); // true
 * ```
 */
export function isImprovement(value: number, best: number | null, mode: MetricMode, minDelta: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === null) return true;
  return mode === 'max' ? value > best + minDelta : value < best - minDelta;
}

/** What `EarlyStopping` saves in a checkpoint. */
export interface EarlyStoppingState {
  readonly best: number | null;
  readonly bestEpoch: number;
  readonly badEpochs: number;
}

/** Options of `EarlyStopping`. */
export interface EarlyStoppingOptions {
  readonly mode: MetricMode;
  /** Epochs without improvement before `shouldStop`; 0 = never. */
  readonly patience: number;
  readonly minDelta: number;
}

/**
 * Tracks the best value of the monitored dev metric and counts epochs without improvement
 * (OpenNMT `earlystopping.py`). Its state goes into every checkpoint so a resumed run stops at the
 * same epoch as an uninterrupted one.
 *
 * @example
 * ```ts
 * const stopper = new EarlyStopping({ mode: 'max', patience: 2, minDelta: 0 });
 * stopper.update(0.8, 0); // { improved: true, shouldStop: false }
 * ```
 */
export class EarlyStopping {
  private state: EarlyStoppingState = { best: null, bestEpoch: -1, badEpochs: 0 };

  constructor(readonly options: EarlyStoppingOptions) {}

  /** Best value so far, or null before the first evaluation. */
  get best(): number | null {
    return this.state.best;
  }

  /** Records the metric of `epoch`. */
  update(value: number, epoch: number): { improved: boolean; shouldStop: boolean } {
    const { mode, minDelta, patience } = this.options;
    const improved = isImprovement(value, this.state.best, mode, minDelta);
    this.state = improved
      ? { best: value, bestEpoch: epoch, badEpochs: 0 }
      : { ...this.state, badEpochs: this.state.badEpochs + 1 };
    return { improved, shouldStop: patience > 0 && this.state.badEpochs >= patience };
  }

  /** A copy of the state for a checkpoint. */
  save(): EarlyStoppingState {
    return { ...this.state };
  }

  /** Restores a saved state. */
  restore(state: EarlyStoppingState): void {
    this.state = { ...state };
  }
}

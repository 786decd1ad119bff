import { describe, expect, it } from 'vitest';
import { EarlyStopping, isImprovement } from './early-stopping.js';
import { LrSchedule } from './lr-schedules.js';
import { DEFAULT_TRAIN_CONFIG } from './train-config.js';

describe('LrSchedule', () => {
  it('is constant by default', () => {
    const s = new LrSchedule({ ...DEFAULT_TRAIN_CONFIG, learningRate: 0.1 });
    expect([s.rate(0, 0), s.rate(500, 7)]).toEqual([0.1, 0.1]);
  });

  it('multiplies by the factor every lrStepEpochs epochs for step decay', () => {
    const s = new LrSchedule({ ...DEFAULT_TRAIN_CONFIG, learningRate: 1, lrSchedule: 'step', lrStepEpochs: 2, lrDecayFactor: 0.1 });
    expect([0, 1, 2, 3, 4].map((e) => s.rate(0, e))).toEqual([1, 1, 0.1, 0.1, 1 * 0.1 ** 2]);
  });

  it('warms up linearly over lrWarmupSteps steps', () => {
    const s = new LrSchedule({ ...DEFAULT_TRAIN_CONFIG, learningRate: 0.4, lrWarmupSteps: 4 });
    expect([0, 1, 2, 3, 10].map((t) => s.rate(t, 0))).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.4]);
  });

  it('reduces on plateau after patience epochs without improvement, never below lrMin, and restores its state', () => {
    const options = { ...DEFAULT_TRAIN_CONFIG, learningRate: 1, lrSchedule: 'plateau', lrPlateauPatience: 2, lrDecayFactor: 0.5, lrMin: 0.3, metricMode: 'max' } as const;
    const s = new LrSchedule(options);
    const reduced = [0.5, 0.6, 0.6, 0.55, 0.6, 0.6, 0.6, 0.6].map((m) => s.onEpochEnd(m));
    expect(reduced).toEqual([false, false, false, true, false, true, false, true]);
    expect(s.rate(0, 0)).toBe(0.3); // 1 · 0.5³ = 0.125, clamped to lrMin
    const copy = new LrSchedule(options);
    copy.restore(s.save());
    expect(copy.save()).toEqual({ scale: 0.125, best: 0.6, badEpochs: 0 });
  });
});

describe('EarlyStopping', () => {
  it('stops after patience epochs without improvement larger than minDelta', () => {
    const stopper = new EarlyStopping({ mode: 'min', patience: 2, minDelta: 0.01 });
    const steps = [1.0, 0.8, 0.795, 0.78, 0.7, 0.71, 0.7].map((v, e) => stopper.update(v, e));
    expect(steps.map((s) => s.improved)).toEqual([true, true, false, true, true, false, false]);
    expect(steps.map((s) => s.shouldStop)).toEqual([false, false, false, false, false, false, true]);
    expect(stopper.save()).toEqual({ best: 0.7, bestEpoch: 4, badEpochs: 2 });
  });

  it('never stops when patience is 0', () => {
    const stopper = new EarlyStopping({ mode: 'max', patience: 0, minDelta: 0 });
    expect([0.5, 0.4, 0.3, 0.2].map((v, e) => stopper.update(v, e).shouldStop)).toEqual([false, false, false, false]);
  });

  it('isImprovement treats NaN as no improvement', () => {
    expect(isImprovement(NaN, null, 'max', 0)).toBe(false);
    expect(isImprovement(0.2, null, 'max', 0)).toBe(true);
  });
});

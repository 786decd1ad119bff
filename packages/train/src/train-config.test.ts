import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig } from './train-config.js';

describe('resolveTrainConfig', () => {
  it('fills every key from the defaults when given an empty object', () => {
    expect(resolveTrainConfig({})).toEqual(DEFAULT_TRAIN_CONFIG);
  });

  it('keeps given values and returns a frozen object', () => {
    const config = resolveTrainConfig({ epochs: 2, optimizer: 'momentum', clipNorm: 5 });
    expect([config.epochs, config.optimizer, config.clipNorm, config.learningRate]).toEqual([2, 'momentum', 5, 0.001]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the key path and the value when a value is bad', () => {
    expect(() => resolveTrainConfig({ epochs: 0 }, 'train')).toThrowError(/^train\.epochs must be an integer >= 1, got 0$/);
    expect(() => resolveTrainConfig({ learningRate: -1 })).toThrowError(/learningRate must be a number in \(0, Infinity\], got -1/);
    expect(() => resolveTrainConfig({ optimizer: 'rmsprop' })).toThrowError(/optimizer must be one of: adam, adamw, sgd, momentum, got "rmsprop"/);
  });

  it('rejects an unknown key with code CONFIG and lists the allowed keys', () => {
    try {
      resolveTrainConfig({ epoch: 3 });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIG');
      expect((error as { path: string }).path).toBe('epoch');
      expect((error as Error).message).toMatch(/epoch is not a training setting; allowed: seed, epochs,/);
    }
  });

  it('rejects weight decay with an optimizer that does not use it', () => {
    expect(() => resolveTrainConfig({ weightDecay: 0.01 })).toThrowError(/weightDecay is only used by the adamw optimizer/);
    expect(resolveTrainConfig({ weightDecay: 0.01, optimizer: 'adamw' }).weightDecay).toBe(0.01);
  });

  it('rejects input that is not an object', () => {
    expect(() => resolveTrainConfig([1])).toThrowError(/must be an object/);
  });
});

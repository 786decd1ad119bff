import { describe, expect, it } from 'vitest';
import { DEFAULT_SENTIMENT_CONFIG, resolveSentimentConfig } from './config.js';

describe('resolveSentimentConfig', () => {
  it('fills the defaults and keeps the given keys', () => {
    const config = resolveSentimentConfig({ encoder: 'gru', hidden: 64, bidirectional: false });
    expect(config).toEqual({ ...DEFAULT_SENTIMENT_CONFIG, encoder: 'gru', hidden: 64, bidirectional: false });
  });

  it.each([
    [{ layers: 3 }, 'layers must be 1 or 2, got 3'],
    [{ hidden: 0 }, 'hidden must be a positive integer, got 0'],
    [{ pooling: 'sum' }, 'pooling must be one of the allowed values, got "sum"; allowed: last, mean, max, mean-max'],
    [{ encoder: 'tcn' }, 'allowed: rnn, gru, lstm'],
    [{ dropout: 1 }, 'dropout must be a number in [0, 1), got 1'],
    [{ hiden: 3 }, 'hiden is not a sentiment option'],
  ])('throws a ConfigError naming the key for %j', (input, message) => {
    expect(() => resolveSentimentConfig(input)).toThrowError(message);
    try {
      resolveSentimentConfig(input);
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIG');
    }
  });
});

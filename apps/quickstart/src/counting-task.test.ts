import { describe, expect, it } from 'vitest';
import { PAD_ID, TOKEN_A, TOKEN_B, generateCountingTask } from './counting-task.js';

describe('generateCountingTask', () => {
  const data = generateCountingTask({ examples: 500, vocabSize: 8, minLength: 3, maxLength: 12, seed: 5 });

  it('labels each sequence by whether a outnumbers b, ignoring padding', () => {
    for (let e = 0; e < data.examples; e++) {
      const row = data.ids.subarray(e * data.maxLength, (e + 1) * data.maxLength);
      const a = row.filter((id) => id === TOKEN_A).length;
      const b = row.filter((id) => id === TOKEN_B).length;
      expect(a).not.toBe(b);
      expect(data.labels[e]).toBe(a > b ? 1 : 0);
      const length = row.findIndex((id) => id === PAD_ID);
      if (length >= 0) expect(row.subarray(length).every((id) => id === PAD_ID)).toBe(true);
    }
  });

  it('is reproducible from the seed and roughly balanced', () => {
    const again = generateCountingTask({ examples: 500, vocabSize: 8, minLength: 3, maxLength: 12, seed: 5 });
    expect(again.ids).toEqual(data.ids);
    const positives = data.labels.reduce((s, x) => s + x, 0);
    expect(positives).toBeGreaterThan(150);
    expect(positives).toBeLessThan(350);
  });
});

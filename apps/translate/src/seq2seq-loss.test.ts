import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskedCrossEntropy } from './seq2seq-loss.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('maskedCrossEntropy', () => {
  // One sentence, 3 positions, vocab 2; the last position is padding.
  const logits = (): tf.Tensor3D => tf.tensor3d([[[0, 0], [Math.log(3), 0], [100, -100]]]);
  const targets = (): tf.Tensor2D => tf.tensor2d([[0, 0, 1]], undefined, 'int32');
  const mask = (): tf.Tensor2D => tf.tensor2d([[1, 1, 0]]);

  it('averages −log p(y) over real tokens only: (log 2 + log 4/3) / 2', async () => {
    const loss = (await maskedCrossEntropy(logits(), targets(), mask(), 0).data())[0] as number;
    expect(loss).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 5);
  });

  it('with label smoothing ε adds ε × (uniform cross-entropy − gold cross-entropy)', async () => {
    const eps = 0.2;
    const gold = [Math.log(2), Math.log(4 / 3)];
    const uniform = [Math.log(2), (Math.log(4 / 3) + Math.log(4)) / 2];
    const want = gold.reduce((sum, g, i) => sum + (1 - eps) * g + eps * (uniform[i] as number), 0) / 2;
    const loss = (await maskedCrossEntropy(logits(), targets(), mask(), eps).data())[0] as number;
    expect(loss).toBeCloseTo(want, 5);
  });
});

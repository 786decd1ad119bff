import * as tf from '@tensorflow/tfjs';
import type { TaggerConfig } from './config.js';
import type { EncodedBatch } from './encode-batch.js';

/**
 * Window ids for the char CNN: for each character position `c` of each word, the ids at
 * `c - ⌊k/2⌋ … c + ⌈k/2⌉ - 1` (0 outside the word's padded width).
 *
 * @example
 * charWindows(Int32Array.from([5, 6, 0]), 3, 3); // [0,5,6, 5,6,0, 6,0,0]
 */
export function charWindows(chars: Int32Array, width: number, kernel: number): Int32Array {
  const words = chars.length / width;
  const out = new Int32Array(chars.length * kernel);
  const half = Math.floor(kernel / 2);
  for (let w = 0; w < words; w++) {
    for (let c = 0; c < width; c++) {
      for (let j = 0; j < kernel; j++) {
        const src = c - half + j;
        if (src >= 0 && src < width) out[(w * width + c) * kernel + j] = chars[w * width + src] as number;
      }
    }
  }
  return out;
}

/**
 * The model's input tensors for a batch, in `modelInputNames` order; the caller disposes them.
 * `words` replaces the batch's word ids (word dropout).
 *
 * @example
 * const xs = modelInputs(batch, config); const y = model.predict(xs); tf.dispose(xs);
 */
export function modelInputs(batch: EncodedBatch, config: Pick<TaggerConfig, 'charEncoder' | 'caseDim' | 'maxWordLength' | 'charKernel'>, words = batch.words): tf.Tensor[] {
  const { batch: b, time } = batch;
  const xs: tf.Tensor[] = [tf.tensor2d(words, [b, time], 'int32')];
  if (config.charEncoder === 'cnn') {
    const windows = charWindows(batch.chars, config.maxWordLength, config.charKernel);
    xs.push(tf.tensor3d(windows, [b, time, config.maxWordLength * config.charKernel], 'int32'));
  }
  if (config.charEncoder === 'lstm') xs.push(tf.tensor3d(batch.chars, [b, time, config.maxWordLength], 'int32'));
  if (config.caseDim > 0) xs.push(tf.tensor2d(batch.casing, [b, time], 'int32'));
  return xs;
}

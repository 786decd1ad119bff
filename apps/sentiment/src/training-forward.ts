import * as tf from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';

/**
 * Runs a chain model (each layer feeding the next, as `buildSentimentModel` builds it) on `ids`
 * layer by layer, handing `mask` (`[batch, time]`, 1 at real tokens) to every layer after the
 * embedding that supports masking, and returns the output.
 *
 * // Porting note: `model.apply` lets the Embedding create the mask inside the forward pass, and
 * // tfjs disposes such tensors when the forward pass of `tf.variableGrads` ends. The recurrent
 * // layers' hand-written backward passes (`tf.customGrad`) read the mask again, so the mask must
 * // outlive the forward pass: the caller creates it, `tf.keep`s it and disposes it after the step.
 *
 * @example
 * ```ts
 * const mask = tf.keep(tf.notEqual(ids, 0)); // disposed by the caller after the training step
 * const probs = applyChain(model, ids, mask, true); // [batch, numClasses]
 * ```
 */
export function applyChain(model: tf.LayersModel, ids: tf.Tensor2D, mask: tf.Tensor2D, training: boolean): tf.Tensor {
  let x: tf.Tensor = ids; // [batch, time]
  let current: tf.Tensor | null = mask;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    if (layer.inboundNodes.length !== 1) {
      throw new RecurrentError('USAGE', `applyChain needs a chain of layers, but ${layer.name} is used ${layer.inboundNodes.length} times`);
    }
    if (layer.getClassName() === 'Embedding') {
      x = layer.apply(x, { training }) as tf.Tensor; // [batch, time, embeddingDim]
      continue;
    }
    const input = x;
    x = layer.apply(input, { training, ...(current !== null && layer.supportsMasking ? { mask: current } : {}) }) as tf.Tensor;
    // Our recurrent layers and Dropout pass the mask on unchanged while the time axis remains.
    current = current !== null && layer.supportsMasking && x.rank === 3 ? current : null;
  }
  return x;
}

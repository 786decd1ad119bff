import * as tf from '@tensorflow/tfjs';
import { rcGRU, rcLSTM, rcSimpleRNN } from '@recurrent/layers';
import type { QuickstartConfig } from './quickstart-config.js';

/**
 * Embedding (padding id 0 masked) → one recurrent layer of ours → Dense softmax over 2 classes.
 *
 * @example
 * const model = buildCountingModel(DEFAULT_QUICKSTART_CONFIG);
 * model.predict(tf.tensor2d([[1, 1, 2, 0]], [1, 4], 'int32')); // [1, 2] class probabilities
 */
export function buildCountingModel(config: QuickstartConfig): tf.LayersModel {
  const recurrentArgs = { units: config.hidden, kernelInitializer: 'glorotUniform', seed: config.seed } as const;
  const recurrent =
    config.cell === 'gru' ? rcGRU(recurrentArgs) : config.cell === 'rnn' ? rcSimpleRNN(recurrentArgs) : rcLSTM(recurrentArgs);
  return tf.sequential({
    name: 'counting_classifier',
    layers: [
      tf.layers.embedding({
        inputDim: config.vocabSize,
        outputDim: config.embeddingDim,
        maskZero: true,
        inputShape: [null],
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: config.seed }),
      }),
      recurrent,
      tf.layers.dense({
        units: 2,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 1 }),
      }),
    ],
  });
}

import * as tf from '@tensorflow/tfjs';
import {
  rcBidirectional,
  rcGRU,
  rcLSTM,
  rcMaskedPooling,
  rcMinGRU,
  rcMinLSTM,
  rcSimpleRNN,
  type BidirectionalLayer,
} from '@recurrent/layers';
import type { SentimentConfig } from './config.js';

/** What the model needs besides the config. */
export interface SentimentModelShape {
  /** Vocabulary size (id 0 is padding, masked). */
  readonly vocabSize: number;
  readonly numClasses: number;
  /** Initial embedding matrix `[vocabSize, embeddingDim]` (pretrained vectors), row-major. */
  readonly embeddings?: Float32Array;
}

function recurrentLayer(config: SentimentConfig, returnSequences: boolean, seed: number): BidirectionalLayer {
  const args = { units: config.hidden, returnSequences, kernelInitializer: 'glorotUniform', seed } as const;
  if (config.encoder === 'mingru') return rcMinGRU(args);
  if (config.encoder === 'minlstm') return rcMinLSTM(args);
  if (config.encoder === 'gru') return rcGRU(args);
  if (config.encoder === 'rnn') return rcSimpleRNN(args);
  return rcLSTM(args);
}

/**
 * Embedding (id 0 masked) → dropout → 1–2 recurrent layers (Elman/GRU/LSTM/minGRU/minLSTM, uni- or
 * bidirectional) → sentence vector (last state, or masked mean/max/mean-max pooling) → dropout →
 * Dense softmax over the classes.
 *
 * @example
 * ```ts
 * const model = buildSentimentModel(DEFAULT_SENTIMENT_CONFIG, { vocabSize: 1000, numClasses: 2 });
 * model.predict(tf.tensor2d([[5, 9, 0]], [1, 3], 'int32')); // [1, 2] class probabilities
 * ```
 */
export function buildSentimentModel(config: SentimentConfig, shape: SentimentModelShape): tf.LayersModel {
  const input = tf.input({ shape: [null], dtype: 'int32', name: 'token_ids' }); // [batch, time]
  const embedding = tf.layers.embedding({
    inputDim: shape.vocabSize,
    outputDim: config.embeddingDim,
    maskZero: true,
    name: 'embedding',
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: config.seed }),
    ...(shape.embeddings === undefined
      ? {}
      : { weights: [tf.tensor2d(shape.embeddings, [shape.vocabSize, config.embeddingDim])] }),
  });
  let x = embedding.apply(input) as tf.SymbolicTensor; // [batch, time, embeddingDim]
  if (config.dropout > 0)
    x = tf.layers.dropout({ rate: config.dropout, name: 'embedding_dropout' }).apply(x) as tf.SymbolicTensor;
  for (let i = 0; i < config.layers; i++) {
    const last = i === config.layers - 1;
    const returnSequences = !last || config.pooling !== 'last';
    const layer = recurrentLayer(config, returnSequences, config.seed + 10 * (i + 1));
    const encoder = config.bidirectional
      ? rcBidirectional({ layer, mergeMode: 'concat', name: `encoder_${i + 1}` })
      : layer;
    x = encoder.apply(x) as tf.SymbolicTensor; // [batch, time, units] or [batch, units] (×2 when bidirectional)
  }
  if (config.pooling !== 'last')
    x = rcMaskedPooling({ mode: config.pooling, name: 'pooling' }).apply(x) as tf.SymbolicTensor; // [batch, units']
  if (config.dropout > 0)
    x = tf.layers.dropout({ rate: config.dropout, name: 'sentence_dropout' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({
      units: shape.numClasses,
      activation: 'softmax',
      name: 'classifier',
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 1 }),
    })
    .apply(x) as tf.SymbolicTensor; // [batch, numClasses]
  return tf.model({ inputs: input, outputs: output, name: 'sentiment_classifier' });
}

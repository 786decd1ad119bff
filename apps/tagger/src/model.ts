import * as tf from '@tensorflow/tfjs';
import { crfLayer, rcBidirectional, rcLSTM, rcTimeDistributed, type CrfConstraints, type RcCrf } from '@recurrent/layers';
import type { TaggerConfig } from './config.js';
import { CASING_CLASSES } from './casing.js';

/**
 * Sizes the model needs besides the config.
 *
 * @example
 * const sizes: TaggerSizes = { words: vocabs.words.size, chars: vocabs.chars.size, tags: vocabs.tags.size };
 */
export interface TaggerSizes {
  readonly words: number;
  readonly chars: number;
  readonly tags: number;
}

/**
 * A built tagger network and its CRF layer (null with `crf: false`).
 *
 * @example
 * const { model, crf }: TaggerNetwork = buildTaggerModel(config, sizes, null);
 */
export interface TaggerNetwork {
  readonly model: tf.LayersModel;
  readonly crf: RcCrf | null;
}

/**
 * Names of the model inputs, in order, for a config.
 *
 * @example
 * modelInputNames({ charEncoder: 'cnn', caseDim: 0 }); // ['words', 'chars']
 * modelInputNames({ charEncoder: 'none', caseDim: 8 }); // ['words', 'casing']
 */
export function modelInputNames(config: Pick<TaggerConfig, 'charEncoder' | 'caseDim'>): string[] {
  return ['words', ...(config.charEncoder === 'none' ? [] : ['chars']), ...(config.caseDim > 0 ? ['casing'] : [])];
}

/**
 * Char CNN from stock layers: the input holds, for every character position, the ids of the
 * `charKernel` characters of its window (see `charWindows`), so embedding → reshape → dense is a
 * convolution with 'same' padding; a max over the word gives one vector per word.
 * // Porting note: tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so conv1d cannot be
 * // trained there; this formulation needs only gather, matMul and maxPool.
 */
function charFeatures(input: tf.SymbolicTensor, config: TaggerConfig, numChars: number): tf.SymbolicTensor {
  const width = config.maxWordLength;
  const seed = config.seed;
  // chars: [batch, time, width * charKernel] → [batch, time, width * charKernel, charDim]
  const embedded = tf.layers
    .embedding({ inputDim: numChars, outputDim: config.charDim, name: 'char_embedding', embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 2 }) })
    .apply(input) as tf.SymbolicTensor;
  // [batch, time, width, charKernel * charDim]
  const windows = tf.layers.reshape({ targetShape: [-1, width, config.charKernel * config.charDim], name: 'char_windows' }).apply(embedded) as tf.SymbolicTensor;
  // [batch, time, width, charFilters]
  const conv = tf.layers
    .dense({ units: config.charFilters, activation: 'tanh', name: 'char_conv', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) })
    .apply(windows) as tf.SymbolicTensor;
  // max over the word: [batch, time, 1, charFilters] → [batch, time, charFilters]
  const pooled = tf.layers.maxPooling2d({ poolSize: [1, width], strides: [1, width], name: 'char_max' }).apply(conv) as tf.SymbolicTensor;
  return tf.layers.reshape({ targetShape: [-1, config.charFilters], name: 'char_features' }).apply(pooled) as tf.SymbolicTensor;
}

/**
 * Char BiLSTM (Lample et al. 2016): every word's characters `[batch, time, width]` (0 = padding)
 * → embedding (mask 0) → BiLSTM over the word's own characters, both final states concatenated:
 * `[batch, time, 2 * charHidden]`, one recurrence call for all words of the batch.
 */
function charBiLstmFeatures(input: tf.SymbolicTensor, config: TaggerConfig, numChars: number): tf.SymbolicTensor {
  const seed = config.seed;
  // [batch, time, width, charDim], mask [batch, time, width]
  const embedded = tf.layers
    .embedding({ inputDim: numChars, outputDim: config.charDim, maskZero: true, name: 'char_embedding', embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 2 }) })
    .apply(input) as tf.SymbolicTensor;
  const charLstm = rcLSTM({ units: config.charHidden, kernelInitializer: 'glorotUniform', seed: seed + 4, name: 'char_lstm' });
  // [batch, time, 2 * charHidden]
  return rcTimeDistributed({ layer: rcBidirectional({ layer: charLstm, name: 'char_bilstm_inner' }), name: 'char_bilstm' }).apply(embedded) as tf.SymbolicTensor;
}

/**
 * Builds the BiLSTM tagger (functional API):
 * words → embedding (mask 0) ⊕ char CNN or char BiLSTM ⊕ casing embedding → dropout → BiLSTM ×layers → dropout →
 * dense emissions → RcCrf (identity at inference; NLL in training) or softmax.
 *
 * @example
 * const { model, crf } = buildTaggerModel(config, { words: 20000, chars: 100, tags: 17 });
 * model.predict([words, chars]); // [batch, time, 17] emissions
 */
export function buildTaggerModel(config: TaggerConfig, sizes: TaggerSizes, constraints: CrfConstraints | null): TaggerNetwork {
  const seed = config.seed;
  const inputs: tf.SymbolicTensor[] = [];
  const words = tf.input({ shape: [null], dtype: 'int32', name: 'words' });
  inputs.push(words);
  const features: tf.SymbolicTensor[] = [
    tf.layers
      .embedding({
        inputDim: sizes.words,
        outputDim: config.wordDim,
        maskZero: true,
        name: 'word_embedding',
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed }),
      })
      .apply(words) as tf.SymbolicTensor, // [batch, time, wordDim]
  ];
  if (config.charEncoder === 'cnn') {
    const chars = tf.input({ shape: [null, config.maxWordLength * config.charKernel], dtype: 'int32', name: 'chars' });
    inputs.push(chars);
    features.push(charFeatures(chars, config, sizes.chars)); // [batch, time, charFilters]
  }
  if (config.charEncoder === 'lstm') {
    const chars = tf.input({ shape: [null, config.maxWordLength], dtype: 'int32', name: 'chars' });
    inputs.push(chars);
    features.push(charBiLstmFeatures(chars, config, sizes.chars)); // [batch, time, 2 * charHidden]
  }
  if (config.caseDim > 0) {
    const casing = tf.input({ shape: [null], dtype: 'int32', name: 'casing' });
    inputs.push(casing);
    features.push(tf.layers.embedding({ inputDim: CASING_CLASSES.length, outputDim: config.caseDim, name: 'casing_embedding' }).apply(casing) as tf.SymbolicTensor);
  }
  let x = features.length === 1 ? (features[0] as tf.SymbolicTensor) : (tf.layers.concatenate({ name: 'features' }).apply(features) as tf.SymbolicTensor);
  // Identity at inference; training applies its own per-step dropout (see applyTaggerLayers).
  x = tf.layers.dropout({ rate: config.dropout, name: 'embedding_dropout' }).apply(x) as tf.SymbolicTensor;
  for (let layer = 0; layer < config.layers; layer++) {
    const lstm = rcLSTM({ units: config.hidden, returnSequences: true, kernelInitializer: 'glorotUniform', seed: seed + 10 + layer, name: `lstm_${layer}` });
    x = rcBidirectional({ layer: lstm, name: `bilstm_${layer}` }).apply(x) as tf.SymbolicTensor; // [batch, time, 2 * hidden]
    x = tf.layers.dropout({ rate: config.dropout, name: `bilstm_dropout_${layer}` }).apply(x) as tf.SymbolicTensor;
  }
  const emissions = tf.layers
    .dense({ units: sizes.tags, name: 'emissions', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 30 }) })
    .apply(x) as tf.SymbolicTensor; // [batch, time, numTags]
  if (config.crf) {
    const crf = crfLayer({ numTags: sizes.tags, constraints, name: 'crf' });
    const output = crf.apply(emissions) as tf.SymbolicTensor;
    return { model: tf.model({ inputs, outputs: output, name: 'bilstm_crf_tagger' }), crf };
  }
  const probs = tf.layers.activation({ activation: 'softmax', name: 'softmax' }).apply(emissions) as tf.SymbolicTensor;
  return { model: tf.model({ inputs, outputs: probs, name: 'bilstm_softmax_tagger' }), crf: null };
}

/**
 * The training forward pass, layer by layer on the model's own layers (same weights, same result as
 * `model.apply`), with the padding `mask` `[batch, time]` given by the caller. In training, dropout
 * draws a fresh mask from `seed` (pass a new seed every step).
 * // Porting note: a seeded `tf.layers.dropout` draws the SAME mask at every call, so the model's
 * // Dropout layers only serve inference (identity) and training applies `tf.dropout` here.
 * // Porting note: the LSTM's hand-written backward pass (layers/lstm-bptt.ts) reads the mask when
 * // gradients are computed, after `tf.variableGrads` has disposed every tensor made in the loss
 * // function (including the mask `model.apply` derives from the embedding). The caller keeps
 * // this mask alive until the backward pass is over.
 *
 * @example
 * const emissions = applyTaggerLayers(model, config, modelInputs(batch, config), keptMask, true);
 */
export function applyTaggerLayers(model: tf.LayersModel, config: TaggerConfig, xs: readonly tf.Tensor[], mask: tf.Tensor, training: boolean, seed = 0): tf.Tensor3D {
  return applyTaggerHead(model, config, taggerFeatures(model, config, xs, mask, training, seed));
}

/**
 * The output head of {@link applyTaggerLayers}: emissions, then the CRF (identity) or the softmax.
 *
 * @example
 * const out = applyTaggerHead(model, config, taggerFeatures(model, config, xs, mask, true, seed));
 */
export function applyTaggerHead(model: tf.LayersModel, config: TaggerConfig, features: tf.Tensor): tf.Tensor3D {
  const emissions = model.getLayer('emissions').apply(features) as tf.Tensor;
  return (config.crf ? model.getLayer('crf').apply(emissions) : model.getLayer('softmax').apply(emissions)) as tf.Tensor3D;
}

/**
 * Everything of {@link applyTaggerLayers} up to the output head: the BiLSTM features
 * `[batch, time, 2 * hidden]` (after dropout in training), which an auxiliary head can share.
 *
 * @example
 * const features = taggerFeatures(model, config, modelInputs(batch, config), mask, true, seed);
 */
export function taggerFeatures(model: tf.LayersModel, config: TaggerConfig, xs: readonly tf.Tensor[], mask: tf.Tensor, training: boolean, seed = 0): tf.Tensor {
  const layer = (name: string): tf.layers.Layer => model.getLayer(name);
  let draws = 0;
  const dropout = (x: tf.Tensor): tf.Tensor => (training && config.dropout > 0 ? tf.dropout(x, config.dropout, undefined, seed + draws++) : x);
  const [words, ...rest] = xs as [tf.Tensor, ...tf.Tensor[]];
  const features: tf.Tensor[] = [layer('word_embedding').apply(words) as tf.Tensor];
  let next = 0;
  if (config.charEncoder === 'cnn') {
    let c = rest[next++] as tf.Tensor;
    for (const name of ['char_embedding', 'char_windows', 'char_conv', 'char_max', 'char_features']) c = layer(name).apply(c) as tf.Tensor;
    features.push(c);
  }
  if (config.charEncoder === 'lstm') {
    const chars = rest[next++] as tf.Tensor; // [batch, time, width]
    const embedded = layer('char_embedding').apply(chars) as tf.Tensor; // [batch, time, width, charDim]
    features.push(layer('char_bilstm').apply(embedded, { mask: tf.notEqual(chars, 0), training }) as tf.Tensor);
  }
  if (config.caseDim > 0) features.push(layer('casing_embedding').apply(rest[next++] as tf.Tensor) as tf.Tensor);
  let x = features.length === 1 ? (features[0] as tf.Tensor) : tf.concat(features, -1);
  x = dropout(x);
  for (let l = 0; l < config.layers; l++) {
    x = dropout(layer(`bilstm_${l}`).apply(x, { training, mask }) as tf.Tensor);
  }
  return x;
}

/**
 * The RcCrf layer of a (loaded) model, found by class name, or null.
 *
 * @example
 * const crf = findCrf(bundle.model); // RcCrf or null
 */
export function findCrf(model: tf.LayersModel): RcCrf | null {
  return (model.layers.find((l) => l.getClassName() === 'RcCrf') as RcCrf | undefined) ?? null;
}

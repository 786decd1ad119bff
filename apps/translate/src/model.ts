import * as tf from '@tensorflow/tfjs';
import { RcAppendVector, RcBahdanauDecoder, bahdanauAttention, luongAttention, paddingMask, rcBidirectional, rcGRU, rcLSTM, type RcRecurrentLayer } from '@recurrent/layers';
import type { TranslateConfig } from './config.js';

/** Names of the layers the inference path looks up in a (re)loaded model. */
export const LAYER_NAMES = {
  sourceEmbedding: 'source_embedding',
  targetEmbedding: 'target_embedding',
  sourceMask: 'source_mask',
  encoder: (i: number): string => `encoder_${i}`,
  bridge: (i: number, s: number): string => `bridge_${i}_${s}`,
  decoder: (i: number): string => `decoder_${i}`,
  /** The whole decoder (RNN layers + additive attention) of `attention: 'bahdanau'`. */
  bahdanauDecoder: 'bahdanau_decoder',
  /** Cho et al.'s summary appended to every decoder input and to the readout (`attention: 'cho'`). */
  summaryInput: 'summary_input',
  summaryReadout: 'summary_readout',
  attention: 'attention',
  attentionalHidden: 'attentional_hidden',
  outputDropout: 'output_dropout',
  output: 'output',
} as const;

/** The hyper-parameters the graph depends on. */
export type Seq2SeqShape = Pick<TranslateConfig, 'cell' | 'bidirectional' | 'layers' | 'embeddingDim' | 'hidden' | 'attention' | 'dropout' | 'seed'>;

/** States per recurrent layer: 1 for GRU (h), 2 for LSTM (h, c). */
export const statesPerLayer = (cell: TranslateConfig['cell']): number => (cell === 'lstm' ? 2 : 1);

/**
 * Embedding initialiser: N(0, 1), PyTorch's `nn.Embedding` default. The earlier U(−0.1, 0.1) made
 * the encoder's input projections ~0.04, so its outputs barely depended on the source: after two
 * Multi30k epochs the dev loss was the same with every source replaced by another sentence's (a
 * pure language model), and attention over those near-constant outputs only slowed learning.
 *
 * @example
 * tf.initializers.randomNormal({ mean: 0, stddev: EMBEDDING_STDDEV }); // the embeddings' initialiser
 */
export const EMBEDDING_STDDEV = 1;
const embeddingInit = (seed: number) => tf.initializers.randomNormal({ mean: 0, stddev: EMBEDDING_STDDEV, seed });

function recurrent(shape: Seq2SeqShape, name: string, seed: number, dropout: number): RcRecurrentLayer {
  const args = { units: shape.hidden, returnSequences: true, returnState: true, dropout, seed, name };
  return shape.cell === 'lstm' ? rcLSTM(args) : rcGRU(args);
}

/**
 * The teacher-forced training graph, inputs `[source [batch, srcTime], targetIn [batch, tgtTime]]`
 * (int32 ids, 0 = padding), output logits `[batch, tgtTime, targetVocab]`:
 *
 * ```
 * source → embedding → (Bi)GRU/LSTM ×layers ──final states──► bridge (dense tanh, if bidirectional)
 *                              │ outputs [batch, srcTime, units]          │ initial states
 * targetIn → embedding ────────┼──────────────► GRU/LSTM ×layers (whole sequence, one call)
 *                              └──► Luong attention(query = decoder outputs, mask = source ≠ pad)
 *                                   → concat [h; context] → dense tanh → dense vocab
 * ```
 * With `attention: 'none'` the decoder outputs go straight to the vocabulary layer. `cho`: no
 * attention; the top encoder layer's final state (bridged) is repeated over the target and joined
 * to every decoder input and to the readout (Cho et al. 2014; still one RNN call). `bahdanau`: a
 * {@link RcBahdanauDecoder} layer replaces the decoder RNNs (additive attention from the previous
 * state, context into the RNN input; a per-step loop in training too).
 *
 * @example
 * ```ts
 * const model = buildSeq2Seq(config, 8000, 6000);
 * const logits = model.apply([src, tgtIn]) as tf.Tensor3D; // [batch, tgtTime, 6000]
 * ```
 */
export function buildSeq2Seq(shape: Seq2SeqShape, sourceVocab: number, targetVocab: number): tf.LayersModel {
  const source = tf.input({ shape: [null], dtype: 'int32', name: 'source' });
  const targetIn = tf.input({ shape: [null], dtype: 'int32', name: 'target_in' });
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: shape.seed + offset });
  const numStates = statesPerLayer(shape.cell);

  // src: [batch, srcTime, embeddingDim] (mask from id 0)
  let x = tf.layers
    .embedding({ inputDim: sourceVocab, outputDim: shape.embeddingDim, maskZero: true, embeddingsInitializer: embeddingInit(shape.seed), name: LAYER_NAMES.sourceEmbedding })
    .apply(source) as tf.SymbolicTensor;
  const decoderInit: tf.SymbolicTensor[][] = [];
  for (let i = 0; i < shape.layers; i++) {
    const name = LAYER_NAMES.encoder(i);
    const rnn = recurrent(shape, name, shape.seed + 10 + i, i === 0 ? shape.dropout : 0);
    const layer = shape.bidirectional ? rcBidirectional({ layer: rnn, mergeMode: 'concat', name }) : rnn;
    const [outputs, ...states] = layer.apply(x) as tf.SymbolicTensor[]; // outputs: [batch, srcTime, (2×)hidden]
    x = outputs as tf.SymbolicTensor;
    const bridged: tf.SymbolicTensor[] = [];
    for (let s = 0; s < numStates; s++) {
      if (!shape.bidirectional) {
        bridged.push(states[s] as tf.SymbolicTensor);
        continue;
      }
      // Forward then backward states: [batch, 2×hidden] → bridge → [batch, hidden].
      const both = tf.layers.concatenate().apply([states[s] as tf.SymbolicTensor, states[numStates + s] as tf.SymbolicTensor]) as tf.SymbolicTensor;
      bridged.push(tf.layers.dense({ units: shape.hidden, activation: 'tanh', kernelInitializer: init(20 + 2 * i + s), name: LAYER_NAMES.bridge(i, s) }).apply(both) as tf.SymbolicTensor);
    }
    decoderInit.push(bridged);
  }
  const encoderOutputs = x;

  // tgt: [batch, tgtTime, embeddingDim]
  const embedded = tf.layers
    .embedding({ inputDim: targetVocab, outputDim: shape.embeddingDim, maskZero: true, embeddingsInitializer: embeddingInit(shape.seed + 1), name: LAYER_NAMES.targetEmbedding })
    .apply(targetIn) as tf.SymbolicTensor;
  const concat = (parts: tf.SymbolicTensor[]): tf.SymbolicTensor => tf.layers.concatenate().apply(parts) as tf.SymbolicTensor;
  const attentionalHidden = (joined: tf.SymbolicTensor): tf.SymbolicTensor =>
    tf.layers.dense({ units: shape.hidden, activation: 'tanh', kernelInitializer: init(50), name: LAYER_NAMES.attentionalHidden }).apply(joined) as tf.SymbolicTensor;
  const sourceMask = (): tf.SymbolicTensor => paddingMask({ name: LAYER_NAMES.sourceMask }).apply(source) as tf.SymbolicTensor; // [batch, srcTime]
  let features: tf.SymbolicTensor;
  if (shape.attention === 'bahdanau') {
    // One layer runs the step loop: attention from s_{t−1}, context into the RNN input.
    const decoder = new RcBahdanauDecoder({ cell: shape.cell, units: shape.hidden, layers: shape.layers, attentionUnits: shape.hidden, dropout: shape.dropout, seed: shape.seed + 30, name: LAYER_NAMES.bahdanauDecoder });
    const [outputs, contexts] = decoder.apply([embedded, encoderOutputs, sourceMask(), ...decoderInit.flat()]) as tf.SymbolicTensor[];
    features = attentionalHidden(concat([outputs as tf.SymbolicTensor, contexts as tf.SymbolicTensor]));
  } else {
    // Cho: the top encoder layer's (bridged) final h joins every decoder input and the readout.
    const summary = shape.attention === 'cho' ? (decoderInit[shape.layers - 1]?.[0] as tf.SymbolicTensor) : null;
    let y = summary === null ? embedded : (new RcAppendVector({ name: LAYER_NAMES.summaryInput }).apply([embedded, summary]) as tf.SymbolicTensor);
    for (let i = 0; i < shape.layers; i++) {
      const rnn = recurrent(shape, LAYER_NAMES.decoder(i), shape.seed + 30 + i, i === 0 ? shape.dropout : 0);
      y = (rnn.apply(y, { initialState: decoderInit[i] }) as tf.SymbolicTensor[])[0] as tf.SymbolicTensor; // [batch, tgtTime, hidden]
    }
    features = y;
    if (summary !== null) features = attentionalHidden(new RcAppendVector({ name: LAYER_NAMES.summaryReadout }).apply([y, summary]) as tf.SymbolicTensor);
    else if (shape.attention !== 'none') {
      const mode = shape.attention;
      const attention =
        mode === 'dot' || mode === 'general'
          ? luongAttention({ mode, seed: shape.seed + 40, name: LAYER_NAMES.attention })
          : bahdanauAttention({ units: shape.hidden, seed: shape.seed + 40, name: LAYER_NAMES.attention });
      const [context] = attention.apply([y, encoderOutputs, sourceMask()]) as tf.SymbolicTensor[]; // [batch, tgtTime, encUnits]
      features = attentionalHidden(concat([y, context as tf.SymbolicTensor]));
    }
  }
  if (shape.dropout > 0) features = tf.layers.dropout({ rate: shape.dropout, seed: shape.seed + 60, name: LAYER_NAMES.outputDropout }).apply(features) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: targetVocab, kernelInitializer: init(70), name: LAYER_NAMES.output }).apply(features) as tf.SymbolicTensor;
  return tf.model({ inputs: [source, targetIn], outputs: logits, name: 'seq2seq' });
}

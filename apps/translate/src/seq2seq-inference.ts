import * as tf from '@tensorflow/tfjs';
import type { RcBahdanauDecoder, RcRecurrentLayer } from '@recurrent/layers';
import { LAYER_NAMES, statesPerLayer, type Seq2SeqShape } from './model.js';

/** Decoder state during search; every tensor has one row per hypothesis. */
export interface DecoderState {
  /** Recurrent states, `statesPerLayer × layers` tensors `[rows, hidden]` (layer-major). */
  readonly states: tf.Tensor2D[];
  /** Encoder outputs `[rows, srcTime, encUnits]` and source mask `[rows, srcTime]`. */
  readonly encoderOutputs: tf.Tensor3D;
  readonly sourceMask: tf.Tensor2D;
  /** `cho`: the encoder summary `[rows, hidden]` joined to every step; `bahdanau`: the projected keys `[rows, srcTime, hidden]`. */
  readonly summary?: tf.Tensor2D;
  readonly keys?: tf.Tensor3D;
}

/** One decoder step's results (tensors the caller disposes). */
export interface StepTensors {
  /** `[rows, vocab + srcTime]`: log-probabilities, then the attention weights (zeros without attention). */
  readonly readout: tf.Tensor2D;
  readonly states: tf.Tensor2D[];
}

/**
 * The inference view of a trained seq2seq model: the same layers, run eagerly as an encoder
 * function and a decoder **step** function (state in → log-probs + state out), so
 * `greedyDecode`/`beamSearch` can drive it. Works on a freshly built model and on one loaded from
 * a bundle (layers are found by name).
 *
 * @example
 * ```ts
 * const inference = new Seq2SeqInference(model, config);
 * const state = inference.encode(sourceIds);
 * const { readout, states } = inference.step(prevTokens, state);
 * ```
 */
export class Seq2SeqInference {
  constructor(
    readonly model: tf.LayersModel,
    readonly shape: Seq2SeqShape,
  ) {}

  private layer<L extends tf.layers.Layer = tf.layers.Layer>(name: string): L {
    return this.model.getLayer(name) as L;
  }

  /**
   * Encodes `source` `[batch, srcTime]` (int32) into the decoder's initial state (dropout on when
   * `training`). `sourceMask` `[batch, srcTime]` (1 = token) defaults to `source ≠ 0`; training
   * passes a mask that outlives the backward pass.
   */
  encode(source: tf.Tensor2D, training = false, sourceMask?: tf.Tensor2D): DecoderState {
    return tf.tidy(() => {
      const embedding = this.layer(LAYER_NAMES.sourceEmbedding);
      const mask = sourceMask ?? (embedding.computeMask(source) as tf.Tensor); // [batch, srcTime]
      let x = embedding.apply(source) as tf.Tensor3D; // [batch, srcTime, embeddingDim]
      const numStates = statesPerLayer(this.shape.cell);
      const states: tf.Tensor2D[] = [];
      for (let i = 0; i < this.shape.layers; i++) {
        const [outputs, ...finals] = this.layer(LAYER_NAMES.encoder(i)).apply(x, { mask, training }) as tf.Tensor[];
        x = outputs as tf.Tensor3D;
        for (let s = 0; s < numStates; s++) {
          if (!this.shape.bidirectional) {
            states.push(finals[s] as tf.Tensor2D);
            continue;
          }
          const both = tf.concat([finals[s] as tf.Tensor2D, finals[numStates + s] as tf.Tensor2D], 1); // [batch, 2×hidden]
          states.push(this.layer(LAYER_NAMES.bridge(i, s)).apply(both) as tf.Tensor2D);
        }
      }
      const sourceMaskFloat = tf.cast(mask, 'float32') as tf.Tensor2D;
      const base = { states, encoderOutputs: x, sourceMask: sourceMaskFloat };
      if (this.shape.attention === 'cho') return { ...base, summary: tf.clone(states[(this.shape.layers - 1) * numStates] as tf.Tensor2D) };
      if (this.shape.attention === 'bahdanau') return { ...base, keys: this.bahdanau().projectKeys(x) };
      return base;
    });
  }

  /**
   * Teacher forcing over the whole target at once: the decoder RNN runs over `targetIn`
   * `[batch, tgtTime]` in one call, then attention for all steps in one batched matMul.
   * Returns logits `[batch, tgtTime, vocab]`, equal to `model.predict([source, targetIn])`.
   * Training goes through `model.apply` (same loss and gradients, tested); this eager form shares
   * the layers with the step function and scheduled sampling.
   */
  teacherForced(source: tf.Tensor2D, targetIn: tf.Tensor2D, training: boolean, sourceMask?: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const state = this.encode(source, training, sourceMask);
      const numStates = statesPerLayer(this.shape.cell);
      const embedded = this.layer(LAYER_NAMES.targetEmbedding).apply(targetIn) as tf.Tensor3D; // [batch, tgtTime, embeddingDim]
      if (this.shape.attention === 'bahdanau') {
        const inputs = [embedded, state.encoderOutputs, state.sourceMask, ...state.states];
        const [outputs, contexts] = this.bahdanau().apply(inputs, { training }) as tf.Tensor3D[];
        return this.readout(outputs as tf.Tensor3D, state, training, undefined, contexts) as tf.Tensor3D;
      }
      const summary = state.summary === undefined ? undefined : tf.tile(tf.expandDims(state.summary, 1), [1, targetIn.shape[1], 1]); // [batch, tgtTime, hidden]
      let y = summary === undefined ? embedded : (tf.concat([embedded, summary], -1) as tf.Tensor3D);
      for (let i = 0; i < this.shape.layers; i++) {
        const initialState = state.states.slice(i * numStates, (i + 1) * numStates);
        y = (this.layer(LAYER_NAMES.decoder(i)).apply(y, { initialState, training }) as tf.Tensor[])[0] as tf.Tensor3D; // [batch, tgtTime, hidden]
      }
      return this.readout(y, state, training, undefined, summary) as tf.Tensor3D;
    });
  }

  private bahdanau(): RcBahdanauDecoder {
    return this.layer<RcBahdanauDecoder>(LAYER_NAMES.bahdanauDecoder);
  }

  /**
   * Decoder outputs `[batch, (tgtTime,) hidden]` → logits `[batch, (tgtTime,) vocab]` (attention,
   * attentional hidden, dropout, output). A given `context` (Cho's summary, Bahdanau's contexts) replaces the attention.
   */
  private readout(h: tf.Tensor, state: DecoderState, training: boolean, weightsOut?: (w: tf.Tensor) => void, context?: tf.Tensor): tf.Tensor {
    let features = h;
    if (context !== undefined) {
      features = this.layer(LAYER_NAMES.attentionalHidden).apply(tf.concat([h, context], -1)) as tf.Tensor;
    } else if (this.shape.attention !== 'none') {
      const [context, weights] = this.layer(LAYER_NAMES.attention).apply([h, state.encoderOutputs, state.sourceMask]) as tf.Tensor[];
      weightsOut?.(weights as tf.Tensor);
      features = this.layer(LAYER_NAMES.attentionalHidden).apply(tf.concat([h, context as tf.Tensor], -1)) as tf.Tensor;
    }
    if (this.shape.dropout > 0) features = this.layer(LAYER_NAMES.outputDropout).apply(features, { training }) as tf.Tensor;
    return this.layer(LAYER_NAMES.output).apply(features) as tf.Tensor;
  }

  /** One decoder step from `prevTokens` `[rows]` → logits `[rows, vocab]`, attention `[rows, srcTime]`, new states; does not dispose `state`. */
  private decodeStep(prevTokens: tf.Tensor1D, state: DecoderState, training: boolean): { logits: tf.Tensor2D; weights: tf.Tensor2D; states: tf.Tensor2D[] } {
    const rows = prevTokens.shape[0];
    const embedded = tf.squeeze(this.layer(LAYER_NAMES.targetEmbedding).apply(tf.reshape(prevTokens, [rows, 1])) as tf.Tensor3D, [1]); // [rows, embeddingDim]
    return this.decodeEmbedded(embedded as tf.Tensor2D, state, training);
  }

  /** One decoder step from embedded inputs `[rows, embeddingDim]`. */
  private decodeEmbedded(embedded: tf.Tensor2D, state: DecoderState, training: boolean): { logits: tf.Tensor2D; weights: tf.Tensor2D; states: tf.Tensor2D[] } {
    const rows = embedded.shape[0];
    const numStates = statesPerLayer(this.shape.cell);
    if (this.shape.attention === 'bahdanau') {
      const decoder = this.bahdanau();
      const input = training && decoder.args.dropout > 0 ? (tf.dropout(embedded, decoder.args.dropout) as tf.Tensor2D) : embedded;
      const out = decoder.step(input, state.states, state.keys as tf.Tensor3D, state.encoderOutputs, state.sourceMask);
      const logits = this.readout(out.output, state, training, undefined, out.context) as tf.Tensor2D;
      return { logits, weights: out.weights, states: out.states };
    }
    // The cells run the step: the sequence layers now take one-step inputs with identical results
    // and gradients, but cost 1.8–2.7× more per step (cpu, batch 64, 64 units).
    let x = state.summary === undefined ? embedded : (tf.concat([embedded, state.summary], 1) as tf.Tensor2D);
    const states: tf.Tensor2D[] = [];
    for (let i = 0; i < this.shape.layers; i++) {
      const layer = this.layer<RcRecurrentLayer>(LAYER_NAMES.decoder(i));
      const initialState = state.states.slice(i * numStates, (i + 1) * numStates);
      const input = training && layer.dropout > 0 ? (tf.dropout(x, layer.dropout) as tf.Tensor2D) : x;
      const [output, ...finals] = layer.cell.call([input, ...initialState], {}) as tf.Tensor2D[];
      x = output as tf.Tensor2D; // [rows, hidden]
      states.push(...(finals as tf.Tensor2D[]));
    }
    const h = x; // [rows, hidden]
    let weights = tf.zeros([rows, state.sourceMask.shape[1]]) as tf.Tensor2D;
    const logits = this.readout(h, state, training, (w) => (weights = w as tf.Tensor2D), state.summary) as tf.Tensor2D;
    return { logits, weights, states };
  }

  /** One inference step from `prevTokens` `[rows]`; does not dispose `state`. */
  step(prevTokens: tf.Tensor1D, state: DecoderState): StepTensors {
    return tf.tidy(() => {
      const { logits, weights, states } = this.decodeStep(prevTokens, state, false);
      const logProbs = tf.logSoftmax(logits); // [rows, vocab]
      return { readout: tf.concat([logProbs, weights], 1) as tf.Tensor2D, states };
    });
  }

  /**
   * Scheduled sampling (Bengio et al. 2015): a step-by-step decoder loop over `targetIn` where
   * each input token after `<bos>` is the gold token with probability `ratio`, else the model's
   * own previous argmax (no gradient through the choice). Returns logits `[batch, tgtTime, vocab]`;
   * with `ratio` 1 it equals {@link Seq2SeqInference.teacherForced} (slower).
   */
  scheduledSampling(source: tf.Tensor2D, targetIn: tf.Tensor2D, options: { training: boolean; ratio: number; seed: number; sourceMask?: tf.Tensor2D }): tf.Tensor3D {
    return tf.tidy(() => {
      const encoded = this.encode(source, options.training, options.sourceMask);
      const [batch, time] = targetIn.shape;
      // Columns by slicing (tfjs's unstack gradient fails when some outputs have none).
      const column = (x: tf.Tensor2D, t: number): tf.Tensor1D => tf.reshape(tf.slice(x, [0, t], [batch, 1]), [batch]);
      const goldFloat = tf.cast(targetIn, 'float32') as tf.Tensor2D;
      const coins = tf.cast(tf.less(tf.randomUniform([batch, time], 0, 1, 'float32', options.seed), options.ratio), 'float32') as tf.Tensor2D; // 1 = gold token
      const embeddings = this.layer(LAYER_NAMES.targetEmbedding).trainableWeights[0]?.read() as tf.Tensor2D; // [vocab, embeddingDim]
      let states = encoded.states;
      let previous: tf.Tensor2D | null = null;
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < time; t++) {
        const out: { logits: tf.Tensor2D; states: tf.Tensor2D[] } =
          previous === null
            ? this.decodeStep(column(targetIn, t), { ...encoded, states }, options.training)
            : this.decodeEmbedded(mixedEmbedding(embeddings, column(goldFloat, t), previous, column(coins, t)), { ...encoded, states }, options.training);
        outputs.push(out.logits);
        states = out.states;
        previous = out.logits;
      }
      return tf.stack(outputs, 1) as tf.Tensor3D; // [batch, tgtTime, vocab]
    });
  }
}

/**
 * Gathers rows of every tensor of a state (beam reordering); disposes the old state.
 *
 * @example
 * ```ts
 * state = gatherState(state, Int32Array.of(0, 0, 1, 1));
 * ```
 */
export function gatherState(state: DecoderState, rows: Int32Array): DecoderState {
  const next = tf.tidy(() => {
    const index = tf.tensor1d(rows, 'int32');
    return {
      states: state.states.map((s) => tf.gather(s, index) as tf.Tensor2D),
      encoderOutputs: tf.gather(state.encoderOutputs, index) as tf.Tensor3D,
      sourceMask: tf.gather(state.sourceMask, index) as tf.Tensor2D,
      ...(state.summary === undefined ? {} : { summary: tf.gather(state.summary, index) as tf.Tensor2D }),
      ...(state.keys === undefined ? {} : { keys: tf.gather(state.keys, index) as tf.Tensor3D }),
    };
  });
  disposeState(state);
  return next;
}

/** Disposes every tensor of a state. @example `disposeState(state)` */
export function disposeState(state: DecoderState): void {
  tf.dispose([...state.states, state.encoderOutputs, state.sourceMask, ...(state.summary === undefined ? [] : [state.summary]), ...(state.keys === undefined ? [] : [state.keys])]);
}

/**
 * Embeds, per row, the gold token (coin 1) or the argmax of the previous logits (coin 0). The
 * gradient reaches the embeddings only; the token choice is not differentiated (tfjs cannot
 * differentiate a gather with respect to indices that depend on variables).
 */
const mixedEmbedding = tf.customGrad(((embeddings: tf.Tensor, gold: tf.Tensor, logits: tf.Tensor, coin: tf.Tensor, save: tf.GradSaveFunc) => {
  const tokens = tf.tidy(() => tf.cast(tf.where(tf.greater(coin, 0.5), gold, tf.cast(tf.argMax(logits, -1), 'float32')), 'int32')); // [rows]
  save([tokens]);
  return {
    value: tf.gather(embeddings, tokens), // [rows, embeddingDim]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.unsortedSegmentSum(dy, saved[0] as tf.Tensor1D, embeddings.shape[0] as number),
      tf.zerosLike(gold),
      tf.zerosLike(logits),
      tf.zerosLike(coin),
    ],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (embeddings: tf.Tensor2D, gold: tf.Tensor1D, logits: tf.Tensor2D, coin: tf.Tensor1D) => tf.Tensor2D;

import * as tf from '@tensorflow/tfjs';
import { assert, assertOneOf, assertPositiveInteger } from '@recurrent/core';
import { rcGRU } from '../rc-gru.js';
import { rcLSTM } from '../rc-lstm.js';
import type { RcRecurrentLayer } from '../recurrent-layer.js';
import type { ConfigDict, LayerVariable, Shape } from '../tfjs-types.js';
import { bahdanauAttention, type RcBahdanauAttention } from './bahdanau-attention.js';
import { maskedSoftmax } from './masked-softmax.js';

/** Recurrent cells the decoder can use. @example `DECODER_CELLS.includes('gru') // true` */
export const DECODER_CELLS = ['gru', 'lstm'] as const;
/** One of {@link DECODER_CELLS}. @example `const cell: DecoderCell = 'lstm';` */
export type DecoderCell = (typeof DECODER_CELLS)[number];

/** Arguments of {@link RcBahdanauDecoder}. @example `const args: RcBahdanauDecoderArgs = { cell: 'gru', units: 8, layers: 1, attentionUnits: 8, dropout: 0, seed: 1 };` */
export interface RcBahdanauDecoderArgs {
  readonly cell: DecoderCell;
  /** Units of every decoder layer. */
  readonly units: number;
  /** Stacked decoder layers (1 or 2). */
  readonly layers: number;
  /** Hidden size of the additive score MLP. */
  readonly attentionUnits: number;
  /** Dropout on the embedded target (one mask per sequence), training only. */
  readonly dropout: number;
  readonly seed: number;
  readonly name?: string;
}

/** What one decoder step produces. @example `const { output, states } = decoder.step(x, states, keys, values, mask);` */
export interface BahdanauStep {
  /** Top layer output `[rows, units]`. */
  readonly output: tf.Tensor2D;
  /** Context `[rows, valueUnits]` and attention weights `[rows, srcTime]` of this step. */
  readonly context: tf.Tensor2D;
  readonly weights: tf.Tensor2D;
  /** New states, `statesPerLayer × layers` tensors (layer-major). */
  readonly states: tf.Tensor2D[];
}

/**
 * The decoder of Bahdanau et al. (2015) as one layer: at each step the additive attention scores
 * the encoder outputs against the PREVIOUS top state `s_{t−1}`, and the context is fed into the
 * RNN input `[E y_{t−1}; c_t]`. Inputs `[embeddedTarget [b, T, E], encoderOutputs [b, S, U],
 * sourceMask [b, S], ...initialStates]`; outputs `[outputs [b, T, units], contexts [b, T, U]]`.
 * Training runs a step loop (differentiated op by op): it costs about one cell call, one
 * `[b, S, attentionUnits]` tanh and two small matMuls per target step, against one fused
 * recurrence call for the Luong decoder. The key projection `W_k h_j` is computed once per batch.
 *
 * @example
 * ```ts
 * const decoder = new RcBahdanauDecoder({ cell: 'gru', units: 8, layers: 1, attentionUnits: 8, dropout: 0, seed: 1 });
 * const [outputs, contexts] = decoder.apply([embedded, encoderOutputs, mask, initialState]) as tf.Tensor[];
 * ```
 */
export class RcBahdanauDecoder extends tf.layers.Layer {
  static readonly className = 'RcBahdanauDecoder';
  readonly args: RcBahdanauDecoderArgs;
  readonly rnns: RcRecurrentLayer[];
  readonly attention: RcBahdanauAttention;

  constructor(args: RcBahdanauDecoderArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    assertOneOf(args.cell, 'cell', DECODER_CELLS);
    assertPositiveInteger(args.units, 'units');
    assertPositiveInteger(args.attentionUnits, 'attentionUnits');
    assert(args.layers === 1 || args.layers === 2, () => `layers must be 1 or 2, got ${args.layers}`, 'CONFIG');
    this.args = { cell: args.cell, units: args.units, layers: args.layers, attentionUnits: args.attentionUnits, dropout: args.dropout, seed: args.seed };
    this.rnns = Array.from({ length: args.layers }, (_, i) => {
      const rnnArgs = { units: args.units, returnSequences: true, returnState: true, seed: args.seed + i, name: `${this.name}_rnn_${i}` };
      return args.cell === 'lstm' ? rcLSTM(rnnArgs) : rcGRU(rnnArgs);
    });
    this.attention = bahdanauAttention({ units: args.attentionUnits, seed: args.seed + 10, name: `${this.name}_attention` });
  }

  private get numStates(): number {
    return this.args.cell === 'lstm' ? 2 : 1;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shapes = inputShape as Shape[];
    const embeddingDim = (shapes[0] as Shape)[2];
    const valueUnits = (shapes[1] as Shape)[2];
    assert(typeof embeddingDim === 'number' && typeof valueUnits === 'number', () => `${this.name}: embedding and value sizes must be known`, 'SHAPE');
    // Building through apply() scopes each inner layer's weights under its own name.
    tf.tidy(() => {
      if (!this.attention.built) this.attention.apply([tf.zeros([1, this.args.units]), tf.zeros([1, 1, valueUnits]), tf.ones([1, 1])]);
      this.rnns.forEach((rnn, i) => {
        if (!rnn.built) rnn.apply(tf.zeros([1, 1, i === 0 ? embeddingDim + valueUnits : this.args.units]));
      });
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const shapes = inputShape as Shape[];
    const [batch, time] = shapes[0] as Shape;
    return [
      [batch ?? null, time ?? null, this.args.units],
      [batch ?? null, time ?? null, (shapes[1] as Shape)[2] ?? null],
    ];
  }

  override computeMask(): tf.Tensor[] {
    return [null, null] as unknown as tf.Tensor[];
  }

  override get trainableWeights(): LayerVariable[] {
    return [...this.attention.trainableWeights, ...this.rnns.flatMap((r) => r.trainableWeights)];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return [...this.attention.nonTrainableWeights, ...this.rnns.flatMap((r) => r.nonTrainableWeights)];
  }

  /** `W_k h_j` for every source position: `[b, S, U]` → `[b, S, attentionUnits]`, once per batch. */
  projectKeys(values: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, srcTime, units] = values.shape;
      const keyKernel = (this.attention.trainableWeights[1] as LayerVariable).read() as tf.Tensor2D;
      return tf.reshape(tf.matMul(tf.reshape(values, [batch * srcTime, units]), keyKernel), [batch, srcTime, -1]) as tf.Tensor3D;
    });
  }

  /**
   * One step from the embedded previous token `[rows, E]` and the previous states; `keys` from
   * {@link RcBahdanauDecoder.projectKeys}. Does not dispose its inputs.
   */
  step(embedded: tf.Tensor2D, states: readonly tf.Tensor2D[], keys: tf.Tensor3D, values: tf.Tensor3D, mask: tf.Tensor2D): BahdanauStep {
    return tf.tidy(() => {
      const n = this.numStates;
      const [queryKernel, , scoreVector] = this.attention.trainableWeights.map((w) => w.read() as tf.Tensor2D);
      const query = states[(this.args.layers - 1) * n] as tf.Tensor2D; // top layer's h_{t−1}: [rows, units]
      const hidden = tf.tanh(tf.add(keys, tf.expandDims(tf.matMul(query, queryKernel as tf.Tensor2D), 1))); // [rows, S, A]
      const [rows, srcTime, attentionUnits] = hidden.shape as [number, number, number];
      const scores = tf.reshape(tf.matMul(tf.reshape(hidden, [rows * srcTime, attentionUnits]), scoreVector as tf.Tensor2D), [rows, 1, srcTime]) as tf.Tensor3D;
      const weights = tf.reshape(maskedSoftmax(scores, mask), [rows, srcTime]) as tf.Tensor2D; // [rows, S]
      const context = tf.squeeze(tf.matMul(tf.expandDims(weights, 1), values), [1]) as tf.Tensor2D; // [rows, U]
      let x = tf.concat([embedded, context], 1) as tf.Tensor2D;
      const next: tf.Tensor2D[] = [];
      this.rnns.forEach((rnn, i) => {
        const [output, ...finals] = rnn.cell.call([x, ...states.slice(i * n, (i + 1) * n)], {}) as tf.Tensor2D[];
        x = output as tf.Tensor2D;
        next.push(...finals);
      });
      return { output: x, context, weights, states: next };
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor[] {
    return tf.tidy(() => {
      const list = inputs as tf.Tensor[];
      const expected = 3 + this.numStates * this.args.layers;
      assert(list.length === expected, () => `${this.name} expects [embedded, values, mask, ...${expected - 3} states], got ${list.length} inputs`, 'USAGE');
      let embedded = list[0] as tf.Tensor3D;
      const values = list[1] as tf.Tensor3D;
      const mask = tf.cast(list[2] as tf.Tensor2D, 'float32') as tf.Tensor2D;
      let states = list.slice(3) as tf.Tensor2D[];
      const [batch, time, embeddingDim] = embedded.shape;
      if (kwargs['training'] === true && this.args.dropout > 0) embedded = tf.dropout(embedded, this.args.dropout, [batch, 1, embeddingDim]) as tf.Tensor3D;
      const keys = this.projectKeys(values);
      const outputs: tf.Tensor2D[] = [];
      const contexts: tf.Tensor2D[] = [];
      for (let t = 0; t < time; t++) {
        const x = tf.reshape(tf.slice(embedded, [0, t, 0], [batch, 1, embeddingDim]), [batch, embeddingDim]) as tf.Tensor2D;
        const out = this.step(x, states, keys, values, mask);
        outputs.push(out.output);
        contexts.push(out.context);
        states = out.states;
      }
      return [tf.stack(outputs, 1), tf.stack(contexts, 1)];
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(RcBahdanauDecoder);

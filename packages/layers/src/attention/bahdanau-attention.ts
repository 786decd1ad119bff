import * as tf from '@tensorflow/tfjs';
import { assertPositiveInteger } from '@recurrent/core';
import { checkInitializerId, makeInitializer, type InitializerId } from '../initializer-id.js';
import type { ConfigDict, LayerVariable } from '../tfjs-types.js';
import { projectLastAxis } from './project-last-axis.js';
import { RcAttention, type RcAttentionArgs } from './attention-layer.js';

/** Default initializer of the Bahdanau weights. @example `bahdanauAttention({ units: 8, kernelInitializer: DEFAULT_BAHDANAU_INITIALIZER })` */
export const DEFAULT_BAHDANAU_INITIALIZER: InitializerId = 'glorotUniform';

/** Arguments of {@link RcBahdanauAttention}. @example `const args: RcBahdanauAttentionArgs = { units: 128 };` */
export interface RcBahdanauAttentionArgs extends RcAttentionArgs {
  /** Size of the hidden layer of the score MLP. */
  readonly units: number;
  /** Initializer id of `query_kernel`, `key_kernel` and `score_vector`. Default `glorotUniform`. */
  readonly kernelInitializer?: InitializerId;
  /** Seed of the initializers (each weight gets seed, seed+1, seed+2). */
  readonly seed?: number;
}

/**
 * Additive (Bahdanau et al., 2015) attention: `score(q, k) = vᵀ tanh(W_q q + W_k k)` with weights
 * `query_kernel [queryUnits, units]`, `key_kernel [valueUnits, units]`, `score_vector [units]`;
 * softmax over the unmasked source positions, context = weights · values.
 *
 * @example
 * ```ts
 * const attention = bahdanauAttention({ units: 16 });
 * const [context, weights] = attention.apply([tf.ones([2, 4]), tf.ones([2, 5, 3]), tf.ones([2, 5])]) as tf.Tensor[];
 * // context [2, 3], weights [2, 5]
 * ```
 */
export class RcBahdanauAttention extends RcAttention {
  static readonly className = 'RcBahdanauAttention';
  readonly units: number;
  readonly kernelInitializer: InitializerId;
  readonly seed: number | undefined;
  private queryKernel: LayerVariable | null = null;
  private keyKernel: LayerVariable | null = null;
  private scoreVector: LayerVariable | null = null;

  constructor(args: RcBahdanauAttentionArgs) {
    super(args);
    assertPositiveInteger(args.units, 'units');
    this.units = args.units;
    this.kernelInitializer = checkInitializerId(args.kernelInitializer ?? DEFAULT_BAHDANAU_INITIALIZER, 'kernelInitializer');
    this.seed = args.seed;
  }

  protected buildWeights(queryUnits: number, valueUnits: number): void {
    const init = (offset: number) => makeInitializer(this.kernelInitializer, this.seed === undefined ? undefined : this.seed + offset);
    this.queryKernel = this.addWeight('query_kernel', [queryUnits, this.units], 'float32', init(0));
    this.keyKernel = this.addWeight('key_kernel', [valueUnits, this.units], 'float32', init(1));
    this.scoreVector = this.addWeight('score_vector', [this.units, 1], 'float32', init(2));
  }

  scores(query: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, tgtTime] = query.shape;
      const srcTime = keys.shape[1];
      const q = projectLastAxis(query, (this.queryKernel as LayerVariable).read() as tf.Tensor2D); // [batch, tgtTime, units]
      const k = projectLastAxis(keys, (this.keyKernel as LayerVariable).read() as tf.Tensor2D); // [batch, srcTime, units]
      const hidden = tf.tanh(tf.add(tf.expandDims(q, 2), tf.expandDims(k, 1))); // [batch, tgtTime, srcTime, units]
      const flat = tf.reshape(hidden, [-1, this.units]); // [batch*tgtTime*srcTime, units]
      const scored = tf.matMul(flat, (this.scoreVector as LayerVariable).read()); // [batch*tgtTime*srcTime, 1]
      return tf.reshape(scored, [batch, tgtTime, srcTime]) as tf.Tensor3D;
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units, kernelInitializer: this.kernelInitializer, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }

}
tf.serialization.registerClass(RcBahdanauAttention);

/** Factory for {@link RcBahdanauAttention}. @example `bahdanauAttention({ units: 64 })` */
export const bahdanauAttention = (args: RcBahdanauAttentionArgs) => new RcBahdanauAttention(args);

import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import type { ConfigDict, Kwargs, LayerArgs, Shape } from '../tfjs-types.js';
import { maskedSoftmax } from './masked-softmax.js';

/** Arguments every attention layer takes. @example `const args: RcAttentionArgs = { name: 'attention' };` */
export type RcAttentionArgs = LayerArgs;

/**
 * Shared part of the attention layers: inputs `[query, values]` or `[query, values, mask]`;
 * `query` is `[batch, units]` (one decoder step) or `[batch, tgtTime, units]` (all steps at once),
 * `values` (also the keys) `[batch, srcTime, valueUnits]`, `mask` `[batch, srcTime]` (1 = real
 * token). Without an explicit mask, the Keras mask of `values` is used when present. Outputs
 * `[context, weights]`: context `[batch, (tgtTime,) valueUnits]`, weights `[batch, (tgtTime,) srcTime]`.
 * Subclasses only define {@link RcAttention.scores}.
 *
 * @example
 * ```ts
 * const [context, weights] = luongAttention({ mode: 'dot' }).apply([h, encoderOutputs, srcMask]) as tf.Tensor[];
 * ```
 */
export abstract class RcAttention extends tf.layers.Layer {
  constructor(args: RcAttentionArgs) {
    super(args);
    this.supportsMasking = true;
  }

  /** Unnormalised scores `[batch, tgtTime, srcTime]` of `query` `[batch, tgtTime, queryUnits]` against `keys` `[batch, srcTime, keyUnits]`. */
  abstract scores(query: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D;

  /** Checks the input shapes and builds the weights from `queryUnits` and `valueUnits`. */
  protected abstract buildWeights(queryUnits: number, valueUnits: number): void;

  override build(inputShape: Shape | Shape[]): void {
    const [query, values] = splitShapes(inputShape, this.name);
    const queryUnits = query[query.length - 1];
    const valueUnits = values[2];
    assert(
      typeof queryUnits === 'number' && typeof valueUnits === 'number',
      () => `${this.name}: the last dimension of query and values must be known, got [${query.join(', ')}] and [${values.join(', ')}]`,
      'SHAPE',
    );
    this.buildWeights(queryUnits, valueUnits);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const [query, values] = splitShapes(inputShape, this.name);
    const lead = query.slice(0, -1); // [batch] or [batch, tgtTime]
    return [
      [...lead, values[2] ?? null],
      [...lead, values[1] ?? null],
    ];
  }

  override computeMask(): tf.Tensor[] {
    // Neither output carries a time mask of its own (tfjs reads null as "no mask").
    return [null, null] as unknown as tf.Tensor[];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      assert(list.length === 2 || list.length === 3, () => `${this.name} expects [query, values] or [query, values, mask], got ${list.length} input(s)`, 'USAGE');
      const query = list[0] as tf.Tensor;
      const values = list[1] as tf.Tensor3D;
      assert(query.rank === 2 || query.rank === 3, () => `${this.name}: query must be [batch, units] or [batch, tgtTime, units], got [${query.shape.join(', ')}]`, 'SHAPE');
      assert(values.rank === 3 && values.shape[0] === query.shape[0], () => `${this.name}: values must be [batch=${query.shape[0]}, srcTime, units], got [${values.shape.join(', ')}]`, 'SHAPE');
      let mask = (list[2] as tf.Tensor2D | undefined) ?? null;
      if (mask === null) {
        const kerasMask = kwargs['mask'] as tf.Tensor | (tf.Tensor | null)[] | null | undefined;
        mask = ((Array.isArray(kerasMask) ? kerasMask[1] : null) ?? null) as tf.Tensor2D | null;
      }
      if (mask !== null) {
        assert(
          mask.rank === 2 && mask.shape[0] === values.shape[0] && mask.shape[1] === values.shape[1],
          () => `${this.name}: mask must be [batch, srcTime] = [${values.shape[0]}, ${values.shape[1]}], got [${mask?.shape.join(', ')}]`,
          'SHAPE',
        );
      }
      const single = query.rank === 2;
      const query3 = (single ? tf.expandDims(query, 1) : query) as tf.Tensor3D; // [batch, tgtTime, queryUnits]
      const weights = maskedSoftmax(this.scores(query3, values), mask); // [batch, tgtTime, srcTime]
      const context = tf.matMul(weights, values); // [batch, tgtTime, valueUnits]
      return single ? [tf.squeeze(context, [1]), tf.squeeze(weights, [1])] : [context, weights];
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig() };
  }
}

function splitShapes(inputShape: Shape | Shape[], name: string): [Shape, Shape] {
  const shapes = inputShape as Shape[];
  assert(Array.isArray(shapes[0]) && Array.isArray(shapes[1]), () => `${name} expects a list of inputs [query, values(, mask)]`, 'USAGE');
  const query = shapes[0] as Shape;
  const values = shapes[1] as Shape;
  assert(query.length === 2 || query.length === 3, () => `${name}: query must have rank 2 or 3, got [${query.join(', ')}]`, 'SHAPE');
  assert(values.length === 3, () => `${name}: values must have rank 3 [batch, srcTime, units], got [${values.join(', ')}]`, 'SHAPE');
  return [query, values];
}

import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import type { ConfigDict, Kwargs, LayerArgs, LayerVariable, Shape } from './tfjs-types.js';

/**
 * Arguments of {@link RcTimeDistributed}.
 *
 * @example
 * const args: RcTimeDistributedArgs = { layer: rcBidirectional({ layer: rcLSTM({ units: 25 }) }) };
 */
export interface RcTimeDistributedArgs extends LayerArgs {
  /** Any registered layer taking `[rows, ...rest]`; it sees batch × time rows. */
  readonly layer: tf.layers.Layer;
}

type LayerClass = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
type FromConfig = tf.serialization.FromConfigMethod<tf.serialization.Serializable>;

function deserializeLayer(className: string, config: ConfigDict): tf.layers.Layer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className] as [LayerClass, FromConfig] | undefined;
  assert(entry !== undefined, () => `RcTimeDistributed: layer class ${className} is not registered`, 'CONFIG');
  return entry[1](entry[0], config) as unknown as tf.layers.Layer;
}

const rowsOf = (shape: readonly number[]): number => (shape[0] as number) * (shape[1] as number);

/**
 * Applies a layer to every time step of `[batch, time, ...rest]` by folding batch and time into one
 * axis: ONE call of the wrapped layer on `[batch·time, ...rest]`, output reshaped to
 * `[batch, time, ...innerOutputRest]`. The mask (e.g. `[batch, time, chars]` from a char
 * Embedding with `maskZero`) is folded the same way and passed to the wrapped layer. The typical
 * use is a character BiLSTM per word: `[batch, words, chars, charDim]` → `[batch, words, 2·units]`.
 * The output carries no mask (the per-word mask comes from the word embedding); rows whose every
 * step is masked (padding words) give the wrapped layer's output for an empty sequence (zeros for
 * our recurrent layers).
 * // Porting note: tfjs's `tf.layers.timeDistributed` runs the wrapped layer once per time step
 * // (a `K.rnn` loop) and drops the mask; this wrapper makes one call and keeps the mask.
 *
 * @example
 * ```ts
 * const charBiLstm = rcTimeDistributed({ layer: rcBidirectional({ layer: rcLSTM({ units: 25 }) }) });
 * charBiLstm.apply(tf.zeros([2, 7, 20, 30])); // [2, 7, 50]
 * ```
 */
export class RcTimeDistributed extends tf.layers.Layer {
  static readonly className = 'RcTimeDistributed';
  readonly layer: tf.layers.Layer;

  constructor(args: RcTimeDistributedArgs) {
    super(args);
    const layer = args.layer as tf.layers.Layer | undefined;
    assert(layer !== undefined && layer !== null && typeof layer.getConfig === 'function', () => 'RcTimeDistributed needs a layer to wrap', 'CONFIG');
    this.layer = layer;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    assert(shape.length >= 3, () => `${this.name} expects inputs of shape [batch, time, ...], got [${shape.join(', ')}]`, 'SHAPE');
    // Building through apply() scopes the wrapped layer's weights under its own name.
    if (!this.layer.built) tf.tidy(() => void this.layer.apply(tf.zeros([1, ...shape.slice(2).map((d) => d ?? 1)])));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inner = this.layer.computeOutputShape([null, ...shape.slice(2)]) as Shape;
    return [shape[0] ?? null, shape[1] ?? null, ...inner.slice(1)];
  }

  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor; // no output mask (tfjs types it non-null)
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor; // [batch, time, ...rest]
      const rawMask = kwargs['mask'] as tf.Tensor | tf.Tensor[] | null | undefined;
      const mask = (Array.isArray(rawMask) ? rawMask[0] : rawMask) ?? null; // [batch, time, ...maskRest]
      const rows = rowsOf(x.shape);
      const folded = tf.reshape(x, [rows, ...x.shape.slice(2)]); // [batch·time, ...rest]
      const foldedMask = mask === null ? null : tf.reshape(mask, [rows, ...mask.shape.slice(2)]);
      const y = this.layer.call(folded, { mask: foldedMask, training: kwargs['training'] }); // [batch·time, ...out]
      const out = (Array.isArray(y) ? y[0] : y) as tf.Tensor;
      return tf.reshape(out, [x.shape[0] as number, x.shape[1] as number, ...out.shape.slice(1)]);
    });
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.trainableWeights : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.nonTrainableWeights : this.layer.weights;
  }

  override setFastWeightInitDuringBuild(value: boolean): void {
    super.setFastWeightInitDuringBuild(value);
    this.layer.setFastWeightInitDuringBuild(value);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), layer: { className: this.layer.getClassName(), config: this.layer.getConfig() } };
  }

  /** Rebuilds the wrapped layer from its `{className, config}` first. */
  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: ConfigDict): T {
    const { className, config: layerConfig } = config['layer'] as { className: string; config: ConfigDict };
    return new cls({ ...config, layer: deserializeLayer(className, layerConfig) });
  }
}
tf.serialization.registerClass(RcTimeDistributed);

/** Factory for {@link RcTimeDistributed}. @example `rcTimeDistributed({ layer: rcBidirectional({ layer: rcLSTM({ units: 25 }) }) })` */
export const rcTimeDistributed = (args: RcTimeDistributedArgs): RcTimeDistributed => new RcTimeDistributed(args);

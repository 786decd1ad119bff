import * as tf from '@tensorflow/tfjs';
import { assert, assertOneOf } from '@recurrent/core';
import { RcMinRNN } from './min-rnn/min-rnn-layer.js';
import type { RcRecurrentLayer } from './recurrent-layer.js';
import { reverseValid } from './reverse-valid.js';
import type { ApplyValue, ConfigDict, Kwargs, LayerArgs, LayerVariable, Shape } from './tfjs-types.js';

/** How forward and backward outputs can be combined. @example `MERGE_MODES.includes('sum')` */
export const MERGE_MODES = ['concat', 'sum', 'ave', 'mul'] as const;
/** One of {@link MERGE_MODES}. @example `const mode: MergeMode = 'ave';` */
export type MergeMode = (typeof MERGE_MODES)[number];
/** Default merge mode. @example `rcBidirectional({ layer, mergeMode: DEFAULT_MERGE_MODE })` */
export const DEFAULT_MERGE_MODE: MergeMode = 'concat';

/** A layer {@link RcBidirectional} can wrap: RcSimpleRNN, RcGRU, RcLSTM, or a minimal RNN (RcMinGRU, RcMinLSTM). */
export type BidirectionalLayer = RcRecurrentLayer | RcMinRNN;

/** Arguments of {@link RcBidirectional}. @example `const args: RcBidirectionalArgs = { layer: rcGRU({ units: 8 }), mergeMode: 'sum' };` */
export interface RcBidirectionalArgs extends LayerArgs {
  /** One of our sequence layers (RcSimpleRNN, RcGRU, RcLSTM with `goBackwards` false, RcMinGRU, RcMinLSTM); it is cloned twice. */
  readonly layer: BidirectionalLayer;
  /** `concat` (last axis, `2*units`), `sum`, `ave` or `mul`. Default `concat`. */
  readonly mergeMode?: MergeMode;
}

type LayerClass = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
type FromConfig = tf.serialization.FromConfigMethod<tf.serialization.Serializable>;

/** Builds a registered layer class from `{className, config}`. */
function deserializeLayer(className: string, config: ConfigDict): BidirectionalLayer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className] as
    [LayerClass, FromConfig] | undefined;
  assert(entry !== undefined, () => `RcBidirectional: layer class ${className} is not registered`, 'CONFIG');
  return entry[1](entry[0], config) as unknown as BidirectionalLayer;
}

/**
 * Bidirectional wrapper. The backward copy reads each sequence's **valid part reversed**
 * (padding stays at the end, using the mask), so on a right-padded batch its output at step `t`
 * equals the reversed unpadded run; its outputs are reversed back the same way before merging.
 * Returned states (with `returnState`) are forward states then backward states.
 *
 * // Porting note: tfjs/Keras run the backward layer with `goBackwards`, which reverses the padding
 * // too; with a mask the results agree but the padded steps are visited first there.
 *
 * @example
 * ```ts
 * const bi = rcBidirectional({ layer: rcLSTM({ units: 16, returnSequences: true }), mergeMode: 'concat' });
 * const y = bi.apply(tf.ones([2, 7, 4])) as tf.Tensor; // [2, 7, 32]
 * ```
 */
export class RcBidirectional extends tf.layers.Layer {
  static readonly className = 'RcBidirectional';
  readonly forwardLayer: BidirectionalLayer;
  readonly backwardLayer: BidirectionalLayer;
  readonly mergeMode: MergeMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  private readonly layerClassName: string;
  private readonly layerConfig: ConfigDict;

  constructor(args: RcBidirectionalArgs) {
    super(args);
    const layer = args.layer as BidirectionalLayer | undefined;
    assert(
      layer !== undefined &&
        layer !== null &&
        typeof layer.getConfig === 'function' &&
        ('cell' in layer || layer instanceof RcMinRNN),
      () =>
        'RcBidirectional layer must be one of our sequence layers (RcSimpleRNN, RcGRU, RcLSTM, RcMinGRU, RcMinLSTM)',
      'CONFIG',
    );
    assert(
      !('goBackwards' in layer && layer.goBackwards),
      () => 'RcBidirectional layer must have goBackwards false, got true',
      'CONFIG',
    );
    this.mergeMode = args.mergeMode ?? DEFAULT_MERGE_MODE;
    assertOneOf(this.mergeMode, 'mergeMode', MERGE_MODES);
    this.layerClassName = layer.getClassName();
    this.layerConfig = layer.getConfig();
    const name = String(this.layerConfig['name']);
    this.forwardLayer = deserializeLayer(this.layerClassName, {
      ...this.layerConfig,
      name: `forward_${name}`,
    });
    this.backwardLayer = deserializeLayer(this.layerClassName, {
      ...this.layerConfig,
      name: `backward_${name}`,
    });
    this.returnSequences = layer.returnSequences;
    this.returnState = layer.returnState;
    this.supportsMasking = true;
  }

  /** Moves `kwargs.initialState` (forward states then backward states) into the input list. */
  override apply(inputs: ApplyValue, kwargs: Kwargs = {}): ApplyValue {
    const { initialState, ...rest } = kwargs;
    if (initialState == null) return super.apply(inputs, rest);
    const states = (Array.isArray(initialState) ? initialState : [initialState]) as ApplyValue[];
    const first = Array.isArray(inputs) ? inputs : [inputs];
    return super.apply([...first, ...states] as ApplyValue, rest);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    assert(
      shape.length === 3 && typeof shape[2] === 'number',
      () => `${this.name} expects inputs of shape [batch, time, features], got [${shape.join(', ')}]`,
      'SHAPE',
    );
    // Building through apply() puts each copy's weights under its own name scope
    // (…/forward_x/kernel, …/backward_x/kernel) without tfjs's internal nameScope.
    const probe = [1, 1, shape[2]];
    for (const layer of [this.forwardLayer, this.backwardLayer]) {
      if (!layer.built) tf.tidy(() => void layer.apply(tf.zeros(probe)));
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inner = this.forwardLayer.computeOutputShape(shape);
    const shapes = (this.returnState ? inner : [inner]) as Shape[];
    const output = [...(shapes[0] as Shape)];
    if (this.mergeMode === 'concat') output[output.length - 1] = 2 * (output[output.length - 1] as number);
    if (!this.returnState) return output;
    const states = shapes.slice(1);
    return [output, ...states, ...states.map((s) => [...s])];
  }

  override computeMask(
    _inputs: tf.Tensor | tf.Tensor[],
    mask?: tf.Tensor | tf.Tensor[],
  ): tf.Tensor | tf.Tensor[] {
    const inputMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const outputMask = this.returnSequences ? inputMask : null;
    if (!this.returnState) return outputMask as tf.Tensor;
    const numStates = 2 * this.forwardLayer.numStates;
    return [outputMask, ...Array.from({ length: numStates }, () => null)] as unknown as tf.Tensor[];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor3D;
      const states = list.slice(1);
      const numStates = this.forwardLayer.numStates;
      assert(
        states.length === 0 || states.length === 2 * numStates,
        () =>
          `${this.name} needs ${2 * numStates} initial states (forward then backward), got ${states.length}`,
        'USAGE',
      );
      const rawMask = kwargs['mask'] as tf.Tensor | tf.Tensor[] | null | undefined;
      const mask = (Array.isArray(rawMask) ? rawMask[0] : rawMask) ?? null;
      const inner = (initial: tf.Tensor[]): Kwargs => ({
        mask,
        training: kwargs['training'],
        ...(initial.length > 0 ? { initialState: initial } : {}),
      });
      const forward = this.forwardLayer.call(x, inner(states.slice(0, numStates)));
      const backward = this.backwardLayer.call(reverseValid(x, mask), inner(states.slice(numStates)));
      const forwardList = Array.isArray(forward) ? forward : [forward];
      const backwardList = Array.isArray(backward) ? backward : [backward];
      const y = forwardList[0] as tf.Tensor;
      let yBack = backwardList[0] as tf.Tensor;
      if (this.returnSequences) yBack = reverseValid(yBack as tf.Tensor3D, mask);
      const merged = this.merge(y, yBack);
      return this.returnState ? [merged, ...forwardList.slice(1), ...backwardList.slice(1)] : merged;
    });
  }

  private merge(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([a, b], -1);
      case 'sum':
        return tf.add(a, b);
      case 'ave':
        return tf.mul(tf.add(a, b), 0.5);
      case 'mul':
        return tf.mul(a, b);
    }
  }

  override get trainableWeights(): LayerVariable[] {
    if (!this.trainable) return [];
    return [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    if (!this.trainable) return [...this.forwardLayer.weights, ...this.backwardLayer.weights];
    return [...this.forwardLayer.nonTrainableWeights, ...this.backwardLayer.nonTrainableWeights];
  }

  override setFastWeightInitDuringBuild(value: boolean): void {
    super.setFastWeightInitDuringBuild(value);
    this.forwardLayer.setFastWeightInitDuringBuild(value);
    this.backwardLayer.setFastWeightInitDuringBuild(value);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      mergeMode: this.mergeMode,
      layer: { className: this.layerClassName, config: this.layerConfig },
    };
  }

  /** Rebuilds the wrapped layer from its `{className, config}` first. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: ConfigDict,
  ): T {
    const { className, config: layerConfig } = config['layer'] as { className: string; config: ConfigDict };
    const layer = deserializeLayer(className, layerConfig);
    return new cls({ ...config, layer });
  }
}
tf.serialization.registerClass(RcBidirectional);

/** Factory for {@link RcBidirectional}. @example `rcBidirectional({ layer: rcGRU({ units: 8 }) })` */
export const rcBidirectional = (args: RcBidirectionalArgs) => new RcBidirectional(args);

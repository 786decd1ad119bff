/**
 * Types tfjs uses but does not export from its root, defined once here (STYLE.md §3.5).
 *
 * @example
 * ```ts
 * import type { LayerArgs } from './tfjs-types.js';
 * const args: LayerArgs = { name: 'encoder' };
 * ```
 */
import type * as tf from '@tensorflow/tfjs';

/** Base constructor arguments of every `tf.layers.Layer` (name, trainable, inputShape, …). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keyword arguments passed to `Layer.call` (`mask`, `training`, `initialState`). */
export type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** A tfjs initializer instance (the abstract class is not exported at runtime). */
export type Initializer = ReturnType<typeof tf.initializers.ones>;

/** A weight created with `addWeight`. */
export type LayerVariable = tf.LayerVariable;

/** Layer input/output shape, `null` for unknown dimensions. */
export type Shape = tf.Shape;

/** Anything `Layer.apply` accepts or returns. */
export type ApplyValue = tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];

/** A plain JSON config as returned by `getConfig()`. */
export type ConfigDict = tf.serialization.ConfigDict;

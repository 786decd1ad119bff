import type * as tf from '@tensorflow/tfjs';

const ZEROS = Object.freeze({ class_name: 'Zeros', config: {} });

/**
 * Returns a deep copy of a Keras/tfjs model topology in which every initializer
 * (`kernel_initializer`, `recurrent_initializer`, `embeddings_initializer`, … at any depth,
 * including cells nested in RNN, StackedRNNCells and Bidirectional configs) is `Zeros`.
 *
 * Loading sets every weight afterwards, so the initializers' values are never used; running them
 * can stall (tfjs's `orthogonal` takes ~20 s for a [128, 512] kernel on cpu). tfjs 4.22 already
 * skips initializers on a strict load for most layers, but not for cells inside
 * `StackedRNNCells` or sub-layers of custom layers; this rewrite covers them all.
 *
 * Porting note: the loaded model's `getConfig()` then reports `Zeros` initializers; its weights
 * are the saved ones.
 *
 * @example
 * zeroInitializers({ config: { recurrent_initializer: { class_name: 'Orthogonal', config: {} } } });
 * // { config: { recurrent_initializer: { class_name: 'Zeros', config: {} } } }
 */
export function zeroInitializers<T>(topology: T): T {
  return rewrite(topology) as T;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (/initializer$/i.test(key) && inner !== null && inner !== undefined) {
      if (typeof inner === 'string') out[key] = 'zeros';
      else if (typeof inner === 'object' && 'class_name' in inner) out[key] = { ...ZEROS, config: {} };
      else out[key] = rewrite(inner);
    } else {
      out[key] = rewrite(inner);
    }
  }
  return out;
}

/**
 * Wraps a load handler so that the topology it yields has all initializers replaced by zeros
 * (see {@link zeroInitializers}); weights load unchanged.
 *
 * @example
 * const model = await tf.loadLayersModel(withoutInitializers(tf.io.http(url)));
 */
export function withoutInitializers(handler: tf.io.IOHandler): tf.io.IOHandler {
  const load = handler.load?.bind(handler);
  if (load === undefined) return handler;
  return {
    load: async () => {
      const artifacts = await load();
      if (artifacts.modelTopology == null || artifacts.modelTopology instanceof ArrayBuffer) return artifacts;
      return { ...artifacts, modelTopology: zeroInitializers(artifacts.modelTopology) };
    },
  };
}

import * as tf from '@tensorflow/tfjs';

/**
 * Name of the fused Adam kernel. @recurrent/backend registers it (wasm, cpu); train never imports
 * the backend package, so the name is agreed here as a string and the registry is asked.
 *
 * @example
 * ```ts
 * tf.getKernel(ADAM_UPDATE_KERNEL, tf.getBackend()) !== undefined; // true after initBackend() on wasm
 * ```
 */
export const ADAM_UPDATE_KERNEL = 'RcAdamUpdate';

/** One moment slot of tfjs's Adam (private fields, read at runtime). */
interface MomentSlot {
  originalName: string;
  variable: tf.Variable;
}

/** The private state of tfjs's `AdamOptimizer` (tfjs-core adam_optimizer.ts), as this class uses it. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: (MomentSlot | undefined)[];
  accumulatedSecondMoment: (MomentSlot | undefined)[];
}

/**
 * tfjs's Adam, with each variable's update done by one fused kernel (`RcAdamUpdate`) when the current
 * backend has it, instead of the 12 element-wise kernels of the stock update (each a pass over
 * memory, plus per-op overhead: on wasm ~7 ms of a 60 ms LSTM-classifier step, and more for a
 * 2M-value word embedding). Same state (moments, beta powers, iterations), same checkpoints and
 * same serialisation as `tf.train.adam`; other backends run the stock update.
 *
 * @example
 * ```ts
 * const optimizer = new FusedAdamOptimizer(1e-3, 0.9, 0.999, 1e-7);
 * optimizer.applyGradients([{ name: w.name, tensor: dw }]);
 * ```
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (tf.getKernel(ADAM_UPDATE_KERNEL, tf.getBackend()) === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    const attrs = { learningRate: state.learningRate, beta1: state.beta1, beta2: state.beta2, epsilon: state.epsilon };
    tf.tidy(() => {
      // accBeta1, accBeta2 hold β1ᵗ, β2ᵗ of this step t (they start at β1, β2 and advance after it).
      const { accBeta1, accBeta2 } = state;
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name] as tf.Variable;
        const m = momentSlot(state.accumulatedFirstMoment, i, `${name}/m`, value);
        const v = momentSlot(state.accumulatedSecondMoment, i, `${name}/v`, value);
        if (gradient == null) return;
        const inputs = { value, gradient, m, v, accBeta1, accBeta2 } as unknown as tf.NamedTensorMap;
        const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(newM as tf.Tensor);
        v.assign(newV as tf.Tensor);
        value.assign(newValue as tf.Tensor);
      });
      accBeta1.assign(tf.mul(accBeta1, state.beta1));
      accBeta2.assign(tf.mul(accBeta2, state.beta2));
    });
    this.incrementIterations();
  }
}

/** The moment variable of slot `i`, created as zeros (not trainable) on first use, as tfjs's Adam does. */
function momentSlot(slots: (MomentSlot | undefined)[], i: number, originalName: string, like: tf.Variable): tf.Variable {
  const slot = slots[i] ?? { originalName, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
  slots[i] = slot;
  return slot.variable;
}

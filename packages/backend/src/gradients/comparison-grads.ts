import * as tf from '@tensorflow/tfjs';

/** Comparison and logical kernels with no gradient in tfjs 4.22 (GreaterEqual has one). */
export const NOT_DIFFERENTIABLE_KERNELS = [
  'Greater',
  'Less',
  'LessEqual',
  'Equal',
  'NotEqual',
  'LogicalAnd',
  'LogicalOr',
  'LogicalNot',
] as const;

/**
 * Zero gradients for comparison and logical ops, as TensorFlow declares them
 * (`NotDifferentiable`) and as tfjs already does for GreaterEqual. Without them
 * `tf.grads` throws "gradient function not found for Greater" as soon as a mask such as
 * `tf.where(tf.greater(x, 0), …)` is computed from a tensor being differentiated.
 *
 * @example
 * COMPARISON_GRADS.map((g) => g.kernelName); // ['Greater', 'Less', …]
 */
export const COMPARISON_GRADS: readonly tf.GradConfig[] = NOT_DIFFERENTIABLE_KERNELS.map((kernelName) => {
  const inputs = kernelName === 'LogicalNot' ? ['x'] : ['a', 'b'];
  return {
    kernelName,
    inputsToSave: inputs,
    gradFunc: (_dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
      Object.fromEntries(inputs.map((name, i) => [name, () => tf.zerosLike(saved[i] as tf.Tensor)])),
  };
});

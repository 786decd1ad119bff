import * as tf from '@tensorflow/tfjs';

/**
 * Gradient of `tf.gatherND`, which tfjs 4.22 lacks ("gradient function not found for
 * GatherNd"): `dParams = scatterND(indices, dy, params.shape)`, with repeated indices summed,
 * as TensorFlow's GatherNd gradient does.
 *
 * @example
 * registerMissingGradients(); // registers it
 * tf.grad((p) => tf.gatherND(p, [[0, 1]]).sum())(tf.ones([2, 2])); // [[0, 1], [0, 0]]
 */
export const GATHER_ND_GRAD: tf.GradConfig = {
  kernelName: 'GatherNd',
  inputsToSave: ['params', 'indices'],
  gradFunc: (dy, saved) => {
    const [params, indices] = saved as [tf.Tensor, tf.Tensor];
    return {
      params: () => tf.scatterND(indices, dy as tf.Tensor, params.shape),
      indices: () => tf.zerosLike(indices),
    };
  },
};

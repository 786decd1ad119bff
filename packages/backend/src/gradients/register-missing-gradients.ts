import * as tf from '@tensorflow/tfjs';
import { COMPARISON_GRADS } from './comparison-grads.js';
import { GATHER_ND_GRAD } from './gather-nd-grad.js';

/** Gradients this package adds where tfjs has none. */
const MISSING_GRADIENTS: readonly tf.GradConfig[] = [GATHER_ND_GRAD, ...COMPARISON_GRADS];

/**
 * Registers the gradients tfjs 4.22 lacks for ops used in training (GatherNd, comparisons,
 * logical ops). Gradients are shared by all backends; one that tfjs (or anyone) already
 * registered is left alone, so calling this again does nothing.
 *
 * @returns the kernel names whose gradient is ours.
 *
 * @example
 * registerMissingGradients(); // ['GatherNd', 'Greater', 'Less', …]
 */
export function registerMissingGradients(): string[] {
  const ours: string[] = [];
  for (const config of MISSING_GRADIENTS) {
    const existing = tf.getGradient(config.kernelName) as tf.GradConfig | undefined;
    if (existing === undefined) tf.registerGradient(config);
    else if (existing !== config) continue;
    ours.push(config.kernelName);
  }
  return ours;
}

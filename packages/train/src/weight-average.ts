import * as tf from '@tensorflow/tfjs';

/**
 * Exponential moving average of the trainable weights (Polyak averaging, as in TensorFlow's
 * `ExponentialMovingAverage` with `num_updates`): after step `t`,
 * `avg ← avg + (1 − d)(w − avg)` with `d = min(decay, (1 + t) / (10 + t))`, so early steps, whose
 * weights are far from the final ones, are forgotten quickly. The averaged weights are usually a
 * little better on held-out data than the last ones; the loop evaluates and exports them by
 * swapping them into the model around evaluation (`swap()` twice restores the raw weights).
 *
 * @example
 * ```ts
 * const average = new WeightAverage(model.trainableWeights.map((w) => w.read() as tf.Variable), 0.999);
 * average.update(step); // after each optimizer step
 * average.swap(); // the model now holds the averages
 * evaluate();
 * average.swap(); // raw weights back, training continues
 * average.dispose();
 * ```
 */
export class WeightAverage {
  /** One shadow per variable, named `ema/<variable name>` in checkpoints. */
  readonly shadows: readonly tf.Variable[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly decay: number,
  ) {
    this.shadows = variables.map((v) => tf.variable(v, false, `ema/${v.name}`));
  }

  /** Decay used after step `step` (0-based): `min(decay, (1 + step) / (10 + step))`. */
  decayAt(step: number): number {
    return Math.min(this.decay, (1 + step) / (10 + step));
  }

  /** Moves every average towards its variable's current value. */
  update(step: number): void {
    const rate = 1 - this.decayAt(step);
    tf.tidy(() => {
      const scale = tf.scalar(rate);
      this.variables.forEach((variable, i) => {
        const shadow = this.shadows[i] as tf.Variable;
        shadow.assign(tf.add(shadow, tf.mul(tf.sub(variable, shadow), scale)));
      });
    });
  }

  /** Exchanges the values of the variables and their averages. */
  swap(): void {
    this.variables.forEach((variable, i) => {
      const shadow = this.shadows[i] as tf.Variable;
      const raw = tf.clone(variable);
      variable.assign(shadow);
      shadow.assign(raw);
      raw.dispose();
    });
  }

  dispose(): void {
    tf.dispose([...this.shadows]);
  }
}

/**
 * Prints forward+backward times of the LSTM recurrence on the current (cpu) backend:
 * autodiff through lstmRecurrence vs the hand-written BPTT (lstmRecurrenceBptt), and the full
 * RcLSTM layer vs tf.layers.lstm. Numbers only, nothing asserted.
 * Run: cd /work/main && npx tsx packages/layers/bench/lstm-bench.ts [batch time units]
 */
import * as tf from '@tensorflow/tfjs';
import { lstmRecurrence } from '../src/lstm-recurrence.js';
import { lstmRecurrenceBptt } from '../src/lstm-bptt.js';
import { rcLSTM } from '../src/rc-lstm.js';

const [batch, time, units] = (process.argv.slice(2).length === 3 ? process.argv.slice(2) : ['32', '40', '128']).map(Number) as [number, number, number];
const inputDim = units;
const reps = 5;

/** Minimum over `reps` runs (the machine is shared, so the minimum is the least noisy figure). */
function timeIt(name: string, fn: () => tf.TensorContainer): void {
  tf.dispose(fn()); // warm-up
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    tf.dispose(fn());
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${name}: ${best.toFixed(1)} ms (min of ${reps})`);
}

await tf.setBackend('cpu');
console.log(`backend ${tf.getBackend()}, batch ${batch}, time ${time}, units ${units}`);
const xProj = tf.variable(tf.randomNormal([batch, time, 4 * units]));
const u = tf.variable(tf.randomNormal([units, 4 * units], 0, 0.1));
const h0 = tf.zeros([batch, units]) as tf.Tensor2D;
const options = { goBackwards: false, returnSequences: true };
for (const [name, impl] of [
  ['autodiff lstmRecurrence', lstmRecurrence],
  ['BPTT lstmRecurrenceBptt', lstmRecurrenceBptt],
] as const) {
  timeIt(`${name} forward`, () => impl(xProj as tf.Tensor3D, u as tf.Tensor2D, h0, h0, null, options).outputs!);
  timeIt(`${name} forward+backward`, () =>
    tf.variableGrads(() => tf.sum(impl(xProj as tf.Tensor3D, u as tf.Tensor2D, h0, h0, null, options).outputs!), [xProj, u]),
  );
}
const x = tf.randomNormal([batch, time, inputDim]);
const ours = rcLSTM({ units, returnSequences: true });
const stock = tf.layers.lstm({ units, returnSequences: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' });
for (const [name, layer] of [
  ['RcLSTM layer', ours],
  ['tf.layers.lstm', stock],
] as const) {
  tf.dispose(layer.apply(x) as tf.Tensor);
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  timeIt(`${name} predict`, () => layer.apply(x) as tf.Tensor);
  timeIt(`${name} forward+backward`, () => tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor), vars));
}

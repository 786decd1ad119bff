// Micro-benchmark: one LSTM-sized recurrent matMul per step, feature-major `matMul(Uᵀ, h)` (right
// operand changes every step) against batch-major `matMul(h, U)` (constant right operand, which
// the wasm backend's XNNPACK operator cache packs once). Alternates the two in one process and
// prints the median ms per step of each. Usage:
//   node test/bench/step-layout.mjs [--backend wasm] [--batch 32] [--units 128] [--gates 4] [--steps 40] [--reps 15]
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    batch: { type: 'string', default: '32' },
    units: { type: 'string', default: '128' },
    gates: { type: 'string', default: '4' },
    steps: { type: 'string', default: '40' },
    reps: { type: 'string', default: '15' },
  },
});
const [batch, units, gates, steps, reps] = ['batch', 'units', 'gates', 'steps', 'reps'].map((k) => Number(args[k]));
const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: args.backend });

const u = tf.randomUniform([units, gates * units], -0.1, 0.1);
const uT = tf.transpose(u);
const plans = {
  'feature-major matMul(Uᵀ, h)': () => {
    let h = tf.randomUniform([units, batch]);
    for (let t = 0; t < steps; t++) {
      const next = tf.tidy(() => tf.tanh(tf.slice(tf.matMul(uT, h), [0, 0], [units, batch])));
      h.dispose();
      h = next;
    }
    return h;
  },
  'batch-major matMul(h, U)': () => {
    let h = tf.randomUniform([batch, units]);
    for (let t = 0; t < steps; t++) {
      const next = tf.tidy(() => tf.tanh(tf.slice(tf.matMul(h, u), [0, 0], [batch, units])));
      h.dispose();
      h = next;
    }
    return h;
  },
};
const times = Object.fromEntries(Object.keys(plans).map((k) => [k, []]));
for (let r = 0; r < reps + 1; r++) {
  for (const [name, plan] of Object.entries(plans)) {
    const start = performance.now();
    const h = plan();
    await h.data();
    h.dispose();
    if (r > 0) times[name].push((performance.now() - start) / steps);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${tf.getBackend()} batch ${batch} units ${units} gates ${gates}: median ms/step over ${reps} runs of ${steps} steps`);
for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(30)} ${median(xs).toFixed(3)}`);

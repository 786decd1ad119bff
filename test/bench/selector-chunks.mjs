// Cost of reading every row of a [rows, features] tensor once (a recurrence's per-step inputs) on
// one backend, interleaved in one process: TimeStepSelector with several chunk sizes, tf.unstack,
// and splitTimeSteps. Prints the median ms per full pass. Run after building @recurrent/layers:
//   node test/bench/selector-chunks.mjs [--backend wasm] [--rows 160] [--features 4096] [--rounds 9]
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    rows: { type: 'string', default: '160' },
    features: { type: 'string', default: '4096' },
    rounds: { type: 'string', default: '9' },
  },
});
const [rows, features, rounds] = ['rows', 'features', 'rounds'].map((k) => Number(args[k]));
const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: args.backend });
const { TimeStepSelector, splitTimeSteps } = await import('@recurrent/layers');
const x = tf.randomUniform([rows, features]);
const passes = {
  ...Object.fromEntries([4, 8, 16, 40, rows].map((k) => [`selector, chunks ≤ ${k}`, () => tf.tidy(() => {
    const select = new TimeStepSelector(x, k);
    for (let r = 0; r < rows; r++) select.at(r);
  })])),
  'tf.unstack': () => tf.dispose(tf.unstack(x)),
  splitTimeSteps: () => tf.dispose(splitTimeSteps(x)),
};
const times = Object.fromEntries(Object.keys(passes).map((k) => [k, []]));
for (let round = 0; round <= rounds; round++) {
  for (const [name, pass] of Object.entries(passes)) {
    const start = performance.now();
    pass();
    if (round > 0) times[name].push(performance.now() - start);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${tf.getBackend()} [${rows}, ${features}]: median ms to read every row once, ${rounds} rounds`);
for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(24)} ${median(xs).toFixed(1)}`);

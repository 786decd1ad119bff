/**
 * Prints how long recurrent-kernel initialisation takes: our RcOrthogonal (Gram-Schmidt in plain
 * JS) vs tfjs's `orthogonal` initializer (tensor QR) on the cpu backend. Numbers only.
 * Run: cd /work/main && npx tsx packages/layers/bench/orthogonal-bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { RcOrthogonal } from '../src/rc-orthogonal.js';

await tf.setBackend('cpu');
for (const shape of [
  [128, 512],
  [256, 1024],
]) {
  const start = performance.now();
  tf.dispose(new RcOrthogonal({ seed: 1 }).apply(shape));
  console.log(`RcOrthogonal ${JSON.stringify(shape)}: ${(performance.now() - start).toFixed(0)} ms`);
}
const start = performance.now();
tf.dispose(tf.initializers.orthogonal({ seed: 1 }).apply([128, 512]));
console.log(`tf.initializers.orthogonal [128,512]: ${(performance.now() - start).toFixed(0)} ms`);

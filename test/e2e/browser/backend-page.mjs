/* global WebAssembly */
// Bundled by browser-backend.test.ts (esbuild) and run in headless Chromium: the backend and the
// layers as a web page would use them. Prints one `RESULT {json}` console line.
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '@recurrent/backend';
import * as layers from '@recurrent/layers';

wasm.setWasmPaths('/wasm/');
const out = {};
try {
  const info = await initBackend({ prefer: 'wasm' });
  out.backend = tf.getBackend();
  out.kernelsAdded = info.kernelsAdded;
  // minGRU through its fused kernel against the composite ops: outputs and every gradient.
  const x = tf.randomNormal([3, 40, 5], 0, 1, 'float32', 1);
  const layer = layers.rcMinGRU({ units: 6, returnSequences: true });
  layer.apply(x);
  const run = () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x, { training: true }))));
    return [value, ...Object.values(grads)];
  };
  const fused = run();
  layers.setRecurrencePlan({ fused: false });
  const composite = run();
  layers.setRecurrencePlan(null);
  let worst = 0;
  for (let i = 0; i < fused.length; i++) {
    const [a, b] = [await fused[i].data(), await composite[i].data()];
    for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]) / (1 + Math.abs(b[j])));
  }
  out.minGruWorstRelativeDiff = worst;
  out.minGruKernels = (await tf.profile(() => layer.apply(x))).kernels
    .map((k) => k.name)
    .filter((n) => n.startsWith('Rc'));
  // One Adam step from zero moments moves each value by the learning rate against its gradient's sign.
  const value = tf.tensor1d([0.5, -0.25, 1, 2, 3]);
  const gradient = tf.tensor1d([0.1, 0.2, -0.3, 0.4, -0.5]);
  const zeros = tf.zeros([5]);
  const attrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  const [next] = tf
    .engine()
    .runKernel(
      'RcAdamUpdate',
      { value, gradient, m: zeros, v: zeros, accBeta1: tf.scalar(0.9), accBeta2: tf.scalar(0.999) },
      attrs,
    );
  out.adam = Array.from(await next.data());
  out.heapMemory = tf.backend().wasm?.asm?.memory instanceof WebAssembly.Memory;
  out.tanh = Array.from(await tf.tanh(tf.tensor1d([0, 1, -2, 20])).data());
  out.slice = Array.from(
    await tf.slice(tf.reshape(tf.range(0, 24), [2, 3, 4]), [1, 1, 0], [1, 2, -1]).data(),
  );
} catch (e) {
  out.error = String((e && e.stack) || e);
}
console.log(`RESULT ${JSON.stringify(out)}`);

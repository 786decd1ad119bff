import * as tf from '@tensorflow/tfjs';
const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: 'wasm' });
const layers = await import('@recurrent/layers');
const T = 512, batch = 16, vocab = 5000;
const impl = process.argv[2] ?? 'minGRU';
const model = tf.sequential({ layers: [
  tf.layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: T }),
  impl === 'minGRU' ? layers.rcMinGRU({ units: 128 }) : impl === 'none' ? tf.layers.globalAveragePooling1d() : layers.rcGRU({ units: 128, recurrentInitializer: 'glorotUniform' }),
  tf.layers.dense({ units: 2, activation: 'softmax' }) ] });
const opt = tf.train.adam(1e-3);
const ids = tf.randomUniform([batch, T], 1, vocab, 'int32');
const labels = tf.oneHot(tf.randomUniform([batch], 0, 2, 'int32'), 2);
const step = async () => { const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(ids, { training: true })), true); await l.data(); l.dispose(); };
await step(); await step(); await step();
const info = await tf.profile(step);
const agg = {};
for (const k of info.kernels) { const a = agg[k.name] ??= { ms: 0, n: 0 }; a.ms += k.kernelTimeMs; a.n++; }
const rows = Object.entries(agg).sort((x, y) => y[1].ms - x[1].ms);
let total = 0; for (const [, v] of rows) total += v.ms;
console.log('total kernel ms', total.toFixed(0), 'kernels', info.kernels.length);
for (const [k, v] of rows.slice(0, 18)) console.log(k.padEnd(20), v.ms.toFixed(1).padStart(8), String(v.n).padStart(6));
for (const k of info.kernels) if (k.name === "BatchMatMul" && k.kernelTimeMs > 5) console.log(k.name, k.inputShapes, k.kernelTimeMs.toFixed(1));
const s = performance.now(); await step(); console.log('wall', (performance.now() - s).toFixed(0));

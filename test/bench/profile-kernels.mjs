// Kernel profile of one recurrent layer's forward (and optionally a training step): which kernels
// run, how many times, and their total time, via tf.profile. Usage:
//   node test/bench/profile-kernels.mjs [--backend wasm] [--cell lstm] [--impl ours|tfjs] [--train] [--fused false]
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    cell: { type: 'string', default: 'lstm' },
    impl: { type: 'string', default: 'ours' },
    train: { type: 'boolean', default: false },
    batch: { type: 'string', default: '32' },
    length: { type: 'string', default: '40' },
    hidden: { type: 'string', default: '128' },
    layout: { type: 'string' }, // feature-major | batch-major (default: per backend)
    bptt: { type: 'string' }, // true | false (default: per backend)
    fused: { type: 'string' }, // true | false (default true: the fused kernels where registered)
  },
});
const [batch, length, hidden] = ['batch', 'length', 'hidden'].map((k) => Number(args[k]));
const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: args.backend });
const layers = await import('@recurrent/layers');
layers.setRecurrencePlan({
  ...(args.layout === undefined ? {} : { layout: args.layout }),
  ...(args.bptt === undefined ? {} : { bptt: args.bptt === 'true' }),
  ...(args.fused === undefined ? {} : { fused: args.fused === 'true' }),
});
const common = { units: hidden, recurrentInitializer: 'glorotUniform' };
const layer =
  args.impl === 'tfjs'
    ? (args.cell === 'gru' ? tf.layers.gru : tf.layers.lstm)({ ...common, recurrentActivation: 'sigmoid' })
    : (args.cell === 'gru' ? layers.rcGRU : layers.rcLSTM)(common);
const x = tf.randomUniform([batch, length, 64]);
const labels = tf.randomUniform([batch, hidden]);
layer.apply(x).dispose();
const optimizer = tf.train.sgd(1e-3);
const work = args.train
  ? () => optimizer.minimize(() => tf.losses.meanSquaredError(labels, layer.apply(x, { training: true })), true)
  : () => layer.apply(x);
tf.dispose(work());
const start = performance.now();
tf.dispose(work());
const wall = performance.now() - start;
const info = await tf.profile(() => work());
const byKernel = new Map();
let total = 0;
for (const k of info.kernels) {
  const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  const key = k.name === 'BatchMatMul' || k.name === '_FusedMatMul' ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
  const entry = byKernel.get(key) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += ms;
  total += ms;
  byKernel.set(key, entry);
}
console.log(`${tf.getBackend()} ${args.impl} ${JSON.stringify(layers.currentRecurrencePlan())} ${args.cell} ${args.train ? 'train' : 'infer'}: wall ${wall.toFixed(1)} ms (unprofiled), ${info.kernels.length} kernels, kernel time ${total.toFixed(1)} ms`);
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${name.padEnd(40)} ${String(e.count).padStart(5)} ${e.ms.toFixed(2).padStart(9)} ms`);
}

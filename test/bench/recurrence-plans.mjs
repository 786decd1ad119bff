// Compares the recurrence plans of @recurrent/layers (step layout × autodiff/BPTT) against tf.layers
// on one backend, in ONE process, interleaved round by round so that the load of a shared machine
// hits every variant alike. Prints median tokens/s (train = Adam step, infer = predict) per variant.
// Run after `npx turbo run build --filter=@recurrent/layers`:
//   node test/bench/recurrence-plans.mjs [--backend wasm] [--cell lstm|gru] [--hidden 128] [--length 40] [--rounds 5]
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    cell: { type: 'string', default: 'lstm' },
    batch: { type: 'string', default: '32' },
    length: { type: 'string', default: '40' },
    vocab: { type: 'string', default: '5000' },
    embedding: { type: 'string', default: '64' },
    hidden: { type: 'string', default: '128' },
    rounds: { type: 'string', default: '5' },
    steps: { type: 'string', default: '2' },
    plans: { type: 'string', default: 'fused,feature-major/autodiff,feature-major/bptt,batch-major/autodiff,batch-major/bptt,tfjs' },
    'no-train': { type: 'boolean', default: false },
  },
});
const [batch, length, vocab, embeddingDim, hidden, rounds, steps] = ['batch', 'length', 'vocab', 'embedding', 'hidden', 'rounds', 'steps'].map((k) => Number(args[k]));
const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: args.backend });
const layers = await import('@recurrent/layers');

function makeModel(stock) {
  const common = { units: hidden, recurrentInitializer: 'glorotUniform' };
  const rnn = stock
    ? (args.cell === 'gru' ? tf.layers.gru : tf.layers.lstm)({ ...common, recurrentActivation: 'sigmoid' })
    : (args.cell === 'gru' ? layers.rcGRU : layers.rcLSTM)(common);
  return tf.sequential({
    layers: [tf.layers.embedding({ inputDim: vocab, outputDim: embeddingDim, inputLength: length }), rnn, tf.layers.dense({ units: 2, activation: 'softmax' })],
  });
}
const ids = tf.randomUniform([batch, length], 1, vocab, 'int32');
const labels = tf.oneHot(tf.randomUniform([batch], 0, 2, 'int32'), 2);
const variants = args.plans.split(',').map((name) => {
  const model = makeModel(name === 'tfjs');
  const optimizer = tf.train.adam(1e-3);
  // 'fused': the fused whole-sequence kernels (registered by initBackend on wasm/cpu); the composite plans turn them off.
  const plan =
    name === 'tfjs' ? null : name === 'fused' ? { fused: true } : { layout: name.split('/')[0], bptt: name.split('/')[1] === 'bptt', fused: false };
  return { name, model, optimizer, plan, train: [], infer: [] };
});

async function timed(fn) {
  const start = performance.now();
  for (let i = 0; i < steps; i++) await fn();
  return (batch * length * steps) / ((performance.now() - start) / 1000);
}
for (let round = 0; round <= rounds; round++) {
  for (const v of variants) {
    if (v.plan !== null) layers.setRecurrencePlan(v.plan);
    const infer = await timed(async () => {
      const out = v.model.predict(ids);
      await out.data();
      out.dispose();
    });
    const train = args['no-train']
      ? NaN
      : await timed(async () => {
          const loss = v.optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, v.model.apply(ids, { training: true })), true);
          await loss.data();
          loss.dispose();
        });
    if (round > 0) {
      v.infer.push(infer);
      v.train.push(train);
    }
    layers.setRecurrencePlan(null);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (Number.isNaN(x) ? '—' : Math.round(x).toLocaleString('en-US'));
console.log(`${tf.getBackend()} ${args.cell} batch ${batch} length ${length} hidden ${hidden}: median tokens/s over ${rounds} rounds of ${steps} steps`);
console.log(`${'variant'.padEnd(24)} ${'train'.padStart(8)} ${'infer'.padStart(8)}`);
for (const v of variants) console.log(`${v.name.padEnd(24)} ${fmt(median(v.train)).padStart(8)} ${fmt(median(v.infer)).padStart(8)}`);
console.log(JSON.stringify({ backend: tf.getBackend(), cell: args.cell, batch, length, hidden, results: variants.map((v) => ({ name: v.name, train: median(v.train), infer: median(v.infer) })) }));

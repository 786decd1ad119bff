// Tokens/s of one training step of Embedding(5000×64) → tf.layers.lstm(128) → Dense
// (batch 32, length 40: the PERF-NOTES configuration), first with only UnsortedSegmentSum
// replaced (stock tfjs otherwise), then with every patch. Backend: wasm (default) or cpu.
//   npx turbo run build --filter=@recurrent/backend && node packages/backend/bench/training-step.mjs [wasm|cpu]
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { loadWasmBackend, patchKernels } from '../dist/index.js';

const [BATCH, TIME, VOCAB, EMBED, UNITS, CLASSES] = [32, 40, 5000, 64, 128, 2];
const STEPS = process.argv[2] === 'cpu' ? 2 : 5;

function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: EMBED, inputLength: TIME }));
  model.add(tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform' }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

async function tokensPerSecond() {
  const x = tf.randomUniform([BATCH, TIME], 0, VOCAB, 'int32', 1).cast('float32');
  const y = tf.randomUniform([BATCH, 1], 0, CLASSES, 'int32', 2).cast('float32');
  const model = buildModel();
  await model.trainOnBatch(x, y); // warm-up
  const start = performance.now();
  for (let i = 0; i < STEPS; i++) await model.trainOnBatch(x, y);
  const seconds = (performance.now() - start) / 1000;
  model.optimizer.dispose();
  model.dispose();
  tf.dispose([x, y]);
  return (STEPS * BATCH * TIME) / seconds;
}

const backend = process.argv[2] ?? 'wasm';
if (backend === 'wasm') await loadWasmBackend();
await tf.setBackend(backend);
patchKernels(backend, ['UnsortedSegmentSum']);
console.log(`${backend}, UnsortedSegmentSum only:  ${(await tokensPerSecond()).toFixed(0)} tokens/s training`);
patchKernels(backend);
console.log(`${backend}, all patches:              ${(await tokensPerSecond()).toFixed(0)} tokens/s training`);

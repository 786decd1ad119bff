// Measures training and inference tokens/s of one recurrent classifier on one backend, in its own
// process, and prints one JSON line per measurement. Run by run.mjs; usable alone:
//   node test/bench/classifier-throughput.mjs --backend wasm --cell lstm --impl ours
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { timeSteps } from './time-steps.mjs';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    cell: { type: 'string', default: 'lstm' }, // lstm | gru
    impl: { type: 'string', default: 'ours' }, // ours | tfjs
    stock: { type: 'boolean', default: false }, // tfjs as shipped: no kernel replacements
    batch: { type: 'string', default: '32' },
    length: { type: 'string', default: '40' },
    vocab: { type: 'string', default: '5000' },
    embedding: { type: 'string', default: '64' },
    hidden: { type: 'string', default: '128' },
    'train-steps': { type: 'string', default: '5' },
    'infer-steps': { type: 'string', default: '10' },
    config: { type: 'string', default: 'A' },
    // Recurrence plan of our layers (default: per backend, see recurrencePlanFor): feature-major | batch-major
    layout: { type: 'string' },
    bptt: { type: 'string' }, // true | false
    fused: { type: 'string' }, // true | false: fused whole-sequence kernels when registered (default true)
    'kernel-threads': { type: 'string', default: 'auto' }, // auto | 1 | 2: threads of the fused kernels (auto: initBackend's default)
  },
});
const batch = Number(args.batch);
const length = Number(args.length);
const vocab = Number(args.vocab);
const embeddingDim = Number(args.embedding);
const hidden = Number(args.hidden);
const trainSteps = Number(args['train-steps']);
const inferSteps = Number(args['infer-steps']);

let kernelThreads = 1;
if (args.stock) {
  if (args.backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(args.backend);
} else {
  const { initBackend, parseKernelThreads } = await import('@recurrent/backend');
  kernelThreads = (await initBackend({ prefer: args.backend, kernelThreads: parseKernelThreads(args['kernel-threads']) })).kernelThreads;
}
await tf.ready();
const layers = await import('@recurrent/layers');
const planOverride = {
  ...(args.layout === undefined ? {} : { layout: args.layout }),
  ...(args.bptt === undefined ? {} : { bptt: args.bptt === 'true' }),
  ...(args.fused === undefined ? {} : { fused: args.fused === 'true' }),
};
layers.setRecurrencePlan(planOverride);
const plan = layers.currentRecurrencePlan();
const fusedRuns = plan.fused && layers.hasRecurrenceKernel(args.cell === 'gru' ? layers.RECURRENCE_KERNELS.gru : layers.RECURRENCE_KERNELS.lstm);
const planLabel = fusedRuns ? `:fused${kernelThreads === 2 ? '×2 threads' : ''}` : `:${plan.layout}${plan.bptt ? '+bptt' : ''}`;

function recurrentLayer() {
  // Both variants use sigmoid gates and glorot/zeros-free inits that do not stall (orthogonal on cpu takes ~22 s).
  const common = { units: hidden, recurrentInitializer: 'glorotUniform' };
  if (args.impl === 'tfjs') {
    const tfArgs = { ...common, recurrentActivation: 'sigmoid' };
    return args.cell === 'gru' ? tf.layers.gru(tfArgs) : tf.layers.lstm(tfArgs);
  }
  return args.cell === 'gru' ? layers.rcGRU(common) : layers.rcLSTM(common);
}

const model = tf.sequential({
  layers: [
    tf.layers.embedding({ inputDim: vocab, outputDim: embeddingDim, inputLength: length }),
    recurrentLayer(),
    tf.layers.dense({ units: 2, activation: 'softmax' }),
  ],
});
// Ours trains with @recurrent/train's Adam (one fused kernel per variable where registered), as the apps do.
const { FusedAdamOptimizer } = await import('@recurrent/train');
const optimizer = args.stock || args.impl === 'tfjs' ? tf.train.adam(1e-3) : new FusedAdamOptimizer(1e-3, 0.9, 0.999, 1e-7);
const ids = tf.randomUniform([batch, length], 1, vocab, 'int32');
const labels = tf.oneHot(tf.randomUniform([batch], 0, 2, 'int32'), 2);

const lossFn = () => tf.losses.softmaxCrossEntropy(labels, model.apply(ids, { training: true }));
async function trainStep() {
  const loss = optimizer.minimize(lossFn, true);
  await loss.data();
  loss.dispose();
}
async function inferStep() {
  const out = model.predict(ids);
  await out.data();
  out.dispose();
}

const tokens = batch * length;
const inferSeconds = await timeSteps(inferStep, 1, inferSteps);
const trainSeconds = await timeSteps(trainStep, 1, trainSteps);
const base = {
  config: args.config,
  backend: tf.getBackend(),
  impl: args.stock ? `${args.impl}-stock` : `${args.impl}${args.impl === 'ours' ? planLabel : ''}`,
  cell: args.cell,
  batch,
  length,
  hidden,
};
console.log(JSON.stringify({ ...base, mode: 'train', tokensPerSecond: tokens / trainSeconds, steps: trainSteps }));
console.log(JSON.stringify({ ...base, mode: 'infer', tokensPerSecond: tokens / inferSeconds, steps: inferSteps }));

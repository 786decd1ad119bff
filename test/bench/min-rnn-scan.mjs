// Training (and inference) tokens/s of minGRU/minLSTM run as a parallel scan against our sequential
// RcGRU, at several sequence lengths, in one process on one backend: Embedding → layer → softmax
// classifier on the last state, Adam (@recurrent/train's fused one, as the apps use). Each number is
// the median step time of several steps (the machine may be shared). Prints one JSON line per measurement, then a table and the minGRU/RcGRU
// training ratio at length 512 (the bar: ≥ 10×) against RcGRU with the fused kernels and
// against RcGRU's composite per-step plan.
// Needs the built packages: npx turbo run build --filter=@recurrent/layers --filter=@recurrent/backend
//   node test/bench/min-rnn-scan.mjs [--backend wasm] [--lengths 64,256,512,1024] [--steps 5]
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { timeSteps } from './time-steps.mjs';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    lengths: { type: 'string', default: '64,256,512,1024' },
    impls: { type: 'string', default: 'rcGRU,rcGRU-composite,minGRU,minGRU-sequential,minLSTM' },
    batch: { type: 'string', default: '16' },
    hidden: { type: 'string', default: '128' },
    embedding: { type: 'string', default: '64' },
    vocab: { type: 'string', default: '5000' },
    steps: { type: 'string', default: '5' }, // timed training steps per row (after one warm-up step); median reported
  },
});
const batch = Number(args.batch);
const hidden = Number(args.hidden);
const embeddingDim = Number(args.embedding);
const vocab = Number(args.vocab);
const steps = Number(args.steps);
const lengths = args.lengths.split(',').map(Number);
const impls = args.impls.split(',');

const { initBackend } = await import('@recurrent/backend');
await initBackend({ prefer: args.backend });
await tf.ready();
const layers = await import('@recurrent/layers');
// Adam as the apps train: @recurrent/train's, one fused kernel per variable where registered.
const { FusedAdamOptimizer } = await import('@recurrent/train');

function recurrentLayer(impl) {
  switch (impl) {
    case 'rcGRU': // the fused whole-sequence kernels where registered (wasm, cpu)
    case 'rcGRU-composite': // the composite per-step plan (measure() turns the fused kernels off)
      return layers.rcGRU({ units: hidden, recurrentInitializer: 'glorotUniform' });
    case 'minGRU':
      return layers.rcMinGRU({ units: hidden, mode: 'parallel' });
    case 'minGRU-sequential':
      return layers.rcMinGRU({ units: hidden, mode: 'sequential' });
    case 'minLSTM':
      return layers.rcMinLSTM({ units: hidden, mode: 'parallel' });
    default:
      throw new Error(
        `unknown impl ${impl}; allowed: rcGRU, rcGRU-composite, minGRU, minGRU-sequential, minLSTM`,
      );
  }
}

async function measure(impl, length) {
  layers.setRecurrencePlan(impl === 'rcGRU-composite' ? { fused: false } : null);
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: vocab, outputDim: embeddingDim, inputLength: length }),
      recurrentLayer(impl),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const optimizer = new FusedAdamOptimizer(1e-3, 0.9, 0.999, 1e-7);
  const ids = tf.randomUniform([batch, length], 1, vocab, 'int32');
  const labels = tf.oneHot(tf.randomUniform([batch], 0, 2, 'int32'), 2);
  const lossFn = () => tf.losses.softmaxCrossEntropy(labels, model.apply(ids, { training: true }));
  const train = async () => {
    const loss = optimizer.minimize(lossFn, true);
    await loss.data();
    loss.dispose();
  };
  const infer = async () => {
    const out = model.predict(ids);
    await out.data();
    out.dispose();
  };
  const tokens = batch * length;
  // Long sequential runs take seconds per step: fewer timed steps there (at least 3 for a median).
  const trainSteps =
    impl.startsWith('rcGRU') || impl === 'minGRU-sequential'
      ? Math.max(3, Math.min(steps, Math.round(2048 / length)))
      : steps;
  // one warm-up step each (builds weights, compiles wasm paths), then the median of the timed ones
  const trainSeconds = await timeSteps(train, 1, trainSteps);
  const inferSeconds = await timeSteps(infer, 1, Math.max(3, trainSteps));
  tf.dispose([ids, labels]);
  optimizer.dispose();
  model.dispose();
  const base = { bench: 'min-rnn-scan', backend: tf.getBackend(), impl, batch, length, hidden };
  return [
    { ...base, mode: 'train', tokensPerSecond: tokens / trainSeconds, steps: trainSteps },
    { ...base, mode: 'infer', tokensPerSecond: tokens / inferSeconds, steps: Math.max(3, trainSteps) },
  ];
}

const results = [];
for (const length of lengths) {
  for (const impl of impls) {
    const rows = await measure(impl, length);
    for (const row of rows) console.log(JSON.stringify(row));
    results.push(...rows);
  }
}

const fmt = (x) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US').padStart(9));
const find = (impl, length, mode) =>
  results.find((r) => r.impl === impl && r.length === length && r.mode === mode)?.tokensPerSecond;
console.log(
  `\nbatch ${batch}, hidden ${hidden}, Embedding ${vocab}→${embeddingDim}, classifier, Adam; backend ${tf.getBackend()}; tokens/s (train / infer)\n`,
);
console.log(`length  ${impls.map((i) => i.padStart(21)).join('')}   minGRU/rcGRU train (fused, composite)`);
const ratioOf = (length, base) => {
  const gru = find(base, length, 'train');
  const min = find('minGRU', length, 'train');
  return gru && min ? min / gru : undefined;
};
for (const length of lengths) {
  const cells = impls.map((impl) =>
    `${fmt(find(impl, length, 'train'))} /${fmt(find(impl, length, 'infer'))}`.padStart(21),
  );
  const ratios = ['rcGRU', 'rcGRU-composite']
    .map((base) => ratioOf(length, base))
    .map((r) => (r === undefined ? '—' : `${r.toFixed(1)}×`));
  console.log(
    `${String(length).padStart(6)}  ${cells.join('')}   ${ratios.map((r) => r.padStart(7)).join(' ')}`,
  );
}
for (const base of ['rcGRU', 'rcGRU-composite']) {
  const ratio = ratioOf(512, base);
  if (ratio !== undefined) {
    console.log(
      `length 512: minGRU (parallel) trains ${ratio.toFixed(1)}× as many tokens/s as ${base} (bar: ≥ 10×: ${ratio >= 10 ? 'met' : 'NOT met'})`,
    );
  }
}

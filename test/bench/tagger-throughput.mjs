// Configuration C of the performance issue: a BiLSTM-CRF tagger (batch 32, length 30, vocab 5000
// → Embedding 64 → BiLSTM 128 per direction → Dense 17 emissions → CRF). Training: CRF negative
// log-likelihood (forward algorithm) + Adam; inference: emissions, then Viterbi (packages/decoding)
// on plain arrays. Prints one JSON line per mode, like classifier-throughput.mjs. Usable alone:
//   node test/bench/tagger-throughput.mjs --backend wasm --impl ours
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { timeSteps } from './time-steps.mjs';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    impl: { type: 'string', default: 'ours' }, // ours | tfjs (tf.layers.bidirectional(lstm))
    batch: { type: 'string', default: '32' },
    length: { type: 'string', default: '30' },
    vocab: { type: 'string', default: '5000' },
    embedding: { type: 'string', default: '64' },
    hidden: { type: 'string', default: '128' },
    tags: { type: 'string', default: '17' },
    'train-steps': { type: 'string', default: '5' },
    'infer-steps': { type: 'string', default: '10' },
    fused: { type: 'string' }, // true | false (default: fused kernels when registered)
  },
});
const [batch, length, vocab, embeddingDim, hidden, numTags] = ['batch', 'length', 'vocab', 'embedding', 'hidden', 'tags'].map((k) => Number(args[k]));
const trainSteps = Number(args['train-steps']);
const inferSteps = Number(args['infer-steps']);

const { initBackend } = await import('@recurrent/backend');
const { kernelThreads } = await initBackend({ prefer: args.backend });
const layers = await import('@recurrent/layers');
const { viterbiDecode } = await import('@recurrent/decoding');
if (args.fused !== undefined) layers.setRecurrencePlan({ fused: args.fused === 'true' });
const fusedRuns = layers.currentRecurrencePlan().fused && layers.hasRecurrenceKernel(layers.RECURRENCE_KERNELS.lstm);

const common = { units: hidden, returnSequences: true, recurrentInitializer: 'glorotUniform' };
const encoder =
  args.impl === 'tfjs'
    ? tf.layers.bidirectional({ layer: tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' }), mergeMode: 'concat' })
    : layers.rcBidirectional({ layer: layers.rcLSTM(common) });
const model = tf.sequential({
  layers: [
    tf.layers.embedding({ inputDim: vocab, outputDim: embeddingDim, inputLength: length }),
    encoder,
    tf.layers.dense({ units: numTags }),
  ],
});
const crf = layers.crfLayer({ numTags });
crf.apply(tf.zeros([1, length, numTags]));
// Ours trains with @recurrent/train's Adam (one fused kernel per variable where registered), as the apps do.
const { FusedAdamOptimizer } = await import('@recurrent/train');
const optimizer = args.impl === 'tfjs' ? tf.train.adam(1e-3) : new FusedAdamOptimizer(1e-3, 0.9, 0.999, 1e-7);
const ids = tf.randomUniform([batch, length], 1, vocab, 'int32');
const tags = tf.randomUniform([batch, length], 0, numTags, 'int32');
const lengths = new Array(batch).fill(length);

async function trainStep() {
  const loss = optimizer.minimize(() => crf.negLogLikelihood(model.apply(ids, { training: true }), tags, null), true);
  await loss.data();
  loss.dispose();
}
async function inferStep() {
  const emissions = model.predict(ids);
  const values = await emissions.data();
  emissions.dispose();
  const { transitions, start, end } = await crf.decodeParameters();
  viterbiDecode(values, transitions, start, end, lengths);
}

const tokens = batch * length;
const inferSeconds = await timeSteps(inferStep, 1, inferSteps);
const trainSeconds = await timeSteps(trainStep, 1, trainSteps);
const base = {
  config: 'C',
  backend: tf.getBackend(),
  impl: `${args.impl}${args.impl === 'ours' ? (fusedRuns ? `:fused${kernelThreads === 2 ? '×2 threads' : ''}` : ':composite') : ''}+crf`,
  cell: 'lstm',
  batch,
  length,
  hidden,
  directions: 2,
};
console.log(JSON.stringify({ ...base, mode: 'train', tokensPerSecond: tokens / trainSeconds, steps: trainSteps }));
console.log(JSON.stringify({ ...base, mode: 'infer', tokensPerSecond: tokens / inferSeconds, steps: inferSteps }));

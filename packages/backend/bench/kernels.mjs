// Before/after timings of the kernels @recurrent/backend replaces. Plain node on the built dist:
//   npx turbo run build --filter=@recurrent/backend && node packages/backend/bench/kernels.mjs
// Prints one line per measurement (median ms over the runs). Not a test: numbers vary by machine.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { loadWasmBackend, patchKernels } from '../dist/index.js';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median ms of `fn` (which returns tensors) over `runs`, after `warmup` runs; reads results back. */
async function time(fn, { runs = 20, warmup = 2 } = {}) {
  const samples = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    const out = fn();
    const list = Array.isArray(out) ? out : [out];
    await Promise.all(list.map((t) => t.data()));
    if (i >= warmup) samples.push(performance.now() - start);
    tf.dispose(list);
  }
  return median(samples);
}

const report = (what, ms) => console.log(`${what.padEnd(64)} ${ms.toFixed(3).padStart(10)} ms`);

const dy = tf.randomNormal([1280, 64], 0, 1, 'float32', 1); // the embedding gradient of a [32,40] batch
const ids5000 = tf.randomUniform([1280], 0, 5000, 'int32', 2);
const ids500 = tf.randomUniform([1280], 0, 500, 'int32', 3);

// --- cpu ---
await tf.setBackend('cpu');
const x = tf.randomNormal([32, 512], 0, 1, 'float32', 4);
report(
  'cpu stock   UnsortedSegmentSum [1280,64] -> 500 segments',
  await time(() => tf.unsortedSegmentSum(dy, ids500, 500), { runs: 1, warmup: 0 }),
);
report('cpu stock   split [32,512] into 4 along the last axis', await time(() => tf.split(x, 4, 1)));
report('cpu stock   split [32,512] into 4 along axis 0', await time(() => tf.split(x, 4, 0)));
report(
  'cpu stock   slice [32,512] -> [32,128] at column 128',
  await time(() => tf.slice(x, [0, 128], [32, 128])),
);
patchKernels('cpu');
report(
  'cpu patched UnsortedSegmentSum [1280,64] -> 500 segments',
  await time(() => tf.unsortedSegmentSum(dy, ids500, 500)),
);
report(
  'cpu patched UnsortedSegmentSum [1280,64] -> 5000 segments',
  await time(() => tf.unsortedSegmentSum(dy, ids5000, 5000)),
);
report('cpu patched split [32,512] into 4 along the last axis', await time(() => tf.split(x, 4, 1)));
report(
  'cpu patched slice [32,512] -> [32,128] at column 128',
  await time(() => tf.slice(x, [0, 128], [32, 128])),
);
tf.dispose([x]);

// --- wasm ---
const movedDy = await dy.array();
const moved5000 = await ids5000.array();
await loadWasmBackend();
await tf.setBackend('wasm');
const wdy = tf.tensor2d(movedDy);
const wids = tf.tensor1d(moved5000, 'int32');
const a = tf.randomNormal([32, 256], 0, 1, 'float32', 5);
const b = tf.randomNormal([256, 512], 0, 1, 'float32', 6);
const aT = tf.transpose(a);
const bT = tf.transpose(b);
const matMuls = [
  ['plain [32,256]x[256,512]', () => tf.matMul(a, b)],
  ['transposeA [256,32]^T x[256,512]', () => tf.matMul(aT, b, true, false)],
  ['transposeB [32,256]x[512,256]^T', () => tf.matMul(a, bT, false, true)],
  ['explicit tf.transpose + plain', () => tf.tidy(() => tf.matMul(a, tf.transpose(bT)))],
  ['gradient of matMul (dA = dy·B^T, dB = A^T·dy)', () => tf.grads((p, q) => tf.matMul(p, q))([a, b])],
];
const table = tf.randomNormal([5000, 64], 0, 1, 'float32', 7);
const rows = tf.randomNormal([1280, 512], 0, 1, 'float32', 8);
const seq = tf.randomNormal([32, 30, 128], 0, 1, 'float32', 9);
const scores = tf.randomNormal([32, 17, 17], 0, 1, 'float32', 10);
const maxes = tf.max(scores, 1, true);
const steps = tf.randomNormal([512, 16, 128], 0, 1, 'float32', 11);
const projection = tf.randomNormal([8192, 256], 0, 1, 'float32', 12);
const others = [
  ['GatherV2 [5000,64] table, 1280 ids (Embedding)', () => tf.gather(table, wids)],
  ['Sum [1280,512] over axis 0 (bias gradient)', () => tf.sum(rows, 0)],
  ['Reverse [32,30,128] along axis 1 (Bidirectional)', () => tf.reverse(seq, 1)],
  ['Equal [32,17,17] vs [32,1,17] (gradient of max)', () => tf.equal(scores, maxes)],
  ['Slice last step [1,16,128] of [512,16,128]', () => tf.slice(steps, [511, 0, 0], [1, -1, -1])],
  ['SplitV [8192,256] into 2 along the last axis', () => tf.split(projection, 2, 1)],
];
for (const [what, fn] of matMuls) report(`wasm stock   matMul ${what}`, await time(fn));
for (const [what, fn] of others) report(`wasm stock   ${what}`, await time(fn));
let stockMissing = 'missing';
try {
  tf.unsortedSegmentSum(wdy, wids, 5000).dispose();
  stockMissing = 'present';
} catch {
  // expected on tfjs 4.22
}
console.log(`wasm stock   UnsortedSegmentSum: ${stockMissing}`);
patchKernels('wasm');
for (const [what, fn] of matMuls) report(`wasm patched matMul ${what}`, await time(fn));
for (const [what, fn] of others) report(`wasm patched ${what}`, await time(fn));
report(
  'wasm patched UnsortedSegmentSum [1280,64] -> 5000 segments',
  await time(() => tf.unsortedSegmentSum(wdy, wids, 5000)),
);

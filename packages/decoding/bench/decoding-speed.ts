// Speed of Viterbi, greedy and beam search on synthetic inputs. Run: npx tsx packages/decoding/bench/decoding-speed.ts
import { SeededRandom } from '@recurrent/core';
import { beamSearch, greedyDecode, iobTransitionMask, viterbiDecode, type StepFunction } from '../src/index.js';

const rng = new SeededRandom(1);
const uniform = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 4 - 2);

function time(label: string, repeats: number, fn: () => unknown, unit: (ms: number) => string): void {
  fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < repeats; i++) fn();
  const ms = (performance.now() - start) / repeats;
  console.log(`${label}: ${ms.toFixed(3)} ms/call, ${unit(ms)}`);
}

async function timeAsync(label: string, repeats: number, fn: () => Promise<unknown>, unit: (ms: number) => string): Promise<void> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await fn();
  const ms = (performance.now() - start) / repeats;
  console.log(`${label}: ${ms.toFixed(3)} ms/call, ${unit(ms)}`);
}

// Viterbi: CoNLL-2003-like batch, 32 sentences × 40 tokens, 9 IOB2 tags (and 17 UPOS-like tags).
const tags = ['O', ...['PER', 'LOC', 'ORG', 'MISC'].flatMap((t) => [`B-${t}`, `I-${t}`])];
for (const numTags of [9, 17]) {
  const batch = 32;
  const steps = 40;
  const emissions = uniform(batch * steps * numTags);
  const args = [emissions, uniform(numTags * numTags), uniform(numTags), uniform(numTags), new Array(batch).fill(steps)] as const;
  const allowed = numTags === 9 ? { allowed: iobTransitionMask(tags, 'IOB2') } : {};
  time(`viterbiDecode batch ${batch} × time ${steps} × ${numTags} tags`, 200, () => viterbiDecode(...args, allowed), (ms) => `${Math.round((batch * steps) / ms)}k tokens/s`);
}

// Search: a model that is a fixed random table per step (cost of the search itself, not a model).
const vocab = 8000;
const tables = Array.from({ length: 8 }, () => {
  const logits = uniform(vocab);
  const max = Math.max(...logits);
  const logSum = max + Math.log(logits.reduce((s, x) => s + Math.exp(x - max), 0));
  return logits.map((x) => x - logSum);
});
const step: StepFunction<null> = async (prev, state, t) => {
  const logProbs = new Float32Array(prev.length * vocab);
  for (let r = 0; r < prev.length; r++) logProbs.set(tables[(t + (prev[r] as number)) % tables.length] as Float32Array, r * vocab);
  return { logProbs, state };
};
const common = { batchSize: 16, bosId: 1, eosId: 2, maxLength: 30, minLength: 29 };
await timeAsync(`greedyDecode batch 16, vocab ${vocab}, 30 steps`, 5, () => greedyDecode(step, null, common), (ms) => `${Math.round((16 * 30) / ms)}k tokens/s`);
for (const beamSize of [4, 8]) {
  await timeAsync(
    `beamSearch batch 16 × beam ${beamSize}, vocab ${vocab}, 30 steps`,
    3,
    () => beamSearch(step, null, { ...common, beamSize, lengthPenalty: 'wu', alpha: 0.6, reorderState: (s) => s }),
    (ms) => `${((16 * 30) / ms).toFixed(2)}k output tokens/s`,
  );
}

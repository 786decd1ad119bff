// Corpus BLEU throughput on seeded synthetic data (no assertions; prints numbers).
// Build first: npx turbo run build --filter=@recurrent/metrics
// Run:         node packages/metrics/bench/bleu-throughput.mjs [--pairs 10000] [--refs 1]
import { performance } from 'node:perf_hooks';
import { SeededRandom } from '@recurrent/core';
import { conllevalSentences, corpusBleu, formatBleu } from '../dist/index.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const pairs = arg('pairs', 10000);
const nrefs = arg('refs', 1);
const rng = new SeededRandom(20261122);
const vocab = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
const extras = [',', '.', '3.14', '1,000', "it's", 'x-ray', '&amp;', '(', ')', 'Mira'];
const word = () => (rng.next() < 0.1 ? extras[rng.nextInt(extras.length)] : vocab[Math.floor(rng.next() ** 2 * vocab.length)]);

function sentence() {
  const n = 8 + rng.nextInt(30);
  return Array.from({ length: n }, word);
}
function edit(tokens, rate) {
  const out = [];
  for (const t of tokens) {
    const r = rng.next();
    if (r < rate / 3) continue;
    out.push(r < (2 * rate) / 3 ? word() : t);
    if (r > 1 - rate / 3) out.push(word());
  }
  return out;
}

const refs = Array.from({ length: nrefs }, () => []);
const hyps = [];
for (let i = 0; i < pairs; i += 1) {
  const base = sentence();
  hyps.push(edit(base, 0.3).join(' '));
  for (const stream of refs) stream.push(edit(base, 0.1).join(' '));
}
const tokens = hyps.reduce((s, h) => s + h.split(' ').length, 0);

corpusBleu(hyps.slice(0, 200), refs.map((r) => r.slice(0, 200))); // warm-up
const times = [];
let result;
for (let run = 0; run < 5; run += 1) {
  const t0 = performance.now();
  result = corpusBleu(hyps, refs);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`corpusBleu: ${pairs} pairs, ${nrefs} ref stream(s), ${tokens} hypothesis tokens`);
console.log(`  median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over 5 runs`);
console.log(`  ${formatBleu(result, { withSignature: true })}`);

// conlleval on 10k sentences of 20 tokens
const tags = ['O', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG'];
const sentences = Array.from({ length: 10000 }, () =>
  Array.from({ length: 20 }, () => {
    const gold = tags[rng.nextInt(tags.length)];
    return { token: 't', gold, pred: rng.next() < 0.8 ? gold : tags[rng.nextInt(tags.length)] };
  }),
);
const c0 = performance.now();
const conll = conllevalSentences(sentences);
console.log(`conllevalSentences: 200000 tokens in ${(performance.now() - c0).toFixed(0)} ms (FB1 ${conll.fb1.toFixed(2)})`);

// Speed of tokenising, encoding and batching. Run: npx tsx packages/text/bench/text-speed.ts
import { SeededRandom } from '@recurrent/core';
import { Vocab, bucketBatches, countTokens, padSequences, tokenizeEnglish, detokenizeEnglish } from '../src/index.js';

const sentences = [
  "Mr. Smith said he can't attend the U.S. summit on 3 March, which costs $1,000.50 per seat.",
  'The quick brown fox -- tired of jumping -- sat down (finally) and read https://example.org/news...',
  "They're sure it's the best year since 1999; we'll see, won't we?",
];
const corpus = Array.from({ length: 20000 }, (_, i) => sentences[i % sentences.length] as string);
const chars = corpus.reduce((s, x) => s + x.length, 0);

let start = performance.now();
const tokenized = corpus.map(tokenizeEnglish);
let ms = performance.now() - start;
const tokens = tokenized.reduce((s, x) => s + x.length, 0);
console.log(`tokenizeEnglish: ${corpus.length} sentences, ${tokens} tokens in ${ms.toFixed(1)} ms (${(chars / 1e3 / ms).toFixed(2)} MB/s, ${Math.round(tokens / ms)}k tokens/s)`);

start = performance.now();
for (const t of tokenized) detokenizeEnglish(t);
console.log(`detokenizeEnglish: ${(performance.now() - start).toFixed(1)} ms for ${corpus.length} sentences`);

const vocab = Vocab.build(countTokens(tokenized), { lowercase: true });
start = performance.now();
const ids = tokenized.map((t) => vocab.encode(t));
ms = performance.now() - start;
console.log(`Vocab.encode: ${Math.round(tokens / ms)}k tokens/s`);

const rng = new SeededRandom(1);
const lengths = Array.from({ length: 100000 }, () => 1 + rng.nextInt(80));
start = performance.now();
const batches = bucketBatches(lengths, { batchSize: 32, rng });
console.log(`bucketBatches: 100000 examples → ${batches.length} batches in ${(performance.now() - start).toFixed(1)} ms`);

start = performance.now();
for (let i = 0; i < ids.length; i += 32) padSequences(ids.slice(i, i + 32));
console.log(`padSequences: ${ids.length} sequences in batches of 32 in ${(performance.now() - start).toFixed(1)} ms`);

// Test helpers (not built): tiny "language models" whose next-token distribution depends on the
// whole prefix, so a beam search that mixes up rows or states gives different numbers.
import { SeededRandom } from '@recurrent/core';
import type { StepFunction } from './decode-strategy.js';

/** State of the toy models: the prefix of each row: a batch-entry marker, `<bos>`, then the tokens. */
export type Prefixes = number[][];

export const reorderPrefixes = (state: Prefixes, rows: Int32Array): Prefixes => Array.from(rows, (r) => state[r] as number[]);

function hash(values: readonly number[], seed: number): number {
  let h = seed >>> 0;
  for (const v of values) h = Math.imul(h ^ (v + 0x9e3779b9), 0x85ebca6b) >>> 0;
  return h;
}

/** Log-softmax in float64, returned in float32 as a model would. */
function logSoftmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const logSum = max + Math.log(logits.reduce((s, x) => s + Math.exp(x - max), 0));
  return logits.map((x) => Math.fround(x - logSum));
}

/** A step function over prefix states; `next(prefix, row)` gives log-probs for one row. */
export function prefixModel(next: (prefix: readonly number[], row: number) => number[], calls?: { count: number }): StepFunction<Prefixes> {
  return async (prevTokens, state) => {
    if (calls !== undefined) calls.count++;
    if (prevTokens.length !== state.length) throw new Error(`rows: tokens ${prevTokens.length} vs state ${state.length}`);
    const prefixes = state.map((prefix, r) => [...prefix, prevTokens[r] as number]);
    const logProbs = Float32Array.from(prefixes.flatMap((prefix, r) => next(prefix, r)));
    return { logProbs, state: prefixes };
  };
}

/** Random but deterministic log-probs over `vocab` tokens, a function of seed and prefix (batch marker included). */
export function randomModel(vocab: number, seed: number): StepFunction<Prefixes> {
  return prefixModel((prefix) => {
    const rng = new SeededRandom(hash(prefix, seed));
    return logSoftmax(Array.from({ length: vocab }, () => rng.next() * 4));
  });
}

/** Log-probs from a table of probabilities keyed by the generated prefix (`'1,2'`; `''` at step 0). */
export function tableModel(table: Record<string, number[]>, fallback: number[], calls?: { count: number }): StepFunction<Prefixes> {
  return prefixModel((prefix) => (table[prefix.slice(2).join(',')] ?? fallback).map((p) => Math.fround(Math.log(p))), calls);
}

/** Initial state: row `b` holds only its marker `-(b + 1)`, so each batch entry has its own distribution. */
export const initialPrefixes = (batchSize: number): Prefixes => Array.from({ length: batchSize }, (_, b) => [-(b + 1)]);

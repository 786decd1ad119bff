import { checkDecodeOptions, vocabSizeOf, type DecodeOptions, type Hypothesis, type StepFunction } from './decode-strategy.js';

/**
 * Greedy search: at each step every row takes its most probable token (the lower id on ties;
 * `<eos>` is skipped before `minLength`). Stops when every row has produced `<eos>` or after
 * `maxLength` tokens. Returns one hypothesis per batch entry (`result[b][0]`).
 *
 * @example
 * const [[best]] = await greedyDecode(step, initialState, { batchSize: 1, bosId: 2, eosId: 3, maxLength: 50 });
 * best.tokens; // Int32Array of token ids, without <bos>/<eos>
 */
export async function greedyDecode<S>(step: StepFunction<S>, initialState: S, options: DecodeOptions<S>): Promise<Hypothesis[][]> {
  const minLength = checkDecodeOptions(options);
  const { batchSize, eosId } = options;
  const tokens: number[][] = Array.from({ length: batchSize }, () => []);
  const logProbs = new Float64Array(batchSize);
  const finished = new Uint8Array(batchSize);
  let prev = new Int32Array(batchSize).fill(options.bosId);
  let state = initialState;
  let live = batchSize;
  for (let t = 0; t < options.maxLength && live > 0; t++) {
    const out = await step(prev, state, t);
    state = out.state;
    const vocab = vocabSizeOf(out.logProbs, batchSize, eosId, t);
    const next = new Int32Array(batchSize).fill(eosId);
    for (let b = 0; b < batchSize; b++) {
      if (finished[b] === 1) continue;
      const row = b * vocab;
      let best = -Infinity;
      let arg = -1;
      for (let v = 0; v < vocab; v++) {
        if (v === eosId && t < minLength) continue;
        const lp = out.logProbs[row + v] as number;
        if (lp > best) {
          best = lp;
          arg = v;
        }
      }
      if (arg < 0) arg = eosId === 0 && vocab > 1 ? 1 : 0; // every score is −∞ or NaN
      logProbs[b] = (logProbs[b] as number) + (out.logProbs[row + arg] as number);
      next[b] = arg;
      if (arg === eosId) {
        finished[b] = 1;
        live--;
      } else {
        (tokens[b] as number[]).push(arg);
      }
    }
    prev = next;
  }
  options.releaseState?.(state);
  return tokens.map((seq, b) => [
    { tokens: Int32Array.from(seq), logProb: logProbs[b] as number, score: logProbs[b] as number, finished: finished[b] === 1 },
  ]);
}

import { assert, assertPositiveInteger } from '@recurrent/core';
import { checkDecodeOptions, vocabSizeOf, type DecodeOptions, type Hypothesis, type StepFunction } from './decode-strategy.js';
import { checkLengthPenalty, lengthPenalty, type LengthPenaltyKind } from './length-penalty.js';

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions<S> extends DecodeOptions<S> {
  /** Hypotheses kept alive per batch entry. */
  readonly beamSize: number;
  /** Hypotheses returned per batch entry, best first (at most `beamSize`). Default 1. */
  readonly nBest?: number;
  /** Length normalisation of the final scores. Default `'none'`. */
  readonly lengthPenalty?: LengthPenaltyKind;
  /** Exponent of the `'wu'` penalty. Default 0. */
  readonly alpha?: number;
  /**
   * Reorders (and at step 0 expands) the state: new row `r` must continue old row `rows[r]`.
   * After step 0 the state has `batchSize` rows; from then on `batchSize × beamSize`, with
   * row `b * beamSize + k` holding beam `k` of batch entry `b`. With tfjs: `tf.gather(s, rows)`.
   */
  readonly reorderState: (state: S, rows: Int32Array) => S | Promise<S>;
}

/** The best `size` (row, token) extensions of one batch entry, best first; ties keep the lower (row, token). */
class TopCandidates {
  readonly scores: Float64Array;
  readonly rows: Int32Array;
  readonly tokens: Int32Array;
  count = 0;

  constructor(readonly size: number) {
    this.scores = new Float64Array(size);
    this.rows = new Int32Array(size);
    this.tokens = new Int32Array(size);
  }

  offer(score: number, row: number, token: number): void {
    if (!(score > -Infinity)) return; // −∞ and NaN never compete
    if (this.count === this.size && score <= (this.scores[this.size - 1] as number)) return;
    let at = this.count < this.size ? this.count++ : this.size - 1;
    while (at > 0 && score > (this.scores[at - 1] as number)) {
      this.scores[at] = this.scores[at - 1] as number;
      this.rows[at] = this.rows[at - 1] as number;
      this.tokens[at] = this.tokens[at - 1] as number;
      at--;
    }
    this.scores[at] = score;
    this.rows[at] = row;
    this.tokens[at] = token;
  }
}

const byScore = (a: Hypothesis, b: Hypothesis): number => b.score - a.score;

/**
 * Batched beam search (OpenNMT `BeamSearch`, kept out of tfjs: the model lives in `step`).
 * Each step extends the `beamSize` live hypotheses of a batch entry by every token and keeps
 * the best `2 × beamSize` extensions by log-probability: those ending in `<eos>` among the
 * first `beamSize` become finished hypotheses (scored `logProb / lengthPenalty(length)`,
 * `length` counting the `<eos>`), and the best `beamSize` others stay live. `<eos>` is
 * forbidden before `minLength` tokens. A batch entry stops once it has `nBest` finished
 * hypotheses that no live one can beat (its log-probability can only fall, and the penalty
 * is at most that of `maxLength`); the search stops when every entry has, or after
 * `maxLength` tokens, when live hypotheses are returned too, with `finished: false`.
 * With `beamSize` 1 and no length penalty it returns what {@link greedyDecode} returns.
 *
 * @example
 * const results = await beamSearch(step, encoderState, {
 *   batchSize: 2, beamSize: 5, nBest: 3, bosId: 2, eosId: 3, maxLength: 50,
 *   lengthPenalty: 'wu', alpha: 0.6, reorderState: (s, rows) => gatherRows(s, rows),
 * });
 * results[1][0].tokens; // the best translation of input 1
 */
export async function beamSearch<S>(step: StepFunction<S>, initialState: S, options: BeamSearchOptions<S>): Promise<Hypothesis[][]> {
  const minLength = checkDecodeOptions(options);
  const { batchSize, beamSize, eosId, maxLength } = options;
  assertPositiveInteger(beamSize, 'beamSize');
  const nBest = options.nBest ?? 1;
  assertPositiveInteger(nBest, 'nBest');
  assert(nBest <= beamSize, () => `nBest must be at most beamSize ${beamSize}, got ${nBest}`, 'CONFIG');
  const penaltyKind = options.lengthPenalty ?? 'none';
  const alpha = options.alpha ?? 0;
  checkLengthPenalty(penaltyKind, alpha);
  const penalty = (length: number): number => lengthPenalty(penaltyKind, length, alpha);
  const maxPenalty = penalty(maxLength);

  const finished: Hypothesis[][] = Array.from({ length: batchSize }, () => []);
  const done = new Uint8Array(batchSize);
  let rowsPerEntry = 1; // beams per entry in the current state: 1 at step 0
  let prev = new Int32Array(batchSize).fill(options.bosId);
  let cum = new Float64Array(batchSize);
  let history: number[][] = Array.from({ length: batchSize }, () => []);
  let state = initialState;
  const top = new TopCandidates(2 * beamSize);

  for (let t = 0; t < maxLength; t++) {
    const rows = batchSize * rowsPerEntry;
    const out = await step(prev, state, t);
    state = out.state;
    const logProbs = out.logProbs;
    const vocab = vocabSizeOf(logProbs, rows, eosId, t);
    const last = t === maxLength - 1;
    const parents = new Int32Array(batchSize * beamSize);
    const nextTokens = new Int32Array(batchSize * beamSize).fill(eosId);
    const nextCum = new Float64Array(batchSize * beamSize).fill(-Infinity);
    const nextHistory: number[][] = new Array<number[]>(batchSize * beamSize);
    for (let b = 0; b < batchSize; b++) {
      const firstRow = b * rowsPerEntry;
      for (let k = 0; k < beamSize; k++) {
        parents[b * beamSize + k] = firstRow;
        nextHistory[b * beamSize + k] = [];
      }
      if (done[b] === 1) continue;
      top.count = 0;
      let worst = -Infinity; // a candidate must beat this to enter the top list
      for (let r = firstRow; r < firstRow + rowsPerEntry; r++) {
        const base = cum[r] as number;
        if (!(base > -Infinity)) continue;
        const offset = r * vocab;
        for (let v = 0; v < vocab; v++) {
          const score = base + (logProbs[offset + v] as number);
          if (!(score > worst) || (v === eosId && t < minLength)) continue;
          top.offer(score, r, v);
          if (top.count === top.size) worst = top.scores[top.size - 1] as number;
        }
      }
      let live = 0;
      for (let rank = 0; rank < top.count; rank++) {
        const score = top.scores[rank] as number;
        const row = top.rows[rank] as number;
        const token = top.tokens[rank] as number;
        if (token === eosId) {
          if (rank < beamSize) {
            const tokens = Int32Array.from(history[row] as number[]);
            finished[b]?.push({ tokens, logProb: score, score: score / penalty(t + 1), finished: true });
          }
        } else if (live < beamSize) {
          const slot = b * beamSize + live++;
          parents[slot] = row;
          nextTokens[slot] = token;
          nextCum[slot] = score;
          nextHistory[slot] = [...(history[row] as number[]), token];
        }
      }
      const hyps = (finished[b] as Hypothesis[]).sort(byScore);
      if (last) {
        for (let k = 0; k < live; k++) {
          const slot = b * beamSize + k;
          const logProb = nextCum[slot] as number;
          hyps.push({ tokens: Int32Array.from(nextHistory[slot] as number[]), logProb, score: logProb / penalty(t + 1), finished: false });
        }
        continue;
      }
      // The best a live hypothesis could still score: its log-probability only falls, and no
      // penalty exceeds maxPenalty (logProb ≤ 0, so dividing by more can only raise the score).
      const bound = live === 0 ? -Infinity : (nextCum[b * beamSize] as number) / maxPenalty;
      const nth = hyps[nBest - 1];
      if (live === 0 || (nth !== undefined && bound <= nth.score)) done[b] = 1;
    }
    if (last || done.every((d) => d === 1)) {
      options.releaseState?.(state);
      break;
    }
    state = await options.reorderState(state, parents);
    prev = nextTokens;
    cum = nextCum;
    history = nextHistory;
    rowsPerEntry = beamSize;
  }
  return finished.map((hyps) => hyps.sort(byScore).slice(0, nBest));
}

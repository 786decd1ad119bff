import * as tf from '@tensorflow/tfjs';
import { beamSearch, greedyDecode, type LengthPenaltyKind, type StepFunction } from '@recurrent/decoding';
import { padSequences } from '@recurrent/text';
import type { TranslateConfig } from './config.js';
import { disposeState, gatherState, Seq2SeqInference, type DecoderState } from './seq2seq-inference.js';
import { detokenizeSentence, tokenizeSentence, type TextSettings } from './text-processing.js';
import type { TranslateVocabs } from './vocabularies.js';

/** How to search. */
export interface SearchOptions {
  /** 1 = greedy, more = beam search with this many hypotheses. */
  readonly beam: number;
  /** Beam length penalty (`avg`, log-probability per token, by default; or GNMT `wu` with `alpha`). */
  readonly lengthPenalty?: LengthPenaltyKind;
  readonly alpha?: number;
  /** Sentences decoded together. Default 32. */
  readonly batchSize?: number;
  /** Keep the attention weights (greedy only), e.g. for heatmaps. */
  readonly withAttention?: boolean;
}

/** One translated sentence. */
export interface Translation {
  readonly sourceTokens: string[];
  readonly tokens: string[];
  /** Detokenised output. */
  readonly text: string;
  /** Attention weights `[outputStep][sourceToken]` (in the given source order), when asked for and greedy. */
  readonly attention?: number[][];
}

/** A model with what it needs to translate raw text. */
export interface Translator {
  readonly inference: Seq2SeqInference;
  readonly vocabs: TranslateVocabs;
  readonly config: TranslateConfig;
}

const textSettings = (c: TranslateConfig): TextSettings => ({ tokenizer: c.tokenizer, lowercase: c.lowercase, reverseSource: c.reverseSource });

/**
 * Translates raw sentences: tokenise (as in training) → encode → greedy or beam search (one
 * `await data()` per decoding step for the whole batch × beam) → detokenise.
 *
 * @example
 * ```ts
 * const [t] = await translate(translator, ['Zwei Hunde spielen im Schnee.'], { beam: 5 });
 * t.text; // 'Two dogs are playing in the snow.'
 * ```
 */
export async function translate(translator: Translator, sentences: readonly string[], options: SearchOptions): Promise<Translation[]> {
  const settings = textSettings(translator.config);
  const tokenised = sentences.map((s) => tokenizeSentence(s, settings));
  const order = tokenised.map((_, i) => i).sort((a, b) => (tokenised[a] as string[]).length - (tokenised[b] as string[]).length);
  const results: Translation[] = new Array<Translation>(sentences.length);
  const batchSize = options.batchSize ?? 32;
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const out = await translateTokens(translator, rows.map((i) => tokenised[i] as string[]), options);
    rows.forEach((row, k) => (results[row] = out[k] as Translation));
  }
  return results;
}

async function translateTokens(translator: Translator, sources: readonly string[][], options: SearchOptions): Promise<Translation[]> {
  const { inference, vocabs, config } = translator;
  const ids = sources.map((tokens) => {
    const encoded = vocabs.source.encode(tokens);
    return config.reverseSource ? encoded.reverse() : encoded;
  });
  const padded = padSequences(ids, { minLength: 1 });
  const sourceTensor = tf.tensor2d(padded.ids, [padded.batch, padded.time], 'int32');
  const initial = inference.encode(sourceTensor);
  sourceTensor.dispose();
  const vocab = vocabs.target.size;
  const srcTime = padded.time;
  const keepAttention = options.withAttention === true && options.beam === 1;
  const attention: number[][][] = sources.map(() => []);
  const step: StepFunction<DecoderState> = async (prevTokens, state) => {
    const prev = tf.tensor1d(prevTokens, 'int32');
    const { readout, states } = inference.step(prev, state);
    prev.dispose();
    tf.dispose(state.states);
    const data = (await readout.data()) as Float32Array; // the one device read of this step
    readout.dispose();
    const rowsNow = prevTokens.length;
    const logProbs = new Float32Array(rowsNow * vocab);
    for (let r = 0; r < rowsNow; r++) {
      const offset = r * (vocab + srcTime);
      logProbs.set(data.subarray(offset, offset + vocab), r * vocab);
      if (keepAttention) (attention[r] as number[][]).push(Array.from(data.subarray(offset + vocab, offset + vocab + srcTime)));
    }
    return { logProbs, state: { ...state, states } };
  };
  const maxLength = Math.min(2 * config.maxLength, 2 * padded.time + 10);
  const common = { batchSize: sources.length, bosId: vocabs.target.bosId, eosId: vocabs.target.eosId, maxLength, releaseState: disposeState };
  const hypotheses =
    options.beam === 1
      ? await greedyDecode(step, initial, common)
      : await beamSearch(step, initial, {
          ...common,
          beamSize: options.beam,
          lengthPenalty: options.lengthPenalty ?? 'avg',
          alpha: options.alpha ?? 0.6,
          reorderState: gatherState,
        });
  const settings = textSettings(config);
  return hypotheses.map((hyps, i) => {
    const tokens = vocabs.target.decode((hyps[0] as { tokens: Int32Array }).tokens, { skipSpecials: true });
    const sourceTokens = sources[i] as string[];
    const length = sourceTokens.length;
    const base = { sourceTokens, tokens, text: detokenizeSentence(tokens, settings) };
    if (!keepAttention) return base;
    // Steps up to and including <eos>; source positions back in reading order.
    const rowsOf = (attention[i] as number[][]).slice(0, tokens.length + 1).map((w) => {
      const real = w.slice(0, length);
      return config.reverseSource ? real.reverse() : real;
    });
    return { ...base, attention: rowsOf };
  });
}

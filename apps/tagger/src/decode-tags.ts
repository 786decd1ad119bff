import { viterbiDecode } from '@recurrent/decoding';
import type { CrfDecodeParameters } from '@recurrent/layers';

/**
 * Best tag ids per sentence from model outputs `[batch, time, numTags]` (row-major): Viterbi with
 * the CRF's scores (and constraints), or the per-token argmax for a softmax model (`crf` null).
 *
 * @example
 * decodeTags(emissions, 17, lengths, await crf.decodeParameters()); // [Int32Array, …]
 */
export function decodeTags(outputs: ArrayLike<number>, numTags: number, lengths: ArrayLike<number>, crf: CrfDecodeParameters | null): Int32Array[] {
  if (crf !== null) {
    const options = crf.allowed === undefined ? {} : { allowed: crf.allowed };
    return viterbiDecode(outputs, crf.transitions, crf.start, crf.end, lengths, options).paths;
  }
  const batch = lengths.length;
  const time = batch === 0 ? 0 : outputs.length / (batch * numTags);
  return Array.from({ length: batch }, (_, b) => {
    const path = new Int32Array(lengths[b] as number);
    for (let t = 0; t < path.length; t++) {
      const base = (b * time + t) * numTags;
      let best = 0;
      for (let k = 1; k < numTags; k++) if ((outputs[base + k] as number) > (outputs[base + best] as number)) best = k;
      path[t] = best;
    }
    return path;
  });
}

/**
 * SST-5 class names, indexed by the label 0–4 in the trees and in `stsa.fine.*`.
 *
 * @example
 * SST5_LABELS[4]; // 'very positive'
 */
export const SST5_LABELS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;

/**
 * SST-2 class names, indexed by the label 0–1 in `stsa.binary.*` and by {@link binariseSst}.
 *
 * @example
 * SST2_LABELS[binariseSst(3)!]; // 'positive'
 */
export const SST2_LABELS = ['negative', 'positive'] as const;

/**
 * The neutral SST-5 label, dropped by SST-2 binarisation.
 *
 * @example
 * SST5_LABELS[SST_NEUTRAL]; // 'neutral'
 */
export const SST_NEUTRAL = 2;

/**
 * SST-2 binarisation of an SST-5 label: 0, 1 → 0 (negative); 3, 4 → 1 (positive); 2 (neutral) →
 * undefined, which readers drop and count.
 *
 * @example
 * [0, 1, 2, 3, 4].map(binariseSst); // [0, 0, undefined, 1, 1]
 */
export function binariseSst(label: number): 0 | 1 | undefined {
  if (label === SST_NEUTRAL) return undefined;
  return label < SST_NEUTRAL ? 0 : 1;
}

/** Padding token; when a vocabulary has it, its id is 0. */
export const PAD_TOKEN = '<pad>';
/** Stands for any token not in the vocabulary. */
export const UNK_TOKEN = '<unk>';
/** Begin-of-sequence token (decoder input at step 0). */
export const BOS_TOKEN = '<bos>';
/** End-of-sequence token. */
export const EOS_TOKEN = '<eos>';

/**
 * The default specials of a {@link Vocab}, in id order: `<pad>`=0, `<unk>`=1, `<bos>`=2, `<eos>`=3.
 *
 * @example
 * DEFAULT_SPECIALS.indexOf(UNK_TOKEN); // 1
 */
export const DEFAULT_SPECIALS: readonly string[] = Object.freeze([PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN]);

import { describe, expect, it } from 'vitest';
import { charIdBatch } from './char-id-batch.js';
import { tokenizeChars } from './char-tokenizer.js';
import { countTokens } from './token-counts.js';
import { Vocab } from './vocab.js';

describe('charIdBatch', () => {
  const chars = Vocab.build(countTokens(['aab', 'c😀'].map(tokenizeChars)), { specials: ['<pad>', '<unk>'] });
  // a:2, b:1, c:1, 😀:1 → a=2, b=3, c=4, 😀=5

  it('returns [batch, time, maxWordLength] ids and [batch, time] word lengths', () => {
    const out = charIdBatch([['ab', 'c😀', 'x'], ['c']], chars);
    expect([out.batch, out.time, out.maxWordLength]).toEqual([2, 3, 2]);
    expect(Array.from(out.wordLengths)).toEqual([2, 2, 1, 1, 0, 0]);
    expect(Array.from(out.ids)).toEqual([2, 3, 4, 5, 1, 0, 4, 0, 0, 0, 0, 0]);
  });

  it('cuts long words to maxWordLength and pads with padId', () => {
    const out = charIdBatch([['aabc']], chars, { maxWordLength: 3, padId: 0 });
    expect(Array.from(out.ids)).toEqual([2, 2, 3]);
    expect(Array.from(out.wordLengths)).toEqual([3]);
    const wide = charIdBatch([['a']], chars, { maxWordLength: 3, padId: 9 });
    expect(Array.from(wide.ids)).toEqual([2, 9, 9]);
  });
});

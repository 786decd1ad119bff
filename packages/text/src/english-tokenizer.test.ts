import { describe, expect, it } from 'vitest';
import { detokenizeEnglish } from './english-detokenizer.js';
import { tokenizeEnglish, tokenizeEnglishSpans } from './english-tokenizer.js';
import { tokenizeChars } from './char-tokenizer.js';
import { tokenizeWhitespace } from './whitespace-tokenizer.js';

describe('tokenizeWhitespace', () => {
  it('splits on any run of Unicode whitespace and drops empties', () => {
    expect(tokenizeWhitespace('  the cat\tsat\u00a0down\n')).toEqual(['the', 'cat', 'sat', 'down']);
    expect(tokenizeWhitespace('   ')).toEqual([]);
  });
});

describe('tokenizeChars', () => {
  it('returns code points, not UTF-16 units, when text has astral characters', () => {
    const text = 'a😀b𝔸';
    expect(text.length).toBe(6);
    expect(tokenizeChars(text)).toEqual(['a', '😀', 'b', '𝔸']);
  });
});

describe('tokenizeEnglish', () => {
  const cases: [string, string[]][] = [
    ["don't", ['do', "n't"]],
    ["John's", ['John', "'s"]],
    ["can't", ['ca', "n't"]],
    ["I'm", ['I', "'m"]],
    ["they're we've you'll he'd", ['they', "'re", 'we', "'ve", 'you', "'ll", 'he', "'d"]],
    ["WON’T", ['WO', 'N’T']],
    ['Pi is 3.14, not 1,000.', ['Pi', 'is', '3.14', ',', 'not', '1,000', '.']],
    ['Meet at 10:30 in 1999.', ['Meet', 'at', '10:30', 'in', '1999', '.']],
    ['Wait... what?!', ['Wait', '...', 'what', '?', '!']],
    ['The U.S. and Mr. Smith, e.g. here.', ['The', 'U.S.', 'and', 'Mr.', 'Smith', ',', 'e.g.', 'here', '.']],
    ['See https://example.com/a?b=c. Or www.x.org!', ['See', 'https://example.com/a?b=c', '.', 'Or', 'www.x.org', '!']],
    ['Mail john.smith@example.co.uk, please.', ['Mail', 'john.smith@example.co.uk', ',', 'please', '.']],
    ['(state-of-the-art) -- "yes"', ['(', 'state-of-the-art', ')', '--', '"', 'yes', '"']],
    ["O'Neill paid $5 for 50% of it", ["O'Neill", 'paid', '$', '5', 'for', '50', '%', 'of', 'it']],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)} Penn-style`, () => {
      expect(tokenizeEnglish(text)).toEqual(expected);
    });
  }

  it('gives spans whose text is exactly the input slice', () => {
    const text = "Mr. O'Neill can't see https://x.io... 😀 ok";
    const spans = tokenizeEnglishSpans(text);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(spans.map((s) => [s.start, s.end]).slice(0, 4)).toEqual([[0, 3], [4, 11], [12, 14], [14, 17]]);
    // Nothing but whitespace lies between spans.
    const covered = spans.map((s) => s.text).join('');
    expect(covered).toBe(text.replace(/\s+/g, ''));
  });
});

describe('detokenizeEnglish', () => {
  const sentences = [
    "I don't know what you're talking about, but John's dog can't swim.",
    'The U.S. economy grew 3.14% in 2020 (the best year since 1,000 B.C.).',
    'She said "hello" to the students\' teacher.',
    "Wait... is that right? Yes! It's $5.50; no more: I'm sure.",
    "We've seen it, they'd agree, and you'll like it [probably].",
    'Write to info@example.org or visit https://example.org/about for more.',
    "He said 'fine' and left -- quickly.",
    'She wrote “it’s done” and «fini» at 10:30.',
  ];
  for (const sentence of sentences) {
    it(`round-trips ${JSON.stringify(sentence.slice(0, 30))}… with the original spacing`, () => {
      expect(detokenizeEnglish(tokenizeEnglish(sentence))).toBe(sentence);
    });
  }

  it('normalises unusual spacing it cannot know about', () => {
    expect(detokenizeEnglish(tokenizeEnglish('a ,b'))).toBe('a, b');
  });
});

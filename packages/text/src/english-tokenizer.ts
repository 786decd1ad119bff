/** One token of {@link tokenizeEnglishSpans}: its text and where it sits in the input. */
export interface TokenSpan {
  readonly text: string;
  /** Offset of the first UTF-16 unit, inclusive. */
  readonly start: number;
  /** Offset after the last UTF-16 unit, exclusive: `input.slice(start, end) === text`. */
  readonly end: number;
}

/** Abbreviations kept whole with their final period (besides letter-dot runs such as `U.S.`). */
export const ENGLISH_ABBREVIATIONS: readonly string[] = Object.freeze([
  'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Sr.', 'Jr.', 'St.', 'Mt.', 'Gen.', 'Gov.', 'Sen.', 'Rep.',
  'Rev.', 'Capt.', 'Col.', 'Lt.', 'Sgt.', 'Inc.', 'Ltd.', 'Co.', 'Corp.', 'Bros.', 'Dept.', 'Univ.',
  'Ave.', 'Blvd.', 'Rd.', 'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.',
  'Oct.', 'Nov.', 'Dec.', 'vs.', 'etc.', 'cf.', 'approx.', 'Fig.', 'Eq.', 'Vol.', 'pp.',
]);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Alternatives are tried in order at each position, so the specific ones come first.
const URL = String.raw`(?:(?:https?|ftp):\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?'’")\]}]`;
const EMAIL = String.raw`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`;
const ELLIPSIS = String.raw`\.{3,}|…`;
const ABBREVIATION =
  String.raw`(?<![\p{L}\p{N}])(?:(?:${ENGLISH_ABBREVIATIONS.map(escapeRegExp).join('|')})|(?:\p{L}\.){2,})`;
// 3.14, 1,000, 10:30, 1/2, 2.5km: digits joined by separators that sit between digits.
const NUMBER = String.raw`\p{N}+(?:[.,:/]\p{N}+)+\p{L}*`;
// Letters, digits and marks, joined by inner hyphens and apostrophes (well-known, don't, O'Neill).
const WORD = String.raw`[\p{L}\p{M}\p{N}_]+(?:[\-'’][\p{L}\p{M}\p{N}_]+)*`;
const DASHES = String.raw`-{2,}`;
const OTHER = String.raw`\S`;
const TOKEN_RE = new RegExp([URL, EMAIL, ELLIPSIS, ABBREVIATION, NUMBER, WORD, DASHES, OTHER].join('|'), 'gu');

// Penn Treebank clitics: "don't" → "do n't", "John's" → "John 's", "can't" → "ca n't".
const CLITIC_RE = /(?:n['’]t|['’](?:s|m|re|ve|ll|d))$/iu;

/**
 * Rule-based English word tokeniser with offsets (Penn Treebank conventions, without quote
 * rewriting): punctuation is split off; numbers such as `3.14` and `1,000` stay whole;
 * clitics become tokens (`don't` → `do n't`, `can't` → `ca n't`, `I'm` → `I 'm`, also `'s 're
 * 've 'll 'd`); URLs, e-mail addresses, the ellipsis `...` and abbreviations such as `U.S.`
 * and `Mr.` are one token each. Each span's `text` is exactly the input between `start` and
 * `end`. Porting note: unlike the Penn Treebank scripts, quotes are not rewritten (`"` stays
 * `"`), `cannot` stays one token, and a sentence-final abbreviation keeps its period as one
 * token (`the U.S.` → `U.S.`, not `U.S.` `.`), so {@link detokenizeEnglish} can restore the text.
 *
 * @example
 * tokenizeEnglishSpans("I don't.").map((t) => [t.text, t.start, t.end]);
 * // [['I', 0, 1], ['do', 2, 4], ["n't", 4, 7], ['.', 7, 8]]
 */
export function tokenizeEnglishSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN_RE)) {
    const token = match[0];
    const start = match.index;
    const clitic = CLITIC_RE.exec(token);
    if (clitic !== null && clitic.index > 0 && !token.includes('-', clitic.index)) {
      const cut = start + clitic.index;
      spans.push({ text: token.slice(0, clitic.index), start, end: cut });
      spans.push({ text: clitic[0], start: cut, end: start + token.length });
    } else {
      spans.push({ text: token, start, end: start + token.length });
    }
  }
  return spans;
}

/**
 * {@link tokenizeEnglishSpans} without the offsets.
 *
 * @example
 * tokenizeEnglish("Mr. Smith can't pay $1,000.50 (see www.example.com)...");
 * // ['Mr.', 'Smith', 'ca', "n't", 'pay', '$', '1,000.50', '(', 'see', 'www.example.com', ')', '...']
 */
export function tokenizeEnglish(text: string): string[] {
  return tokenizeEnglishSpans(text).map((span) => span.text);
}

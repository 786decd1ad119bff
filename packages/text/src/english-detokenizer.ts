const NO_SPACE_BEFORE = new Set(['.', ',', ';', ':', '!', '?', '%', ')', ']', '}', '...', '…', '”', '»']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', '£', '€', '#', '“', '«']);
const CLITIC_RE = /^(?:n['’]t|['’](?:s|m|re|ve|ll|d))$/iu;

/**
 * Joins tokens from {@link tokenizeEnglish} back into text, undoing its splits: no space
 * before closing punctuation (`. , ; : ! ? % ) ] } ” »` and `...`) or a clitic (`n't 's 'm 're
 * 've 'll 'd`), none after an opening bracket, `“`, `«` or a currency sign, and straight quotes
 * alternate between opening and closing (a `'` right after a word ending in `s`, with no
 * single quote open, is the plural possessive). On ordinary sentences
 * `detokenizeEnglish(tokenizeEnglish(s)) === s`; tokens carry no record of the original
 * whitespace, so unusual spacing (`"a ,b"`) is normalised.
 *
 * @example
 * detokenizeEnglish(['I', 'do', "n't", 'know', '(', 'yet', ')', '.']); // "I don't know (yet)."
 */
export function detokenizeEnglish(tokens: readonly string[]): string {
  let out = '';
  let glueNext = true; // no space before the first token
  let doubleOpen = false;
  let singleOpen = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const previous = i > 0 ? (tokens[i - 1] as string) : '';
    let glueBefore = glueNext;
    glueNext = false;
    if (NO_SPACE_BEFORE.has(token) || CLITIC_RE.test(token)) {
      glueBefore = true;
    } else if (NO_SPACE_AFTER.has(token)) {
      glueNext = true;
    } else if (token === '"') {
      if (doubleOpen) glueBefore = true;
      else glueNext = true;
      doubleOpen = !doubleOpen;
    } else if (token === "'" || token === '’') {
      if (singleOpen || /s$/iu.test(previous)) {
        glueBefore = true;
        if (singleOpen) singleOpen = false;
      } else {
        glueNext = true;
        singleOpen = true;
      }
    }
    out += glueBefore ? token : ` ${token}`;
  }
  return out;
}

import { pythonSplit } from './python-whitespace.js';

// The four regular expressions of sacreBLEU's TokenizerRegexp (mteval-v13a.pl), in order.
// Character class [{-~[-` -&(-+:-@/]: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
const PUNCTUATION_RE = /([{-~[-`\x20-&(-+:-@/])/g;
const PERIOD_COMMA_AFTER_NON_DIGIT_RE = /([^0-9])([.,])/g;
const PERIOD_COMMA_BEFORE_NON_DIGIT_RE = /([.,])([^0-9])/g;
const DASH_AFTER_DIGIT_RE = /([0-9])(-)/g;

/**
 * sacreBLEU's `13a` tokenizer (`Tokenizer13a`, the mteval-v13a.pl rules), returning
 * the tokens joined by single spaces, exactly as sacreBLEU 2.6.0 does:
 * drop `<skipped>`, join `-\n`, turn `\n` into a space, decode `&quot;` `&amp;`
 * `&lt;` `&gt;` (in that order), split ASCII punctuation, split `.` and `,`
 * unless between digits, split `-` after a digit, collapse Python whitespace.
 *
 * BLEU lowercases (if asked) and right-strips a segment before calling this.
 *
 * @example
 * tokenize13a('It cost $1,000.50, e.g. &lt;5%&gt;!');
 * // 'It cost $ 1,000.50 , e . g . < 5 % > !'
 */
export function tokenize13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (text.includes('&')) {
    text = text
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  text = ` ${text} `
    .replace(PUNCTUATION_RE, ' $1 ')
    .replace(PERIOD_COMMA_AFTER_NON_DIGIT_RE, '$1 $2 ')
    .replace(PERIOD_COMMA_BEFORE_NON_DIGIT_RE, ' $1 $2')
    .replace(DASH_AFTER_DIGIT_RE, '$1 $2 ');
  return pythonSplit(text).join(' ');
}

import { assert, DataFormatError } from '@recurrent/core';
import { bioesTagToBio, endOfChunk, splitTag, startOfChunk, type TagScheme } from './chunks.js';
import { formatFixed } from './fixed-format.js';

/** One token of a sentence to score: its text, the gold tag and the predicted tag. */
export interface ConllToken {
  readonly token: string;
  readonly gold: string;
  readonly pred: string;
}

/** Options of {@link conllevalSentences} and {@link conllevalText}. */
export interface ConllevalOptions {
  /** `'iob'` (default: IOB1 and IOB2 as they are) or `'bioes'` (converted to IOB2 first). */
  readonly scheme?: TagScheme;
}

/** The raw counts conlleval keeps. */
export interface ConllevalCounts {
  /** Tokens, not counting boundaries (`-DOCSTART-` lines do count). */
  readonly tokens: number;
  /** Tokens whose gold and predicted tags are equal (prefix and type). */
  readonly correctTags: number;
  readonly goldPhrases: number;
  readonly foundPhrases: number;
  readonly correctPhrases: number;
}

/** Precision, recall and FB1 in percent, unrounded (FB1 from unrounded P and R). */
export interface ConllevalScores {
  readonly precision: number;
  readonly recall: number;
  readonly fb1: number;
}

/** One chunk type's line of the report; `found` is the number conlleval prints last. */
export interface ConllevalTypeResult extends ConllevalScores {
  readonly type: string;
  readonly found: number;
  readonly gold: number;
  readonly correct: number;
}

/** Everything conlleval computes, as a structured object (the apps' JSON output). */
export interface ConllevalResult extends ConllevalScores {
  readonly counts: ConllevalCounts;
  /** Token accuracy in percent; null when there are no tokens (conlleval then prints no accuracy line). */
  readonly accuracy: number | null;
  /** Per chunk type, in conlleval's order (Perl string sort: code point order). */
  readonly perType: readonly ConllevalTypeResult[];
}

const BOUNDARY = '-X-';

/** conlleval's per-line state machine (conlleval 2004-01-26, no options). */
class ConllevalCounter {
  private counts = { tokens: 0, correctTags: 0, goldPhrases: 0, foundPhrases: 0, correctPhrases: 0 };
  private readonly gold = new Map<string, number>();
  private readonly found = new Map<string, number>();
  private readonly correct = new Map<string, number>();
  private inCorrect = false;
  private lastCorrect = 'O';
  private lastCorrectType = '';
  private lastGuessed = 'O';
  private lastGuessedType = '';

  constructor(private readonly scheme: TagScheme) {}

  /** One line: `boundary` for blank and `-X-` lines (scored as `O O`, not counted). */
  add(boundary: boolean, goldTag: string, predTag: string): void {
    const convert = this.scheme === 'bioes' ? bioesTagToBio : (t: string) => t;
    const { prefix: correct, type: correctType } = boundary ? { prefix: 'O', type: '' } : splitTag(convert(goldTag));
    const { prefix: guessed, type: guessedType } = boundary ? { prefix: 'O', type: '' } : splitTag(convert(predTag));
    const goldEnds = endOfChunk(this.lastCorrect, correct, this.lastCorrectType, correctType);
    const predEnds = endOfChunk(this.lastGuessed, guessed, this.lastGuessedType, guessedType);
    if (this.inCorrect) {
      if (goldEnds && predEnds && this.lastGuessedType === this.lastCorrectType) {
        this.inCorrect = false;
        this.counts.correctPhrases += 1;
        increment(this.correct, this.lastCorrectType);
      } else if (goldEnds !== predEnds || guessedType !== correctType) {
        this.inCorrect = false;
      }
    }
    const goldStarts = startOfChunk(this.lastCorrect, correct, this.lastCorrectType, correctType);
    const predStarts = startOfChunk(this.lastGuessed, guessed, this.lastGuessedType, guessedType);
    if (goldStarts && predStarts && guessedType === correctType) this.inCorrect = true;
    if (goldStarts) {
      this.counts.goldPhrases += 1;
      increment(this.gold, correctType);
    }
    if (predStarts) {
      this.counts.foundPhrases += 1;
      increment(this.found, guessedType);
    }
    if (!boundary) {
      if (correct === guessed && guessedType === correctType) this.counts.correctTags += 1;
      this.counts.tokens += 1;
    }
    this.lastGuessed = guessed;
    this.lastCorrect = correct;
    this.lastGuessedType = guessedType;
    this.lastCorrectType = correctType;
  }

  finish(): ConllevalResult {
    if (this.inCorrect) {
      this.inCorrect = false;
      this.counts.correctPhrases += 1;
      increment(this.correct, this.lastCorrectType);
    }
    const c = this.counts;
    const types = [...new Set([...this.gold.keys(), ...this.found.keys()])].sort(compareCodePoints);
    return {
      counts: { ...c },
      accuracy: c.tokens > 0 ? (100 * c.correctTags) / c.tokens : null,
      ...scores(c.correctPhrases, c.foundPhrases, c.goldPhrases),
      perType: types.map((type) => {
        const found = this.found.get(type) ?? 0;
        const gold = this.gold.get(type) ?? 0;
        const correct = this.correct.get(type) ?? 0;
        return { type, ...scores(correct, found, gold), found, gold, correct };
      }),
    };
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** conlleval's formulas, in doubles and in this order. */
function scores(correct: number, found: number, gold: number): ConllevalScores {
  const precision = found > 0 ? (100 * correct) / found : 0;
  const recall = gold > 0 ? (100 * correct) / gold : 0;
  const fb1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fb1 };
}

/** Perl's default string sort on UTF-8 bytes, i.e. code point order (JS sorts UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (ch) => ch.codePointAt(0) as number);
  const y = Array.from(b, (ch) => ch.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

/**
 * Scores parsed sentences exactly as conlleval.pl scores the file
 * `token gold pred` lines with a blank line after each sentence. A token
 * spelled `-X-` is a boundary, as in the file format; `-DOCSTART-` is an ordinary token.
 *
 * @example
 * const r = conllevalSentences([[
 *   { token: 'Mira', gold: 'B-PER', pred: 'B-PER' },
 *   { token: 'left', gold: 'O', pred: 'O' },
 * ]]);
 * // r.fb1 === 100, r.counts.tokens === 2
 */
export function conllevalSentences(
  sentences: readonly (readonly ConllToken[])[],
  options: ConllevalOptions = {},
): ConllevalResult {
  const counter = new ConllevalCounter(options.scheme ?? 'iob');
  sentences.forEach((sentence, s) => {
    sentence.forEach((t, i) => {
      for (const key of ['gold', 'pred'] as const) {
        const tag = t[key];
        assert(
          typeof tag === 'string' && tag !== '' && !/\s/.test(tag),
          () => `sentence ${s} token ${i}: ${key} tag must be a non-empty string without whitespace, got ${JSON.stringify(tag)}`,
          'USAGE',
        );
      }
      counter.add(t.token === BOUNDARY, t.gold, t.pred);
    });
    counter.add(true, 'O', 'O');
  });
  return counter.finish();
}

/** Options of {@link conllevalText}. */
export interface ConllevalTextOptions extends ConllevalOptions {
  /** Name used in error locations. Default `<conlleval input>`. */
  readonly file?: string;
}

/**
 * Scores text in conlleval's input format: one token per line, fields separated by
 * exactly one space, gold and predicted tags in the last two fields, sentences
 * separated by blank lines or lines whose first field is `-X-`. Every line must
 * have as many fields as the first non-blank one.
 *
 * Porting note: conlleval scores CRLF files wrongly (the `\r` sticks to the tag);
 * we throw a DataFormatError instead.
 *
 * @example
 * const r = conllevalText('Mira B-PER B-PER\nleft O O\n\n');
 * formatConllevalReport(r).split('\n')[0];
 * // 'processed 2 tokens with 1 phrases; found: 1 phrases; correct: 1.'
 */
export function conllevalText(text: string, options: ConllevalTextOptions = {}): ConllevalResult {
  const file = options.file ?? '<conlleval input>';
  const counter = new ConllevalCounter(options.scheme ?? 'iob');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let expected = -1;
  let expectedLine = 0;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const cr = line.indexOf('\r');
    if (cr !== -1) {
      throw new DataFormatError(
        { file, line: lineNo, column: cr + 1 },
        'expected LF line endings, found a carriage return (CRLF file); conlleval would glue it to the tag',
      );
    }
    const fields = line.split(' ');
    while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
    if (expected < 0 && fields.length > 0) {
      expected = fields.length;
      expectedLine = lineNo;
    } else if (fields.length > 0 && fields.length !== expected) {
      const doubled = line.indexOf('  ');
      throw new DataFormatError(
        { file, line: lineNo, column: doubled === -1 ? 1 : doubled + 2 },
        `expected ${expected} space-separated fields as on line ${expectedLine}, got ${fields.length}` +
          (doubled === -1 ? '' : ' (two consecutive spaces make an empty field)'),
      );
    }
    if (fields.length === 0 || fields[0] === BOUNDARY) {
      counter.add(true, 'O', 'O');
      return;
    }
    if (fields.length < 2) {
      const tab = line.indexOf('\t');
      throw new DataFormatError(
        { file, line: lineNo, column: tab === -1 ? 1 : tab + 1 },
        tab === -1
          ? `expected at least 2 space-separated fields (… gold pred), got 1: ${JSON.stringify(line)}`
          : 'expected fields separated by single spaces, found a tab',
      );
    }
    counter.add(false, fields[fields.length - 2] as string, fields[fields.length - 1] as string);
  });
  return counter.finish();
}

/** UTF-8 byte length: Perl's printf pads byte strings by bytes. */
function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** `printf "%6.2f"` with C rounding (ties to even). */
function f62(value: number): string {
  return formatFixed(value, 2).padStart(6, ' ');
}

/**
 * conlleval's text report, byte for byte: the `processed … tokens` line, the
 * accuracy line (only when there are tokens) and one line per chunk type.
 *
 * @example
 * formatConllevalReport(conllevalText('Mira B-PER B-PER\nleft O O\n'));
 * // 'processed 2 tokens with 1 phrases; found: 1 phrases; correct: 1.\n' +
 * // 'accuracy: 100.00%; precision: 100.00%; recall: 100.00%; FB1: 100.00\n' +
 * // '              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n'
 */
export function formatConllevalReport(result: ConllevalResult): string {
  const c = result.counts;
  let out =
    `processed ${c.tokens} tokens with ${c.goldPhrases} phrases; ` +
    `found: ${c.foundPhrases} phrases; correct: ${c.correctPhrases}.\n`;
  if (result.accuracy !== null) {
    out += `accuracy: ${f62(result.accuracy)}%; precision: ${f62(result.precision)}%; `;
    out += `recall: ${f62(result.recall)}%; FB1: ${f62(result.fb1)}\n`;
  }
  for (const t of result.perType) {
    const name = ' '.repeat(Math.max(0, 17 - byteLength(t.type))) + t.type;
    const line = `${name}: precision: ${f62(t.precision)}%; recall: ${f62(t.recall)}%; FB1: ${f62(t.fb1)}  ${t.found}\n`;
    // Porting note: conlleval's de-duplication treats the empty type name as false,
    // so a type '' seen in both gold and predictions is printed twice.
    out += t.type === '' && t.gold > 0 && t.found > 0 ? line + line : line;
  }
  return out;
}

import { Transform, type Readable } from 'node:stream';
import { DataFormatError, RecurrentError, type SourceLocation } from '@recurrent/core';
import Papa from 'papaparse';
import { openTextStream } from '../line-reader.js';

/** One row as papaparse split it; `start` is the character offset where the row begins. */
export interface DelimitedRow {
  readonly data: string[];
  readonly start: number;
  readonly error: Papa.ParseError | undefined;
}

/**
 * The part of a text stream not yet consumed, addressed by absolute character offsets, so that
 * rows can be located (`line:col`) without keeping the whole file.
 *
 * @example
 * const window = new TextWindow('x.csv');
 * window.append('a,b\nc,d\n');
 * window.locate(6); // { file: 'x.csv', line: 2, column: 3 }
 */
export class TextWindow {
  /** Characters appended so far. */
  total = 0;
  private text = '';
  private base = 0;
  private at = 0;
  private line = 1;
  private lineStart = 0;

  constructor(readonly file: string) {}

  append(chunk: string): void {
    this.text += chunk;
    this.total += chunk.length;
  }

  /** Line and column of an offset; offsets must not decrease between calls. */
  locate(offset: number): SourceLocation {
    const end = Math.min(offset, this.total);
    for (; this.at < end; this.at++) {
      if (this.text.charCodeAt(this.at - this.base) === 0x0a) {
        this.line++;
        this.lineStart = this.at + 1;
      }
    }
    return { file: this.file, line: this.line, column: offset - this.lineStart + 1 };
  }

  /** Offset where field `index` of the row at `rowStart` begins (delimiters inside quotes skipped). */
  fieldOffset(rowStart: number, delimiter: string, index: number, quoteChar = '"'): number {
    let field = 0;
    let quoted = false;
    for (let i = rowStart - this.base; i < this.text.length; i++) {
      if (field === index) return i + this.base;
      if (this.text[i] === quoteChar) quoted = !quoted;
      else if (!quoted && this.text.startsWith(delimiter, i)) {
        field++;
        i += delimiter.length - 1;
      }
    }
    return this.total;
  }

  /** Forgets the text before `offset` (and before the last located offset). */
  release(offset: number): void {
    const cut = Math.min(offset, this.at) - this.base;
    if (cut > 0) {
      this.text = this.text.slice(cut);
      this.base += cut;
    }
  }
}

const DETECT_SAMPLE_CHARS = 65_536;
const DETECT_SAMPLE_ROWS = 50;
/** Rows parsed ahead of the consumer before the input is paused. */
const ROWS_AHEAD = 4_096;

/**
 * Papaparse's delimiter guess on the first rows of `sample`, ignoring blank lines.
 *
 * @example
 * detectDelimiter('a;b\nx;1\n', 'x.txt'); // ';'
 */
export function detectDelimiter(sample: string, file: string): string {
  const guess = Papa.parse<string[]>(sample.slice(0, DETECT_SAMPLE_CHARS), {
    preview: DETECT_SAMPLE_ROWS,
    skipEmptyLines: true,
  });
  if (guess.errors.some((e) => e.code === 'UndetectableDelimiter')) {
    throw new DataFormatError(
      { file, line: 1, column: 1 },
      'expected fields separated by ",", tab, "|" or ";", got no consistent delimiter (set the delimiter option)',
    );
  }
  return guess.meta.delimiter;
}

/**
 * The first characters of a (possibly gzipped) text file, for delimiter detection.
 *
 * @example
 * detectDelimiter(await readHead('train.txt'), 'train.txt');
 */
export async function readHead(path: string, chars = DETECT_SAMPLE_CHARS): Promise<string> {
  const stream = await openTextStream(path);
  stream.setEncoding('utf8');
  let head = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      head += chunk;
      if (head.length >= chars) break;
    }
  } finally {
    stream.destroy();
  }
  return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
}

/**
 * Streams the rows of delimited text (strings from `source`) through papaparse, in batches, with
 * backpressure: the input pauses while the consumer is behind. Every character also goes to
 * `window` (BOM dropped) so rows can be located. `quoteChar` `'\u0000'` turns quoting off.
 *
 * @example
 * for await (const rows of delimitedRows(Readable.from(['a,b\n']), ',', new TextWindow('x'))) use(rows);
 */
export async function* delimitedRows(
  source: Readable,
  delimiter: string,
  window: TextWindow,
  quoteChar = '"',
): AsyncGenerator<DelimitedRow[]> {
  let atStart = true;
  const tap = new Transform({
    decodeStrings: false,
    transform(chunk: unknown, _encoding, done) {
      let text = String(chunk);
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
      window.append(text);
      done(null, text);
    },
  });
  tap.setEncoding('utf8');
  let queue: DelimitedRow[] = [];
  let start = 0;
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  source.on('error', (error) => tap.destroy(error));
  source.pipe(tap);
  Papa.parse<string[]>(tap, {
    delimiter,
    quoteChar,
    step: (result) => {
      queue.push({ data: result.data, start, error: result.errors[0] });
      start = result.meta.cursor;
      if (queue.length >= ROWS_AHEAD) tap.pause();
      notify();
    },
    complete: () => {
      finished = true;
      notify();
    },
    error: (error: Error) => {
      failure = error;
      notify();
    },
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        if (!finished) tap.resume();
        yield batch;
        continue;
      }
      if (failure !== undefined) {
        throw new RecurrentError('IO', `${window.file}: cannot read: ${(failure as Error).message}`, {
          cause: failure,
        });
      }
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    source.unpipe(tap);
    tap.destroy();
    source.destroy();
  }
}

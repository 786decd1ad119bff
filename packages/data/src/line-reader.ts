import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RecurrentError } from '@recurrent/core';

/** One line of an input file, without its line terminator. `line` is 1-based. */
export interface NumberedLine {
  readonly text: string;
  readonly line: number;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Bytes per read and per gunzip output chunk: large chunks mean few async steps per file. */
const READ_CHUNK_BYTES = 1 << 18;
/** Gunzip runs on the thread pool; letting it run this far ahead overlaps it with parsing. */
const READ_AHEAD_BYTES = 1 << 20;

/** True when the file starts with the gzip magic bytes (whatever its name). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new RecurrentError('IO', `${path}: cannot open: ${(cause as Error).message}`, { cause });
  });
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await handle.close();
  }
}

/** A byte stream of the file, gunzipped when it is gzip. */
export async function openTextStream(path: string): Promise<Readable> {
  const gz = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  // zlib streams accept stream options (highWaterMark) although ZlibOptions does not list them.
  const gunzipOptions = { chunkSize: READ_CHUNK_BYTES, highWaterMark: READ_AHEAD_BYTES };
  return gz ? raw.pipe(createGunzip(gunzipOptions)) : raw;
}

/**
 * Streams the lines of a text file: gzip is detected by its magic bytes, a UTF-8 BOM is dropped,
 * CRLF and LF both end a line. Lines are numbered from 1 for error messages.
 *
 * @example
 * for await (const { text, line } of readLines('train.conllu.gz')) {
 *   if (text === '') console.log(`sentence ends at line ${line}`);
 * }
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const stream = await openTextStream(path);
  yield* linesOf(stream, path);
}

/**
 * Consecutive lines of a file: `lines[i]` is line `first + i` (1-based), without its terminator.
 * Parsers that handle hundreds of thousands of lines read batches to avoid one async step and one
 * object per line.
 */
export interface LineBatch {
  readonly first: number;
  readonly lines: readonly string[];
}

/** Numbered lines of an already open stream (stdin, a network body); `name` is only for errors. */
export async function* linesOf(stream: Readable, name: string): AsyncGenerator<NumberedLine> {
  for await (const { first, lines } of lineBatchesOf(stream, name)) {
    for (let i = 0; i < lines.length; i++) yield { text: lines[i] as string, line: first + i };
  }
}

/**
 * Streams the lines of a file in batches (one batch per decoded chunk), with the same rules as
 * {@link readLines}: gzip by magic bytes, BOM dropped, CRLF or LF.
 *
 * @example
 * for await (const { first, lines } of readLineBatches('train.conllu.gz')) {
 *   lines.forEach((text, i) => { if (text === '') console.log(`blank line ${first + i}`); });
 * }
 */
export async function* readLineBatches(path: string): AsyncGenerator<LineBatch> {
  const stream = await openTextStream(path);
  yield* lineBatchesOf(stream, path);
}

/** Removes one trailing CR from each line, in place. */
function dropCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text.charCodeAt(text.length - 1) === 0x0d) lines[i] = text.slice(0, -1);
  }
}

/** Batches of lines of an open stream; `name` is only for errors. */
export async function* lineBatchesOf(stream: Readable, name: string): AsyncGenerator<LineBatch> {
  stream.setEncoding('utf8');
  let next = 1;
  let rest = '';
  let atStart = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = rest + chunk;
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
      const lines = text.split('\n');
      rest = lines.pop() as string;
      if (lines.length === 0) continue;
      dropCarriageReturns(lines);
      yield { first: next, lines };
      next += lines.length;
    }
    if (rest !== '') {
      const lines = [rest];
      dropCarriageReturns(lines);
      yield { first: next, lines };
    }
  } catch (cause) {
    throw new RecurrentError('IO', `${name}:${next}: cannot read: ${(cause as Error).message}`, { cause });
  } finally {
    stream.destroy();
  }
}

/**
 * The lines of an in-memory string as one batch, split like {@link readLineBatches}.
 *
 * @example
 * lineBatchesOfString('a\r\nb\n'); // [{ first: 1, lines: ['a', 'b'] }]
 */
export function lineBatchesOfString(content: string): LineBatch[] {
  return [{ first: 1, lines: Array.from(linesOfString(content), (l) => l.text) }];
}

/** Numbered lines of an in-memory string (tests, stdin already read); `name` appears in errors. */
export function* linesOfString(content: string): Generator<NumberedLine> {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const parts = text.split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) yield { text: parts[i] as string, line: i + 1 };
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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
  const raw = createReadStream(path);
  return gz ? raw.pipe(createGunzip()) : raw;
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
  stream.setEncoding('utf8');
  yield* linesOf(stream, path);
}

/** Numbered lines of an already open stream (stdin, a network body); `name` is only for errors. */
export async function* linesOf(stream: Readable, name: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      let text = raw;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      yield { text, line };
    }
  } catch (cause) {
    throw new RecurrentError('IO', `${name}:${line + 1}: cannot read: ${(cause as Error).message}`, { cause });
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Numbered lines of an in-memory string (tests, stdin already read); `name` appears in errors. */
export function* linesOfString(content: string): Generator<NumberedLine> {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const parts = text.split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) yield { text: parts[i] as string, line: i + 1 };
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { RecurrentError } from '@recurrent/core';

/**
 * The sha256 (lower-case hex) of a file's bytes, streamed.
 *
 * @example
 * await sha256File('datasets/tiny-shakespeare/input.txt'); // '86c4e6aa…'
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw new RecurrentError('IO', `${path}: cannot read for sha256: ${(cause as Error).message}`, { cause });
  }
  return hash.digest('hex');
}

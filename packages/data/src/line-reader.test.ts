import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import {
  type LineBatch,
  lineBatchesOf,
  lineBatchesOfString,
  linesOfString,
  readLineBatches,
  readLines,
} from './line-reader.js';

async function collect(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const { text, line } of readLines(path)) out.push(`${line}:${text}`);
  return out;
}

describe('readLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'line-reader-'));

  it('drops the BOM and CR, numbering lines from 1', async () => {
    const file = join(dir, 'crlf.txt');
    writeFileSync(file, '\uFEFFfirst\r\nsecond\r\n\r\nfourth');
    expect(await collect(file)).toEqual(['1:first', '2:second', '3:', '4:fourth']);
  });

  it('reads gzip by magic bytes whatever the name', async () => {
    const file = join(dir, 'plain-name.txt');
    writeFileSync(file, gzipSync(Buffer.from('a\nb\n')));
    expect(await collect(file)).toEqual(['1:a', '2:b']);
  });

  it('fails with an IO error naming a missing file', async () => {
    await expect(collect(join(dir, 'missing.txt'))).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('missing.txt'),
    });
  });
});

describe('linesOfString', () => {
  it('splits like readLines', () => {
    expect([...linesOfString('\uFEFFx\r\ny\n')].map((l) => `${l.line}:${l.text}`)).toEqual(['1:x', '2:y']);
  });
});

describe('lineBatchesOf', () => {
  it('joins lines, CRLF and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('\uFEFFcrème\r\nbrûlée\r\n\r\nend', 'utf8');
    // One byte per chunk: every boundary falls inside a line, a CRLF or a UTF-8 sequence.
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const batches: LineBatch[] = [];
    for await (const batch of lineBatchesOf(Readable.from(chunks), 'bytes')) batches.push(batch);
    const lines = batches.flatMap((b) => b.lines.map((text, i) => `${b.first + i}:${text}`));
    expect(lines).toEqual(['1:crème', '2:brûlée', '3:', '4:end']);
  });

  it('numbers batches of a file like readLines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'line-batches-'));
    const file = join(dir, 'many.txt');
    const text = Array.from({ length: 50_000 }, (_, i) => `line ${i + 1}`).join('\n');
    writeFileSync(file, gzipSync(Buffer.from(text)));
    const seen: string[] = [];
    for await (const { first, lines } of readLineBatches(file))
      lines.forEach((t, i) => seen.push(`${first + i}:${t}`));
    expect(seen.length).toBe(50_000);
    expect(seen.every((s) => s === `${s.split(':')[0]}:line ${s.split(':')[0]}`)).toBe(true);
  });
});

describe('readLineBatches errors', () => {
  it('fails with an IO error naming the file and line when gzip data is corrupt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'line-batches-'));
    const file = join(dir, 'broken.gz');
    const good = gzipSync(Buffer.from('a\nb\n'));
    writeFileSync(file, Buffer.concat([good.subarray(0, 12), Buffer.from('not deflate data at all')]));
    const read = async (): Promise<void> => {
      for await (const _ of readLineBatches(file)) void _;
    };
    await expect(read()).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/broken\.gz:1: cannot read: /),
    });
  });
});

describe('lineBatchesOfString', () => {
  it('gives one batch split like linesOfString', () => {
    expect(lineBatchesOfString('\uFEFFa\r\n\r\nb')).toEqual([{ first: 1, lines: ['a', '', 'b'] }]);
  });
});

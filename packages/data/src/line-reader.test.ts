import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { linesOfString, readLines } from './line-reader.js';

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

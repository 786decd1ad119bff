import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@recurrent/core';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { downloadFile, type DownloadProgress } from './download-file.js';
import { startTestServer, type Route, type TestServer } from './test-server.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/download/verse.txt', import.meta.url));
let body: Buffer;
let sha: string;
let tmp: TmpDir;
let server: TestServer | undefined;

beforeAll(async () => {
  body = await readFile(FIXTURE);
  sha = createHash('sha256').update(body).digest('hex');
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(route: Partial<Route> = {}): Promise<string> {
  server = await startTestServer({ '/verse.txt': { body, ...route } });
  return `${server.url}/verse.txt`;
}

describe('downloadFile', () => {
  it('downloads, verifies and renames into place, reporting progress up to the size', async () => {
    const url = await serve();
    const dest = tmp.path('clean.txt');
    const progress: DownloadProgress[] = [];
    const result = await downloadFile(url, dest, {
      sha256: sha,
      size: body.length,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({
      path: dest,
      sha256: sha,
      bytes: body.length,
      cached: false,
      requests: 1,
      resumedBytes: 0,
    });
    expect(await readFile(dest)).toEqual(body);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(progress.at(-1)).toEqual({ url, received: body.length, total: body.length });
    expect(
      progress.every((p, i) => i === 0 || p.received > (progress[i - 1] as DownloadProgress).received),
    ).toBe(true);

    const again = await downloadFile(url, dest, { sha256: sha });
    expect(again.cached).toBe(true);
    expect(server?.requests).toHaveLength(1);
  });

  it('deletes a corrupted download and leaves nothing in place', async () => {
    const corrupted = Buffer.from(body);
    corrupted[100] = 0x58;
    server = await startTestServer({ '/verse.txt': { body: corrupted } });
    const dest = tmp.path('corrupt.txt');
    const got = createHash('sha256').update(corrupted).digest('hex');
    await expect(downloadFile(`${server.url}/verse.txt`, dest, { sha256: sha })).rejects.toThrow(
      `sha256 mismatch: expected ${sha}, got ${got}; the download was deleted and nothing was put in place`,
    );
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('resumes with a Range request after the connection drops mid-transfer', async () => {
    const url = await serve({ dropAfter: 1000 });
    const dest = tmp.path('dropped.txt');
    const logger = createMemoryLogger();
    const result = await downloadFile(url, dest, { sha256: sha, logger });
    expect(await readFile(dest)).toEqual(body);
    expect(result).toMatchObject({ requests: 2, resumedBytes: 1000, cached: false });
    expect(server?.requests.map((r) => r.range)).toEqual([undefined, 'bytes=1000-']);
    expect(logger.lines.some((l) => l.includes('resuming from byte 1000'))).toBe(true);
  });

  it('continues a .part file left by an earlier run', async () => {
    const url = await serve();
    const dest = tmp.path('leftover.txt');
    await writeFile(`${dest}.part`, body.subarray(0, 700));
    const result = await downloadFile(url, dest, { sha256: sha });
    expect(result.resumedBytes).toBe(700);
    expect(server?.requests.map((r) => r.range)).toEqual(['bytes=700-']);
    expect(await readFile(dest)).toEqual(body);
  });

  it('starts over when the server ignores Range, even after a drop', async () => {
    const url = await serve({ range: false, dropAfter: 900 });
    const dest = tmp.path('norange.txt');
    await writeFile(`${dest}.part`, 'stale bytes from somewhere else');
    const result = await downloadFile(url, dest, { sha256: sha });
    expect(await readFile(dest)).toEqual(body);
    expect(result).toMatchObject({ requests: 2, resumedBytes: 0 });
    expect(server?.requests.map((r) => r.range)).toEqual(['bytes=31-', 'bytes=900-']);
  });

  it('accepts a complete .part when the server answers 416', async () => {
    const url = await serve();
    const dest = tmp.path('complete.txt');
    await writeFile(`${dest}.part`, body);
    const result = await downloadFile(url, dest, { sha256: sha });
    expect(result).toMatchObject({ requests: 1, bytes: body.length, sha256: sha });
    expect(await readFile(dest)).toEqual(body);
  });

  it('gives up after the retries, keeping the part for next time', async () => {
    const url = await serve({ dropAfter: 300, drops: 10 });
    const dest = tmp.path('flaky.txt');
    await expect(downloadFile(url, dest, { sha256: sha, retries: 1 })).rejects.toThrow(
      /gave up after 2 requests/,
    );
    expect((await readFile(`${dest}.part`)).length).toBe(600);
    expect(existsSync(dest)).toBe(false);
  });

  it('fails with the HTTP status for a missing file and for a size mismatch', async () => {
    const url = await serve();
    await expect(downloadFile(`${server?.url}/nope`, tmp.path('nope'))).rejects.toThrow(/HTTP 404/);
    await expect(downloadFile(url, tmp.path('size.txt'), { size: body.length + 1 })).rejects.toThrow(
      `downloaded ${body.length} bytes but expected ${body.length + 1}`,
    );
    expect(existsSync(tmp.path('size.txt.part'))).toBe(false);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';

/** Debian's chromium (`apt-get install chromium`); the test is skipped where it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const WASM_DIR = dirname(
  join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'),
);

interface PageResult {
  readonly backend?: string;
  readonly kernelsAdded?: string[];
  readonly minGruWorstRelativeDiff?: number;
  readonly minGruKernels?: string[];
  readonly adam?: number[];
  readonly heapMemory?: boolean;
  readonly tanh?: number[];
  readonly slice?: number[];
  readonly error?: string;
}

describe.skipIf(!existsSync(CHROMIUM))(
  '@recurrent/backend and layers in a browser (headless Chromium, wasm)',
  () => {
    let server: Server;
    let result: PageResult;

    beforeAll(async () => {
      // The page's script, bundled as a web app would bundle it (Node-only imports stay out).
      const bundle = await build({
        entryPoints: [join(REPO_ROOT, 'test/e2e/browser/backend-page.mjs')],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        external: ['node:*', 'worker_threads', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'],
        logLevel: 'silent',
      });
      const script = bundle.outputFiles[0]?.contents ?? new Uint8Array();
      server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        if (path === '/') {
          res.setHeader('content-type', 'text/html');
          res.end('<!doctype html><script type="module" src="/page.js"></script>');
        } else if (path === '/page.js') {
          res.setHeader('content-type', 'text/javascript');
          res.end(script);
        } else if (path.startsWith('/wasm/') && existsSync(join(WASM_DIR, path.slice(6)))) {
          res.setHeader('content-type', 'application/wasm');
          res.end(readFileSync(join(WASM_DIR, path.slice(6))));
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage();
        const line = new Promise<string>((resolve) =>
          page.on('console', (message) => {
            if (message.text().startsWith('RESULT ')) resolve(message.text().slice(7));
          }),
        );
        await page.goto(`http://127.0.0.1:${port}/`);
        result = JSON.parse(await line) as PageResult;
      } finally {
        await browser.close();
      }
    }, 120_000);

    afterAll(() => {
      server?.close();
    });

    it('initBackend picks wasm without a `process` and adds the fused kernels', () => {
      expect(result.error).toBeUndefined();
      expect(result.backend).toBe('wasm');
      expect(result.kernelsAdded).toEqual(
        expect.arrayContaining(['RcMinGruProjectedScan', 'RcLstmProjectedSequence', 'RcAdamUpdate']),
      );
    });

    it('minGRU runs its fused kernel and matches the composite ops within 1e-5 (outputs and gradients)', () => {
      expect(result.minGruKernels).toEqual(['RcMinGruProjectedScan']);
      expect(result.minGruWorstRelativeDiff).toBeLessThan(1e-5);
    });

    it('Adam runs on the tfjs heap (its memory is importable) and takes the first step of size lr', () => {
      expect(result.heapMemory).toBe(true);
      const expected = [0.49, -0.26, 1.01, 1.99, 3.01];
      result.adam?.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    });

    it('tanh and slice give the stock values', () => {
      [0, Math.tanh(1), Math.tanh(-2), 1].forEach((v, i) => expect(result.tanh?.[i]).toBeCloseTo(v, 6));
      expect(result.slice).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
    });
  },
);

import * as tf from '@tensorflow/tfjs';
import { createMemoryLogger } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { initBackend } from './init-backend.js';
import { parseKernelThreads } from './kernel-threads.js';
import { RECURRENCE_KERNEL_NAMES } from './kernels/register-recurrence-kernels.js';

describe('initBackend', () => {
  it('chooses wasm by default here, where tfjs-node is not installed, and says why in one line', async () => {
    const logger = createMemoryLogger();
    const info = await initBackend({ logger, env: { RECURRENT_KERNEL_THREADS: '1' } });
    expect(info.name).toBe('wasm');
    expect(info.kernelThreads).toBe(1);
    expect(tf.getBackend()).toBe('wasm');
    // The optional tfjs-node packages are either absent or installed without their binary here.
    expect(info.reason).toMatch(
      /^auto: @tensorflow\/tfjs-node-gpu (not installed|installed without its native binary .*), @tensorflow\/tfjs-node (not installed|installed without its native binary .*)$/,
    );
    expect(info.kernelsPatched).toEqual(['UnsortedSegmentSum', 'BatchMatMul', '_FusedMatMul', 'GatherV2', 'Sum', 'Reverse', 'Equal', 'Identity', 'MaxPoolGrad', 'Tanh', 'Transpose', 'Slice', 'SplitV']);
    expect(info.kernelsAdded).toEqual([...RECURRENCE_KERNEL_NAMES, 'RcAdamUpdate']);
    expect(tf.getKernel('RcLstmSequence', 'wasm')).toBeDefined();
    expect(info.gradientsAdded).toContain('GatherNd');
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^backend: wasm \((no )?SIMD, (single|multi)-?threaded, \d+ threads?\) — auto: /);
    expect(logger.lines[0]).toContain('patched kernels: UnsortedSegmentSum, BatchMatMul, _FusedMatMul, GatherV2, Sum, Reverse, Equal, Identity, MaxPoolGrad, Tanh, Transpose, Slice, SplitV; fused kernels: RcLstmSequence');
  });

  it('runs the fused recurrences on 2 threads with kernelThreads 2, and auto follows the core count', async () => {
    const logger = createMemoryLogger();
    const two = await initBackend({ prefer: 'wasm', kernelThreads: 2, logger });
    expect(two.kernelThreads).toBe(2); // Node with shared memory: the helper thread starts
    expect(logger.lines[0]).toContain('fused kernels (recurrences and large matMuls on 2 threads): RcLstmSequence');
    const auto = await initBackend({ prefer: 'wasm', env: {} });
    expect(auto.kernelThreads).toBe(os.availableParallelism() >= 2 ? 2 : 1);
    expect((await initBackend({ prefer: 'cpu', env: { RECURRENT_KERNEL_THREADS: ' 1 ' } })).kernelThreads).toBe(1);
    expect(parseKernelThreads('auto')).toBe('auto');
    expect(() => parseKernelThreads('4', '--kernel-threads')).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/--kernel-threads.*must be 1, 2 or auto, got "4"/) }));
    await expect(initBackend({ prefer: 'cpu', env: { RECURRENT_KERNEL_THREADS: 'many' } })).rejects.toMatchObject({ code: 'CONFIG' });
  });

  it('honours RECURRENT_BACKEND=cpu', async () => {
    const info = await initBackend({ env: { RECURRENT_BACKEND: 'cpu' } });
    expect(info).toMatchObject({ name: 'cpu', reason: 'RECURRENT_BACKEND=cpu' });
    expect(info.kernelsPatched).toEqual(['UnsortedSegmentSum', 'Slice', 'SplitV', 'BatchMatMul', '_FusedMatMul']);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('lets prefer (--backend) win over RECURRENT_BACKEND', async () => {
    const info = await initBackend({ prefer: 'wasm', env: { RECURRENT_BACKEND: 'cpu' } });
    expect(info).toMatchObject({ name: 'wasm', reason: '--backend=wasm' });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects RECURRENT_BACKEND=nonsense with the allowed list (CONFIG)', async () => {
    await expect(initBackend({ env: { RECURRENT_BACKEND: 'nonsense' } })).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'RECURRENT_BACKEND must be one of the allowed backends, got "nonsense"; allowed: auto, tensorflow, wasm, cpu',
    });
  });

  it('fails clearly for tensorflow when tfjs-node is absent, saying how to install it (BACKEND)', async () => {
    const attempt = initBackend({ prefer: 'tensorflow', env: {} });
    await expect(attempt).rejects.toMatchObject({ code: 'BACKEND' });
    await expect(attempt).rejects.toThrow(
      /backend tensorflow \(--backend=tensorflow\) is not available: @tensorflow\/tfjs-node-gpu (not installed|installed without its native binary).*; install it with `npm install @tensorflow\/tfjs-node@4\.22\.0`/,
    );
  });

  it('rejects a wasmThreads that is not a positive integer', async () => {
    await expect(initBackend({ env: {}, wasmThreads: 0 })).rejects.toMatchObject({ code: 'CONFIG' });
  });

  it('is safe to call twice: same backend, same kernels, no tensors created', async () => {
    const first = await initBackend({ env: {} });
    const before = tf.memory().numTensors;
    const second = await initBackend({ env: {} });
    expect(second).toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
    const sum = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 1, 0], 'int32'), 2);
    expect(await sum.array()).toEqual([3, 3]);
    sum.dispose();
  });
});

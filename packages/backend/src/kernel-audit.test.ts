import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerMissingGradients } from './gradients/register-missing-gradients.js';
import { auditKernels } from './kernel-audit.js';
import { patchKernels } from './kernels/patch-kernels.js';
import { loadWasmBackend } from './wasm-runtime.js';

const failures = () =>
  auditKernels()
    .filter((e) => !e.ok)
    .map((e) => `${e.op}: ${e.missingKernel ?? e.error ?? ''}`);

// One file, one process: the tests run in order, from stock tfjs to fully patched.
describe('auditKernels', () => {
  it('finds on stock wasm exactly the missing UnsortedSegmentSum and the missing gradients', async () => {
    await loadWasmBackend();
    expect(await tf.setBackend('wasm')).toBe(true);
    const stock = failures();
    expect(stock).toEqual([
      'gather: UnsortedSegmentSum',
      'gatherND: Cannot compute gradient: gradient function not found for GatherNd.',
      'unsortedSegmentSum: UnsortedSegmentSum',
      'where: Cannot compute gradient: gradient function not found for Greater.',
    ]);
  });

  it('finds nothing missing on wasm and cpu once kernels and gradients are patched', async () => {
    registerMissingGradients();
    for (const backendName of ['wasm', 'cpu']) {
      expect(await tf.setBackend(backendName)).toBe(true);
      patchKernels(backendName);
      const entries = auditKernels();
      expect(entries.length).toBe(31);
      expect(entries.filter((e) => !e.ok)).toEqual([]);
    }
  });

  it('leaves no tensors behind', async () => {
    for (const backendName of ['wasm', 'cpu']) {
      await tf.setBackend(backendName);
      const before = tf.memory().numTensors;
      auditKernels();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

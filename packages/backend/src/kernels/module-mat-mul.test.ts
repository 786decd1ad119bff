import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadWasmBackend } from '../wasm-runtime.js';
import { patchKernels } from './patch-kernels.js';
import { loadRecurrenceModule } from './recurrence-module.js';
import { registerMatMulKernels } from './register-mat-mul-kernels.js';

/** `op(a)·op(b) (+ bias)` in float64, from row-major arrays. */
function reference(a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], ta: boolean, tb: boolean, bias?: Float32Array): number[] {
  const [ar, ac] = aShape.slice(-2) as [number, number];
  const [br, bc] = bShape.slice(-2) as [number, number];
  const [m, k, n] = [ta ? ac : ar, ta ? ar : ac, tb ? br : bc];
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = bias?.[j] ?? 0;
      for (let p = 0; p < k; p++) sum += (a[ta ? p * ac + i : i * ac + p] as number) * (b[tb ? j * bc + p : p * bc + j] as number);
      out.push(sum);
    }
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly a: number[];
  readonly b: number[];
  readonly ta?: boolean;
  readonly tb?: boolean;
  readonly bias?: number[];
  readonly activation?: 'relu';
  /** Whether the module's gemm takes it (else the previous kernel does). */
  readonly module: boolean;
}

// m = 67 and n = 45 leave row and column tails; k = 300 spans two 256-wide blocks.
const CASES: readonly Case[] = [
  { name: 'plain', a: [67, 300], b: [300, 45], module: true },
  { name: 'transposeA', a: [300, 67], b: [300, 45], ta: true, module: true },
  { name: 'transposeB', a: [67, 300], b: [45, 300], tb: true, module: true },
  { name: 'transposeA and transposeB', a: [300, 67], b: [45, 300], ta: true, tb: true, module: true },
  { name: 'one-matrix batch axis', a: [1, 67, 300], b: [1, 300, 45], module: true },
  { name: 'fused with bias [n]', a: [67, 300], b: [300, 45], bias: [45], module: true },
  { name: 'fused transposeA with bias [1, n]', a: [300, 67], b: [300, 45], ta: true, bias: [1, 45], module: true },
  { name: 'fused with relu (previous kernel)', a: [67, 300], b: [300, 45], bias: [45], activation: 'relu', module: false },
  { name: 'batch of 2 (previous kernel)', a: [2, 67, 300], b: [2, 300, 45], module: false },
  { name: 'small product (previous kernel)', a: [8, 30], b: [30, 45], module: false },
];

const values = (shape: number[], seed: number): tf.Tensor => tf.randomUniform(shape, -1, 1, 'float32', seed);

describe('module matMul (recurrence module gemm behind BatchMatMul / _FusedMatMul)', () => {
  beforeAll(async () => {
    await loadWasmBackend();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    for (const threads of [1, 2] as const) {
      it(`equals a float64 product on ${backend} with ${threads} thread(s), takes the large single products and leaks nothing`, async () => {
        await tf.setBackend(backend);
        patchKernels(backend);
        expect(await registerMatMulKernels(backend, { threads })).toEqual(['BatchMatMul', '_FusedMatMul']);
        const mod = await loadRecurrenceModule({ threads });
        const runRows = vi.spyOn(mod, 'runRows');
        try {
          for (const [i, c] of CASES.entries()) {
            const before = tf.memory().numTensors;
            const a = values(c.a, 10 + i);
            const b = values(c.b, 50 + i);
            const bias = c.bias === undefined ? undefined : values(c.bias, 90 + i);
            runRows.mockClear();
            const product = c.bias === undefined && c.activation === undefined
              ? tf.matMul(a, b, c.ta, c.tb)
              : tf.fused.matMul({ a, b, transposeA: c.ta, transposeB: c.tb, bias, activation: c.activation });
            expect(runRows.mock.calls.filter(([name]) => name === 'gemm').length, c.name).toBe(c.module ? 1 : 0);
            const got = await product.data();
            let expected: number[] = [];
            const batches = c.a.length === 3 ? (c.a[0] as number) : 1;
            const [av, bv] = [(await a.data()) as Float32Array, (await b.data()) as Float32Array];
            const biasValues = bias === undefined ? undefined : ((await bias.data()) as Float32Array);
            for (let m = 0; m < batches; m++) {
              const sa = av.length / batches;
              const sb = bv.length / batches;
              expected = expected.concat(reference(av.subarray(m * sa, (m + 1) * sa), c.a, bv.subarray(m * sb, (m + 1) * sb), c.b, c.ta ?? false, c.tb ?? false, biasValues));
            }
            if (c.activation === 'relu') expected = expected.map((x) => Math.max(0, x));
            const worst = expected.reduce((w, x, j) => Math.max(w, Math.abs(x - (got[j] as number))), 0);
            expect(worst, c.name).toBeLessThan(2e-5);
            expect(product.shape, c.name).toEqual([...(c.a.length === 3 ? [c.a[0]] : []), c.ta ? c.a.at(-1) : c.a.at(-2), c.tb ? c.b.at(-2) : c.b.at(-1)]);
            tf.dispose([a, b, product, ...(bias === undefined ? [] : [bias])]);
            expect(tf.memory().numTensors, c.name).toBe(before);
          }
        } finally {
          runRows.mockRestore();
        }
      });
    }
  }

  it('gives the same gradients as the previous kernel through a dense layer (wasm, 2 threads)', async () => {
    await tf.setBackend('wasm');
    const x = values([96, 40], 1);
    const w = tf.variable(values([40, 80], 2));
    const gradients = () => tf.variableGrads(() => tf.sum(tf.square(tf.matMul(x, w))), [w]);
    patchKernels('wasm');
    await registerMatMulKernels('wasm', { threads: 1 });
    const one = gradients();
    await registerMatMulKernels('wasm', { threads: 2 });
    const two = gradients();
    expect(Array.from(await two.grads[w.name]!.data())).toEqual(Array.from(await one.grads[w.name]!.data()));
    tf.dispose([x, w, one.value, two.value, ...Object.values(one.grads), ...Object.values(two.grads)]);
  });
});

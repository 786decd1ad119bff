import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend } from '../wasm-runtime.js';
import { ADAM_UPDATE_KERNEL, registerOptimizerKernels } from './adam-update-kernel.js';
import { heapKernels } from './heap-module.js';

const ATTRS = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const wave = (n: number, phase: number, scale: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + phase) * scale);

/** The update in float64, term by term (the reference). */
function reference(
  value: number[],
  grad: number[],
  m: number[],
  v: number[],
  accBeta1: number,
  accBeta2: number,
): number[][] {
  const { learningRate, beta1, beta2, epsilon } = ATTRS;
  const mi = grad.map((g, i) => beta1 * (m[i] as number) + (1 - beta1) * g);
  const vi = grad.map((g, i) => beta2 * (v[i] as number) + (1 - beta2) * g * g);
  const next = value.map(
    (x, i) =>
      x -
      (learningRate * (mi[i] as number)) /
        (1 - accBeta1) /
        (Math.sqrt((vi[i] as number) / (1 - accBeta2)) + epsilon),
  );
  return [next, mi, vi];
}

describe.each(['wasm', 'cpu'])('RcAdamUpdate on %s', (backend) => {
  beforeAll(async () => {
    await loadWasmBackend();
    await tf.setBackend(backend);
    registerOptimizerKernels(backend);
  });

  it('matches the float64 update within 1e-6 of each value (1,003 values: SIMD lanes and a tail of 3)', async () => {
    const n = 1003;
    const inputs = [
      wave(n, 0, 1),
      wave(n, 1, 0.1),
      wave(n, 2, 0.01),
      wave(n, 3, 0.001).map(Math.abs),
    ] as const;
    const [value, gradient, m, v] = inputs.map((values) => tf.tensor1d(values));
    const [accBeta1, accBeta2] = [tf.scalar(0.9 ** 3), tf.scalar(0.999 ** 3)];
    const out = tf
      .engine()
      .runKernel(
        ADAM_UPDATE_KERNEL,
        { value: value!, gradient: gradient!, m: m!, v: v!, accBeta1, accBeta2 },
        ATTRS as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
    const expected = reference(...inputs, 0.9 ** 3, 0.999 ** 3);
    for (let k = 0; k < 3; k++) {
      const actual = await (out[k] as tf.Tensor).data();
      const want = expected[k] as number[];
      const scale = Math.max(...want.map(Math.abs));
      const worst = Math.max(...want.map((w, i) => Math.abs((actual[i] as number) - w)));
      expect(worst / scale).toBeLessThan(1e-6);
    }
    tf.dispose([value!, gradient!, m!, v!, accBeta1, accBeta2, ...out]);
  });

  it(
    backend === 'wasm'
      ? 'runs in place on the tfjs heap, leaving every other tensor as it was'
      : 'uses no heap kernels on cpu',
    async () => {
      const bystander = tf.tensor1d(wave(4096, 5, 2));
      const before = Array.from(await bystander.data());
      expect(heapKernels(tf.backend()) !== null).toBe(backend === 'wasm');
      const [value, gradient, m, v] = [0, 1, 2, 3].map((p) => tf.tensor1d(wave(64, p, 1)));
      const [accBeta1, accBeta2] = [tf.scalar(0.9), tf.scalar(0.999)];
      const out = tf
        .engine()
        .runKernel(
          ADAM_UPDATE_KERNEL,
          { value: value!, gradient: gradient!, m: m!, v: v!, accBeta1, accBeta2 },
          ATTRS as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      expect(Array.from(await bystander.data())).toEqual(before);
      tf.dispose([bystander, value!, gradient!, m!, v!, accBeta1, accBeta2, ...out]);
    },
  );
});

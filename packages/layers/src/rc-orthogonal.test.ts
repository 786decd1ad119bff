import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import { RcOrthogonal, orthogonalMatrix } from './rc-orthogonal.js';
import { makeInitializer } from './initializer-id.js';

/** max |Q Qᵀ − I| over the orthonormal side. */
function orthogonalityError(values: Float32Array, rows: number, cols: number): number {
  const byRows = rows <= cols;
  const n = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const at = (k: number, i: number) => (byRows ? values[k * cols + i] : values[i * cols + k]) as number;
  let max = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += at(a, i) * at(b, i);
      max = Math.max(max, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return max;
}

describe('orthogonalMatrix', () => {
  it('has orthonormal rows when rows <= cols and orthonormal columns otherwise', () => {
    expect(orthogonalityError(orthogonalMatrix(8, 32, new SeededRandom(1)), 8, 32)).toBeLessThan(1e-6);
    expect(orthogonalityError(orthogonalMatrix(32, 8, new SeededRandom(2)), 32, 8)).toBeLessThan(1e-6);
    expect(orthogonalityError(orthogonalMatrix(16, 16, new SeededRandom(3)), 16, 16)).toBeLessThan(1e-6);
  });

  it('is reproducible per seed and scaled by gain', () => {
    const a = orthogonalMatrix(4, 12, new SeededRandom(5));
    expect(orthogonalMatrix(4, 12, new SeededRandom(5))).toEqual(a);
    expect(orthogonalMatrix(4, 12, new SeededRandom(6))).not.toEqual(a);
    const scaled = orthogonalMatrix(4, 12, new SeededRandom(5), 2);
    expect(scaled.every((v, i) => Math.abs(v - 2 * (a[i] as number)) < 1e-6)).toBe(true);
  });

  it('initialises [128, 512] and [256, 1024] recurrent kernels quickly (times printed, not asserted)', () => {
    for (const [rows, cols] of [
      [128, 512],
      [256, 1024],
    ] as const) {
      const start = performance.now();
      const values = orthogonalMatrix(rows, cols, new SeededRandom(7));
      const ms = performance.now() - start;
      console.log(`RcOrthogonal [${rows}, ${cols}]: ${ms.toFixed(1)} ms`);
      expect(orthogonalityError(values, rows, cols)).toBeLessThan(1e-5);
    }
  });
});

describe('RcOrthogonal', () => {
  it('applies to a shape, serialises its config and is the recurrent default', async () => {
    const init = new RcOrthogonal({ seed: 11, gain: 1 });
    const w = init.apply([6, 24]);
    expect(w.shape).toEqual([6, 24]);
    expect(orthogonalityError((await w.data()) as Float32Array, 6, 24)).toBeLessThan(1e-6);
    expect(init.getConfig()).toEqual({ gain: 1, seed: 11 });
    expect(RcOrthogonal.className).toBe('RcOrthogonal');
    const again = makeInitializer('rcOrthogonal', 11).apply([6, 24]);
    expect(Array.from(await again.data())).toEqual(Array.from(await w.data()));
    tf.dispose([w, again]);
  });

  it('rejects a shape it cannot make orthogonal with a SHAPE error', () => {
    expect(() => new RcOrthogonal().apply([5])).toThrowError(expect.objectContaining({ code: 'SHAPE' }));
    expect(() => new RcOrthogonal({ gain: Number.NaN })).toThrowError(expect.objectContaining({ code: 'CONFIG' }));
  });
});

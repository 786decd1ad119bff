import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo, transposeInto } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of minGRU with its input projection inside (same string in @recurrent/layers). @example `tf.getKernel(MIN_GRU_PROJECTED_SCAN_KERNEL, 'wasm')` */
export const MIN_GRU_PROJECTED_SCAN_KERNEL = 'RcMinGruProjectedScan';
/** Kernel name of its backward pass. @example `tf.getKernel(MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, 'wasm')` */
export const MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL = 'RcMinGruProjectedScanGrad';

/** Sizes of one call: `x` `[time, batch, inputDim]`, kernel `[inputDim, 2·units]`. */
interface Dims {
  readonly time: number;
  readonly batch: number;
  readonly inputDim: number;
  readonly units: number;
  /** `time·batch`: the projection's rows. */
  readonly rows: number;
  /** `batch·units`: the scan's columns. */
  readonly n: number;
}

function dimsOf(args: KernelArgs): Dims {
  const [time, batch, inputDim] = (args.inputs['x'] as TensorInfo).shape as [number, number, number];
  const units = ((args.inputs['w'] as TensorInfo).shape[1] as number) / 2;
  return { time, batch, inputDim, units, rows: time * batch, n: batch * units };
}

/**
 * `kz = x W_z + b_z`, `kh = x W_h + b_h` (`[time·batch, units]` each, i.e. `[time, batch·units]`)
 * on both threads: rows of `x` split. `w`, `bias` are module offsets of the kernel and bias.
 */
function project(
  mod: RecurrenceModule,
  d: Dims,
  x: number,
  w: number,
  bias: number,
  kz: number,
  kh: number,
): void {
  for (const [gate, out] of [
    [0, kz],
    [1, kh],
  ] as const) {
    const col = 4 * gate * d.units;
    mod.runRows('gemm', d.rows, (r0, rows) => [
      x + 4 * r0 * d.inputDim,
      d.inputDim,
      0,
      w + col,
      2 * d.units,
      d.inputDim,
      d.units,
      bias + col,
      out + 4 * r0 * d.units,
      d.units,
      rows,
    ]);
  }
}

/** Copies `bias` in, or zeros where the layer has none. */
function biasInto(mem: Float32Array, at: number, bias: Float32Array | null, width: number): void {
  if (bias === null) mem.fill(0, at / 4, at / 4 + width);
  else mem.set(bias, at / 4);
}

/**
 * minGRU with its input projection inside: inputs `x` `[time, batch, inputDim]` (time-major), `w`
 * `[inputDim, 2·units]` (z, h), optional `bias` `[2·units]`, `h0` `[batch, units]`, optional
 * `valid` `[time, batch, units]` (1 at real steps, 0 at padding). Output `h` `[time, batch, units]`;
 * with attribute `saveProjections` also `kz`, `kh` `[time, batch, units]` for the backward pass
 * (which otherwise recomputes them). The projection runs in the module's `gemm` and the gates and
 * scan in `minGruForward`, both on two threads, without the projections ever becoming tfjs
 * tensors: one kernel call instead of three, no `[time, batch, 2·units]` round trip.
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_PROJECTED_SCAN_KERNEL, backendName: 'wasm', kernelFunc: minGruProjectedScanKernel(mod, 'wasm') });
 */
export function minGruProjectedScanKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, MIN_GRU_PROJECTED_SCAN_KERNEL);
    const d = dimsOf(args);
    const masked = args.inputs['valid'] !== undefined;
    const saveProjections =
      (args.attrs as { saveProjections?: boolean } | undefined)?.saveProjections === true;
    const tn = d.time * d.n;
    const width = 2 * d.units;
    const [x, w, bias, h0, valid, kz, kh, h] = mod.layout([
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      d.n,
      masked ? tn : 0,
      tn,
      tn,
      tn,
    ]);
    const mem = mod.f32();
    mem.set(io.input('x'), x / 4);
    mem.set(io.input('w'), w / 4);
    biasInto(mem, bias, args.inputs['bias'] === undefined ? null : io.input('bias'), width);
    mem.set(io.input('h0'), h0 / 4);
    if (masked) mem.set(io.input('valid'), valid / 4);
    project(mod, d, x, w, bias, kz, kh);
    mod.runRows('minGruForward', d.n, (c0, cols) => [
      d.time,
      cols,
      d.n,
      kz + 4 * c0,
      kh + 4 * c0,
      h0 + 4 * c0,
      masked ? valid + 4 * c0 : 0,
      h + 4 * c0,
    ]);
    const shape = [d.time, d.batch, d.units];
    const view = (at: number) => mem.subarray(at / 4, at / 4 + tn);
    // Views first, outputs after: an output may grow the wasm heap, not this module's memory.
    const outputs = [io.output(shape, view(h))];
    if (saveProjections) outputs.push(io.output(shape, view(kz)), io.output(shape, view(kh)));
    return outputs;
  };
}

/**
 * Backward of {@link minGruProjectedScanKernel}: inputs `x`, `w`, optional `bias`, `h` (its
 * output), `h0`, `dy` (gradient of `h`), optional `valid`, optional `kz`, `kh` (recomputed when
 * absent); outputs `dx` `[time, batch, inputDim]`, `dw` `[inputDim, 2·units]`, `db` `[2·units]`,
 * `dh0` `[batch, units]`. The scan's backward pass (`minGruBackward`, columns split) gives `dkz`,
 * `dkh`; then `dW = xᵀ[dkz dkh]` (kernel rows split), `db` their column sums, and
 * `dx = dkz W_zᵀ + dkh W_hᵀ` (rows split), all in module memory. The carried gradient is
 * flushed to 0 below 1e-20, as in the other scans.
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: minGruProjectedScanGradKernel(mod, 'wasm') });
 */
export function minGruProjectedScanGradKernel(
  mod: RecurrenceModule,
  backendName: 'wasm' | 'cpu',
): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL);
    const d = dimsOf(args);
    const masked = args.inputs['valid'] !== undefined;
    const saved = args.inputs['kz'] !== undefined && args.inputs['kh'] !== undefined;
    const tn = d.time * d.n;
    const width = 2 * d.units;
    const [x, w, bias, h, h0, valid, dy, kz, kh, dkz, dkh, dh0, g, aNext, wT, dx, dw, db, zero] = mod.layout([
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      tn,
      d.n,
      masked ? tn : 0,
      tn,
      tn,
      tn,
      tn,
      tn,
      d.n,
      d.n,
      d.n,
      width * d.inputDim,
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      Math.max(width, d.inputDim),
    ]);
    const mem = mod.f32();
    const w32 = io.input('w');
    mem.set(io.input('x'), x / 4);
    mem.set(w32, w / 4);
    transposeInto(w32, d.inputDim, width, mem, wT / 4);
    for (const [name, at] of [
      ['h', h],
      ['h0', h0],
      ['dy', dy],
    ] as const)
      mem.set(io.input(name), at / 4);
    if (masked) mem.set(io.input('valid'), valid / 4);
    mem.fill(0, zero / 4, zero / 4 + Math.max(width, d.inputDim));
    if (saved) {
      mem.set(io.input('kz'), kz / 4);
      mem.set(io.input('kh'), kh / 4);
    } else {
      biasInto(mem, bias, args.inputs['bias'] === undefined ? null : io.input('bias'), width);
      project(mod, d, x, w, bias, kz, kh);
    }
    mod.runRows('minGruBackward', d.n, (c0, cols) => {
      const at = (p: number) => p + 4 * c0;
      return [
        d.time,
        cols,
        d.n,
        at(kz),
        at(kh),
        at(h),
        at(h0),
        masked ? at(valid) : 0,
        at(dy),
        at(dkz),
        at(dkh),
        at(dh0),
        at(g),
        at(aNext),
      ];
    });
    for (const [gate, dk] of [
      [0, dkz],
      [1, dkh],
    ] as const) {
      const col = 4 * gate * d.units;
      // dW[:, gate] = xᵀ dk: x [rows, inputDim] read transposed, kernel rows r0… on one thread.
      mod.runRows('gemm', d.inputDim, (r0, rows) => [
        x + 4 * r0,
        d.inputDim,
        1,
        dk,
        d.units,
        d.rows,
        d.units,
        zero,
        dw + col + 4 * r0 * width,
        width,
        rows,
      ]);
      mod.runRows('sumRows', d.units, (c0, cols) => [dk + 4 * c0, d.units, d.rows, cols, db + col + 4 * c0]);
      // dx (+)= dk W_gateᵀ
      const wGateT = wT + col * d.inputDim;
      mod.runRows(gate === 0 ? 'gemm' : 'gemmAdd', d.rows, (r0, rows) => {
        const a = dk + 4 * r0 * d.units;
        const out = dx + 4 * r0 * d.inputDim;
        return gate === 0
          ? [a, d.units, 0, wGateT, d.inputDim, d.units, d.inputDim, zero, out, d.inputDim, rows]
          : [a, d.units, 0, wGateT, d.inputDim, d.units, d.inputDim, out, d.inputDim, rows];
      });
    }
    const view = (at: number, count: number) => mem.subarray(at / 4, at / 4 + count);
    return [
      io.output([d.time, d.batch, d.inputDim], view(dx, d.rows * d.inputDim)),
      io.output([d.inputDim, width], view(dw, d.inputDim * width)),
      io.output([width], view(db, width)),
      io.output([d.batch, d.units], view(dh0, d.n)),
    ];
  };
}

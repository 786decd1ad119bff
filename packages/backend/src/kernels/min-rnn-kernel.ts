import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo, transposeInto } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of minGRU with its input projection inside (same string in @recurrent/layers). @example `tf.getKernel(MIN_GRU_PROJECTED_SCAN_KERNEL, 'wasm')` */
export const MIN_GRU_PROJECTED_SCAN_KERNEL = 'RcMinGruProjectedScan';
/** Kernel name of its backward pass. @example `tf.getKernel(MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, 'wasm')` */
export const MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL = 'RcMinGruProjectedScanGrad';
/** Kernel name of minLSTM with its input projection inside. @example `tf.getKernel(MIN_LSTM_PROJECTED_SCAN_KERNEL, 'wasm')` */
export const MIN_LSTM_PROJECTED_SCAN_KERNEL = 'RcMinLstmProjectedScan';
/** Kernel name of its backward pass. @example `tf.getKernel(MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL, 'wasm')` */
export const MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL = 'RcMinLstmProjectedScanGrad';

/** Which minimal RNN: minGRU (gates z, h) or minLSTM (gates f, i, h). */
export type MinRnnCell = 'gru' | 'lstm';

/** Names of the saved projections, in kernel-column order. */
const PROJECTIONS: Record<MinRnnCell, readonly string[]> = { gru: ['kz', 'kh'], lstm: ['kf', 'ki', 'kh'] };

/** Sizes of one call: `x` `[time, batch, inputDim]`, kernel `[inputDim, gates·units]`. */
interface Dims {
  readonly time: number;
  readonly batch: number;
  readonly inputDim: number;
  readonly units: number;
  readonly gates: number;
  /** `time·batch`: the projection's rows. */
  readonly rows: number;
  /** `batch·units`: the scan's columns. */
  readonly n: number;
}

function dimsOf(args: KernelArgs, cell: MinRnnCell): Dims {
  const [time, batch, inputDim] = (args.inputs['x'] as TensorInfo).shape as [number, number, number];
  const gates = PROJECTIONS[cell].length;
  const units = ((args.inputs['w'] as TensorInfo).shape[1] as number) / gates;
  return { time, batch, inputDim, units, gates, rows: time * batch, n: batch * units };
}

/**
 * `k_g = x W_g + b_g` for every gate `g` into `out[g]` (`[time·batch, units]`, i.e. `[time,
 * batch·units]`), on both threads: rows of `x` split. `w`, `bias` are module offsets.
 */
function project(
  mod: RecurrenceModule,
  d: Dims,
  x: number,
  w: number,
  bias: number,
  out: readonly number[],
): void {
  out.forEach((k, gate) => {
    const col = 4 * gate * d.units;
    const width = d.gates * d.units;
    mod.runRows('gemm', d.rows, (r0, rows) => [
      x + 4 * r0 * d.inputDim,
      d.inputDim,
      0,
      w + col,
      width,
      d.inputDim,
      d.units,
      bias + col,
      k + 4 * r0 * d.units,
      d.units,
      rows,
    ]);
  });
}

/** minLSTM: `kz = log σ(k_i) − log σ(k_f)` (the minGRU pre-activation with the same `a`, `b`), elementwise on both threads. */
function lstmGates(mod: RecurrenceModule, d: Dims, kf: number, ki: number, kz: number): void {
  mod.runRows('minLstmGates', d.time, (t0, steps) => [
    steps * d.n,
    kf + 4 * t0 * d.n,
    ki + 4 * t0 * d.n,
    kz + 4 * t0 * d.n,
  ]);
}

/** Copies `bias` in, or zeros where the layer has none. */
function biasInto(mem: Float32Array, at: number, bias: Float32Array | null, width: number): void {
  if (bias === null) mem.fill(0, at / 4, at / 4 + width);
  else mem.set(bias, at / 4);
}

/**
 * A minimal RNN with its input projection inside: inputs `x` `[time, batch, inputDim]`
 * (time-major), `w` `[inputDim, G·units]` (minGRU: z, h; minLSTM: f, i, h), optional `bias`
 * `[G·units]`, `h0` `[batch, units]`, optional `valid` `[time, batch, units]` (1 at real steps, 0 at
 * padding). Output `h` `[time, batch, units]`; with attribute `saveProjections` also the G
 * projections `[time, batch, units]` for the backward pass (which otherwise recomputes them). The
 * projection runs in the module's `gemm`, minLSTM's log-space gates in `minLstmGates` (turning
 * them into minGRU's pre-activation), and the gates and scan in `minGruForward`, all on two
 * threads, without the projections ever becoming tfjs tensors: one kernel call instead of
 * three, no `[time, batch, G·units]` round trip.
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_PROJECTED_SCAN_KERNEL, backendName: 'wasm', kernelFunc: minRnnProjectedScanKernel(mod, 'wasm', 'gru') });
 */
export function minRnnProjectedScanKernel(
  mod: RecurrenceModule,
  backendName: 'wasm' | 'cpu',
  cell: MinRnnCell,
): KernelFunc {
  const kernelName = cell === 'gru' ? MIN_GRU_PROJECTED_SCAN_KERNEL : MIN_LSTM_PROJECTED_SCAN_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, kernelName);
    const d = dimsOf(args, cell);
    const masked = args.inputs['valid'] !== undefined;
    const saveProjections =
      (args.attrs as { saveProjections?: boolean } | undefined)?.saveProjections === true;
    const tn = d.time * d.n;
    const width = d.gates * d.units;
    const lstm = cell === 'lstm';
    const [x, w, bias, h0, valid, kz, h, ...ks] = mod.layout([
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      d.n,
      masked ? tn : 0,
      lstm ? tn : 0,
      tn,
      ...PROJECTIONS[cell].map(() => tn),
    ]);
    const mem = mod.f32();
    mem.set(io.input('x'), x / 4);
    mem.set(io.input('w'), w / 4);
    biasInto(mem, bias, args.inputs['bias'] === undefined ? null : io.input('bias'), width);
    mem.set(io.input('h0'), h0 / 4);
    if (masked) mem.set(io.input('valid'), valid / 4);
    project(mod, d, x, w, bias, ks);
    // minGRU's pre-activation of a: its own projection, or minLSTM's log-space gates.
    const [first, second, kh] = ks as [number, number, number | undefined];
    const gate = lstm ? kz : first;
    if (lstm) lstmGates(mod, d, first, second, kz);
    const khAt = lstm ? (kh as number) : second;
    mod.runRows('minGruForward', d.n, (c0, cols) => [
      d.time,
      cols,
      d.n,
      gate + 4 * c0,
      khAt + 4 * c0,
      h0 + 4 * c0,
      masked ? valid + 4 * c0 : 0,
      h + 4 * c0,
    ]);
    const shape = [d.time, d.batch, d.units];
    const view = (at: number) => mem.subarray(at / 4, at / 4 + tn);
    const outputs = [io.output(shape, view(h))];
    if (saveProjections) outputs.push(...ks.map((k) => io.output(shape, view(k))));
    return outputs;
  };
}

/**
 * Backward of {@link minRnnProjectedScanKernel}: inputs `x`, `w`, optional `bias`, `h` (its
 * output), `h0`, `dy` (gradient of `h`), optional `valid`, optional saved projections (`kz`, `kh`
 * or `kf`, `ki`, `kh`; recomputed when absent); outputs `dx` `[time, batch, inputDim]`, `dw`
 * `[inputDim, G·units]`, `db` `[G·units]`, `dh0` `[batch, units]`. The scan's backward pass
 * (`minGruBackward`, columns split) gives the gradient of each projection (through
 * `minLstmGateGrads` for minLSTM's f, i); then `dW = xᵀ dK`, `db` their column sums and
 * `dx = Σ_g dK_g W_gᵀ`, all in module memory. The carried gradient is flushed to 0 below 1e-20,
 * as in the other scans.
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: minRnnProjectedScanGradKernel(mod, 'wasm', 'gru') });
 */
export function minRnnProjectedScanGradKernel(
  mod: RecurrenceModule,
  backendName: 'wasm' | 'cpu',
  cell: MinRnnCell,
): KernelFunc {
  const kernelName =
    cell === 'gru' ? MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL : MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, kernelName);
    const d = dimsOf(args, cell);
    const names = PROJECTIONS[cell];
    const lstm = cell === 'lstm';
    const masked = args.inputs['valid'] !== undefined;
    const saved = names.every((name) => args.inputs[name] !== undefined);
    const tn = d.time * d.n;
    const width = d.gates * d.units;
    const [x, w, bias, h, h0, valid, dy, kz, dkz, dh0, g, aNext, wT, dx, dw, db, zero, ...rest] = mod.layout([
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      tn,
      d.n,
      masked ? tn : 0,
      tn,
      lstm ? tn : 0,
      lstm ? tn : 0,
      d.n,
      d.n,
      d.n,
      width * d.inputDim,
      d.rows * d.inputDim,
      d.inputDim * width,
      width,
      Math.max(width, d.inputDim),
      ...names.map(() => tn),
      ...names.map(() => tn),
    ]);
    const ks = rest.slice(0, d.gates); // the projections
    const dks = rest.slice(d.gates); // their gradients
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
      names.forEach((name, i) => mem.set(io.input(name), (ks[i] as number) / 4));
    } else {
      biasInto(mem, bias, args.inputs['bias'] === undefined ? null : io.input('bias'), width);
      project(mod, d, x, w, bias, ks);
    }
    const [first, second, third] = ks as [number, number, number | undefined];
    if (lstm) lstmGates(mod, d, first, second, kz);
    const gate = lstm ? kz : first;
    const khAt = lstm ? (third as number) : second;
    const dGate = lstm ? dkz : (dks[0] as number);
    const dkh = dks[d.gates - 1] as number;
    mod.runRows('minGruBackward', d.n, (c0, cols) => {
      const at = (p: number) => p + 4 * c0;
      return [
        d.time,
        cols,
        d.n,
        at(gate),
        at(khAt),
        at(h),
        at(h0),
        masked ? at(valid) : 0,
        at(dy),
        at(dGate),
        at(dkh),
        at(dh0),
        at(g),
        at(aNext),
      ];
    });
    if (lstm) {
      const [dkf, dki] = dks as [number, number];
      mod.runRows('minLstmGateGrads', d.time, (t0, steps) => {
        const at = (p: number) => p + 4 * t0 * d.n;
        return [steps * d.n, at(dkz), at(first), at(second), at(dkf), at(dki)];
      });
    }
    dks.forEach((dk, gateIndex) => {
      const col = 4 * gateIndex * d.units;
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
      mod.runRows(gateIndex === 0 ? 'gemm' : 'gemmAdd', d.rows, (r0, rows) => {
        const a = dk + 4 * r0 * d.units;
        const out = dx + 4 * r0 * d.inputDim;
        return gateIndex === 0
          ? [a, d.units, 0, wGateT, d.inputDim, d.units, d.inputDim, zero, out, d.inputDim, rows]
          : [a, d.units, 0, wGateT, d.inputDim, d.units, d.inputDim, out, d.inputDim, rows];
      });
    });
    const view = (at: number, count: number) => mem.subarray(at / 4, at / 4 + count);
    return [
      io.output([d.time, d.batch, d.inputDim], view(dx, d.rows * d.inputDim)),
      io.output([d.inputDim, width], view(dw, d.inputDim * width)),
      io.output([width], view(db, width)),
      io.output([d.batch, d.units], view(dh0, d.n)),
    ];
  };
}

import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { addInto, kernelIo, transposeInto } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of the fused LSTM forward (same string in @recurrent/layers). @example `tf.getKernel(LSTM_SEQUENCE_KERNEL, 'wasm')` */
export const LSTM_SEQUENCE_KERNEL = 'RcLstmSequence';
/** Kernel name of the fused LSTM BPTT. @example `tf.getKernel(LSTM_SEQUENCE_GRAD_KERNEL, 'wasm')` */
export const LSTM_SEQUENCE_GRAD_KERNEL = 'RcLstmSequenceGrad';
/** The fused LSTM that also does the input projection, step by step (raw input in). @example `tf.getKernel(LSTM_PROJECTED_SEQUENCE_KERNEL, 'wasm')` */
export const LSTM_PROJECTED_SEQUENCE_KERNEL = 'RcLstmProjectedSequence';
/** Its BPTT, which also returns the input, input-kernel and bias gradients. @example `tf.getKernel(LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL, 'wasm')` */
export const LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL = 'RcLstmProjectedSequenceGrad';

/** Attributes of both LSTM sequence kernels. */
interface SequenceAttrs {
  readonly goBackwards: boolean;
  readonly returnSequences: boolean;
  readonly saveForGrad?: boolean;
}

/**
 * The fused LSTM forward over a whole sequence, one kernel call: inputs `x` `[batch, time, 4u]`
 * (input projection), `recurrentKernel` `[u, 4u]`, `h0`, `c0` `[batch, u]`, optional `mask`
 * `[batch, time]` float 0/1; attrs `goBackwards`, `returnSequences`, `saveForGrad`. Outputs
 * `packed` `[batch, seqCount + 2, u]` (outputs in processing order when `returnSequences`, then
 * final h and c) and, when `saveForGrad` (else shape `[0]`), the activated gates `[time, batch, 4u]`,
 * the carried h before each step, transposed, `hPrevT` `[time, u, batch]`, and the carried c before
 * each step `[time, batch, u]`.
 *
 * @example
 * registerKernel({ kernelName: LSTM_SEQUENCE_KERNEL, backendName: 'wasm', kernelFunc: lstmSequenceKernel(mod, 'wasm') });
 */
export function lstmSequenceKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu', projected = false): KernelFunc {
  const name = projected ? LSTM_PROJECTED_SEQUENCE_KERNEL : LSTM_SEQUENCE_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, name);
    const { goBackwards, returnSequences, saveForGrad = false } = args.attrs as unknown as SequenceAttrs;
    const [batch, time, xWidth] = (args.inputs['x'] as TensorInfo).shape as [number, number, number];
    const width = (args.inputs['recurrentKernel'] as TensorInfo).shape[1] as number;
    const inputDim = projected ? xWidth : 0;
    const units = width / 4;
    const hasMask = args.inputs['mask'] !== undefined;
    const hasBias = projected && args.inputs['bias'] !== undefined;
    const seqCount = returnSequences ? time : 0;
    const save = saveForGrad ? 1 : 0;
    const bu = batch * units;
    const [x, u, h, c, mask, packed, gates, hPrevT, cPrev, z0, z1, w, bias] = mod.layout([
      batch * time * xWidth, units * width, bu, bu, hasMask ? batch * time : 0,
      batch * (seqCount + 2) * units, save * time * batch * width, save * time * bu, save * time * bu, batch * width, batch * width,
      inputDim * width, projected ? width : 0,
    ]);
    const mem = mod.f32();
    mem.set(io.input('x'), x / 4);
    if (projected) {
      mem.set(io.input('kernel'), w / 4);
      if (hasBias) mem.set(io.input('bias'), bias / 4);
      else mem.fill(0, bias / 4, bias / 4 + width);
    }
    mem.set(io.input('recurrentKernel'), u / 4);
    mem.set(io.input('h0'), h / 4);
    mem.set(io.input('c0'), c / 4);
    if (hasMask) mem.set(io.input('mask'), mask / 4);
    // Batch rows are independent: rows b0… go to one thread with pointers offset to row b0.
    mod.runRows('lstmForward', batch, (b0, rows, part) => [
      rows, batch, time, units, goBackwards ? 1 : 0, x + 4 * b0 * time * xWidth, u, h + 4 * b0 * units, c + 4 * b0 * units,
      hasMask ? mask + 4 * b0 * time : 0, packed + 4 * b0 * (seqCount + 2) * units, seqCount,
      save ? gates + 4 * b0 * width : 0, hPrevT + 4 * b0, cPrev + 4 * b0 * units, part === 0 ? z0 : z1,
      projected ? w : 0, inputDim, bias,
    ]);
    const view = (at: number, n: number) => mem.subarray(at / 4, at / 4 + n);
    return [
      io.output([batch, seqCount + 2, units], view(packed, batch * (seqCount + 2) * units)),
      io.output(save ? [time, batch, width] : [0], view(gates, save * time * batch * width)),
      io.output(save ? [time, units, batch] : [0], view(hPrevT, save * time * bu)),
      io.output(save ? [time, batch, units] : [0], view(cPrev, save * time * bu)),
    ];
  };
}

/**
 * The fused LSTM BPTT: inputs `dy` (gradient of `packed`), `recurrentKernel`, `gates`, `hPrevT`,
 * `cPrev` (as saved by {@link lstmSequenceKernel}), optional `mask`; attrs `goBackwards`,
 * `returnSequences`. Outputs the input-projection gradient `dx` `[batch, time, 4u]`, the
 * initial-state gradients `dh0`, `dc0` `[batch, u]` and the recurrent-kernel gradient `dU`
 * `[u, 4u]`, accumulated step by step inside the kernel (`h_{t-1}ᵀ dz_t`, 32-row products that stay
 * in cache: tfjs's one big `[batch*time, u]ᵀ × [batch*time, 4u]` matMul measured 13–40 ms here).
 *
 * @example
 * registerKernel({ kernelName: LSTM_SEQUENCE_GRAD_KERNEL, backendName: 'wasm', kernelFunc: lstmSequenceGradKernel(mod, 'wasm') });
 */
export function lstmSequenceGradKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu', projected = false): KernelFunc {
  const name = projected ? LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL : LSTM_SEQUENCE_GRAD_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, name);
    const { goBackwards, returnSequences } = args.attrs as unknown as SequenceAttrs;
    const [time, batch, width] = (args.inputs['gates'] as TensorInfo).shape as [number, number, number];
    const units = width / 4;
    const hasMask = args.inputs['mask'] !== undefined;
    const seqCount = returnSequences ? time : 0;
    const bu = batch * units;
    const inputDim = projected ? ((args.inputs['kernel'] as TensorInfo).shape[0] as number) : 0;
    const p = projected ? 1 : 0;
    // du0, du1, dw0, dw1, db0, db1 are adjacent: one fill zeroes them all.
    const [ut, mask, dy, dh, dc, gates, hPrevT, cPrev, dz, du0, du1, dw0, dw1, db0, db1, x, wt, zeroRow, dx] = mod.layout([
      units * width, hasMask ? batch * time : 0, batch * (seqCount + 2) * units, bu, bu,
      time * batch * width, time * bu, time * bu, batch * time * width, units * width, units * width,
      p * inputDim * width, p * inputDim * width, p * width, p * width,
      p * batch * time * inputDim, p * width * inputDim, p * inputDim, p * batch * time * inputDim,
    ]);
    const mem = mod.f32();
    mem.fill(0, du0 / 4, db1 / 4 + p * width);
    if (projected) {
      mem.set(io.input('x'), x / 4);
      transposeInto(io.input('kernel'), inputDim, width, mem, wt / 4);
      mem.fill(0, zeroRow / 4, zeroRow / 4 + inputDim);
    }
    mem.set(io.input('hPrevT'), hPrevT / 4);
    transposeInto(io.input('recurrentKernel'), units, width, mem, ut / 4);
    if (hasMask) mem.set(io.input('mask'), mask / 4);
    mem.set(io.input('dy'), dy / 4);
    mem.set(io.input('gates'), gates / 4);
    mem.set(io.input('cPrev'), cPrev / 4);
    const parts = mod.runRows('lstmBackward', batch, (b0, rows, part) => [
      rows, batch, time, units, goBackwards ? 1 : 0, ut, hasMask ? mask + 4 * b0 * time : 0, dy + 4 * b0 * (seqCount + 2) * units,
      seqCount, dh + 4 * b0 * units, dc + 4 * b0 * units, gates + 4 * b0 * width, hPrevT + 4 * b0, cPrev + 4 * b0 * units,
      dz + 4 * b0 * time * width, part === 0 ? du0 : du1,
      projected ? x + 4 * b0 * time * inputDim : 0, inputDim, projected ? wt : 0, zeroRow,
      dx + 4 * b0 * time * inputDim, part === 0 ? dw0 : dw1, part === 0 ? db0 : db1,
    ]);
    if (parts === 2) {
      addInto(mem, du0 / 4, du1 / 4, units * width);
      if (projected) {
        addInto(mem, dw0 / 4, dw1 / 4, inputDim * width);
        addInto(mem, db0 / 4, db1 / 4, width);
      }
    }
    const du = du0;
    const view = (at: number, n: number) => mem.subarray(at / 4, at / 4 + n);
    const common = [
      io.output([batch, units], view(dh, bu)),
      io.output([batch, units], view(dc, bu)),
      io.output([units, width], view(du, units * width)),
    ];
    if (!projected) return [io.output([batch, time, width], view(dz, batch * time * width)), ...common];
    return [
      io.output([batch, time, inputDim], view(dx, batch * time * inputDim)),
      ...common,
      io.output([inputDim, width], view(dw0, inputDim * width)),
      io.output([width], view(db0, width)),
    ];
  };
}

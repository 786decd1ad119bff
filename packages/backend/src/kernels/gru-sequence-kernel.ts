import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { addInto, kernelIo, transposeInto } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of the fused GRU forward (same string in @recurrent/layers). @example `tf.getKernel(GRU_SEQUENCE_KERNEL, 'wasm')` */
export const GRU_SEQUENCE_KERNEL = 'RcGruSequence';
/** Kernel name of the fused GRU BPTT. @example `tf.getKernel(GRU_SEQUENCE_GRAD_KERNEL, 'wasm')` */
export const GRU_SEQUENCE_GRAD_KERNEL = 'RcGruSequenceGrad';
/** The fused GRU that also does the input projection, step by step (raw input in). @example `tf.getKernel(GRU_PROJECTED_SEQUENCE_KERNEL, 'wasm')` */
export const GRU_PROJECTED_SEQUENCE_KERNEL = 'RcGruProjectedSequence';
/** Its BPTT, which also returns the input, input-kernel and input-bias gradients. @example `tf.getKernel(GRU_PROJECTED_SEQUENCE_GRAD_KERNEL, 'wasm')` */
export const GRU_PROJECTED_SEQUENCE_GRAD_KERNEL = 'RcGruProjectedSequenceGrad';

interface GruAttrs {
  readonly goBackwards: boolean;
  readonly returnSequences: boolean;
  readonly resetAfter: boolean;
  readonly saveForGrad?: boolean;
}

/**
 * The fused GRU forward over a whole sequence: inputs `x` `[batch, time, 3u]`, `recurrentKernel`
 * `[u, 3u]`, `h0` `[batch, u]`, optional `bias` `[3u]` (the recurrent bias, used with `resetAfter`
 * only, as the composite GRU does) and `mask` `[batch, time]` float 0/1; attrs `goBackwards`,
 * `returnSequences`, `resetAfter`, `saveForGrad`. Outputs `packed` `[batch, seqCount + 1, u]` and,
 * when `saveForGrad` (else `[0]`), gates z, r, H̃ `[time, batch, 3u]`, `extra` (q or r⊙h)
 * `[time, batch, u]`, `hPrev` `[time, batch, u]`, `hPrevT` `[time, u, batch]`.
 *
 * @example
 * registerKernel({ kernelName: GRU_SEQUENCE_KERNEL, backendName: 'wasm', kernelFunc: gruSequenceKernel(mod, 'wasm') });
 */
export function gruSequenceKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu', projected = false): KernelFunc {
  const name = projected ? GRU_PROJECTED_SEQUENCE_KERNEL : GRU_SEQUENCE_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, name);
    const { goBackwards, returnSequences, resetAfter, saveForGrad = false } = args.attrs as unknown as GruAttrs;
    const [batch, time, xWidth] = (args.inputs['x'] as TensorInfo).shape as [number, number, number];
    const width = (args.inputs['recurrentKernel'] as TensorInfo).shape[1] as number;
    const inputDim = projected ? xWidth : 0;
    const p = projected ? 1 : 0;
    const units = width / 3;
    const hasMask = args.inputs['mask'] !== undefined;
    const hasBias = resetAfter && args.inputs['bias'] !== undefined;
    const seqCount = returnSequences ? time : 0;
    const s = saveForGrad ? 1 : 0;
    const tbu = time * batch * units;
    const [x, u, bias, h, mask, packed, gates, extra, hPrev, hPrevT, rec0, rec1, rh0, rh1, w, inBias, xp0, xp1] = mod.layout([
      batch * time * xWidth, units * width, width, batch * units, hasMask ? batch * time : 0, batch * (seqCount + 1) * units,
      s * time * batch * width, s * tbu, s * tbu, s * tbu, batch * width, batch * width, batch * units, batch * units,
      p * inputDim * width, p * width, p * batch * width, p * batch * width,
    ]);
    const mem = mod.f32();
    mem.set(io.input('x'), x / 4);
    if (projected) {
      mem.set(io.input('kernel'), w / 4);
      if (args.inputs['inputBias'] !== undefined) mem.set(io.input('inputBias'), inBias / 4);
      else mem.fill(0, inBias / 4, inBias / 4 + width);
    }
    mem.set(io.input('recurrentKernel'), u / 4);
    if (hasBias) mem.set(io.input('bias'), bias / 4);
    else mem.fill(0, bias / 4, bias / 4 + width);
    mem.set(io.input('h0'), h / 4);
    if (hasMask) mem.set(io.input('mask'), mask / 4);
    // Batch rows are independent: rows b0… go to one thread with pointers offset to row b0.
    mod.runRows('gruForward', batch, (b0, rows, part) => [
      rows, batch, time, units, goBackwards ? 1 : 0, resetAfter ? 1 : 0, x + 4 * b0 * time * xWidth, u, bias, h + 4 * b0 * units,
      hasMask ? mask + 4 * b0 * time : 0, packed + 4 * b0 * (seqCount + 1) * units, seqCount, s ? gates + 4 * b0 * width : 0,
      extra + 4 * b0 * units, hPrev + 4 * b0 * units, hPrevT + 4 * b0, part === 0 ? rec0 : rec1, part === 0 ? rh0 : rh1,
      projected ? w : 0, inputDim, inBias, part === 0 ? xp0 : xp1,
    ]);
    const view = (at: number, n: number) => mem.subarray(at / 4, at / 4 + n);
    return [
      io.output([batch, seqCount + 1, units], view(packed, batch * (seqCount + 1) * units)),
      io.output(s ? [time, batch, width] : [0], view(gates, s * time * batch * width)),
      io.output(s ? [time, batch, units] : [0], view(extra, s * tbu)),
      io.output(s ? [time, batch, units] : [0], view(hPrev, s * tbu)),
      io.output(s ? [time, units, batch] : [0], view(hPrevT, s * tbu)),
    ];
  };
}

/**
 * The fused GRU BPTT: inputs `dy` (gradient of `packed`), `recurrentKernel`, the saved `gates`,
 * `extra`, `hPrev`, `hPrevT`, optional `mask`; attrs as the forward. Outputs `dx` `[batch, time, 3u]`
 * (input-projection gradient), `dh0` `[batch, u]`, `dU` `[u, 3u]` and `dBias` `[3u]` (zeros without
 * `resetAfter`), the weight gradients accumulated step by step inside the kernel.
 *
 * @example
 * registerKernel({ kernelName: GRU_SEQUENCE_GRAD_KERNEL, backendName: 'wasm', kernelFunc: gruSequenceGradKernel(mod, 'wasm') });
 */
export function gruSequenceGradKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu', projected = false): KernelFunc {
  const name = projected ? GRU_PROJECTED_SEQUENCE_GRAD_KERNEL : GRU_SEQUENCE_GRAD_KERNEL;
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, name);
    const { goBackwards, returnSequences, resetAfter } = args.attrs as unknown as GruAttrs;
    const [time, batch, width] = (args.inputs['gates'] as TensorInfo).shape as [number, number, number];
    const units = width / 3;
    const hasMask = args.inputs['mask'] !== undefined;
    const seqCount = returnSequences ? time : 0;
    const bu = batch * units;
    const tbu = time * bu;
    const inputDim = projected ? ((args.inputs['kernel'] as TensorInfo).shape[0] as number) : 0;
    const p = projected ? 1 : 0;
    // du0, db0, du1, db1, then dw0, dbIn0, dw1, dbIn1 are adjacent: one fill zeroes them all.
    const [ut, mask, dy, dh, gates, extra, hPrev, hPrevT, dx, du0, db0, du1, db1, dw0, dbIn0, dw1, dbIn1, dg0, dg1, drh0, drh1, eT0, eT1, zero, x, wt, zeroRow, dxIn] = mod.layout([
      units * width, hasMask ? batch * time : 0, batch * (seqCount + 1) * units, bu, time * batch * width, tbu, tbu, tbu,
      batch * time * width, units * width, width, units * width, width, p * inputDim * width, p * width, p * inputDim * width, p * width,
      batch * width, batch * width, bu, bu, bu, bu, width,
      p * batch * time * inputDim, p * width * inputDim, p * inputDim, p * batch * time * inputDim,
    ]);
    const mem = mod.f32();
    if (projected) {
      mem.set(io.input('x'), x / 4);
      transposeInto(io.input('kernel'), inputDim, width, mem, wt / 4);
      mem.fill(0, zeroRow / 4, zeroRow / 4 + inputDim);
    }
    transposeInto(io.input('recurrentKernel'), units, width, mem, ut / 4);
    if (hasMask) mem.set(io.input('mask'), mask / 4);
    mem.set(io.input('dy'), dy / 4);
    mem.set(io.input('gates'), gates / 4);
    mem.set(io.input('extra'), extra / 4);
    mem.set(io.input('hPrev'), hPrev / 4);
    mem.set(io.input('hPrevT'), hPrevT / 4);
    mem.fill(0, du0 / 4, dbIn1 / 4 + p * width);
    mem.fill(0, zero / 4, zero / 4 + width);
    const parts = mod.runRows('gruBackward', batch, (b0, rows, part) => [
      rows, batch, time, units, goBackwards ? 1 : 0, resetAfter ? 1 : 0, ut, hasMask ? mask + 4 * b0 * time : 0,
      dy + 4 * b0 * (seqCount + 1) * units, seqCount, dh + 4 * b0 * units, gates + 4 * b0 * width, extra + 4 * b0 * units,
      hPrev + 4 * b0 * units, hPrevT + 4 * b0, dx + 4 * b0 * time * width, part === 0 ? du0 : du1, part === 0 ? db0 : db1,
      part === 0 ? dg0 : dg1, part === 0 ? drh0 : drh1, part === 0 ? eT0 : eT1, zero,
      projected ? x + 4 * b0 * time * inputDim : 0, inputDim, projected ? wt : 0, zeroRow,
      dxIn + 4 * b0 * time * inputDim, part === 0 ? dw0 : dw1, part === 0 ? dbIn0 : dbIn1,
    ]);
    if (parts === 2) {
      addInto(mem, du0 / 4, du1 / 4, units * width);
      addInto(mem, db0 / 4, db1 / 4, width);
      if (projected) {
        addInto(mem, dw0 / 4, dw1 / 4, inputDim * width);
        addInto(mem, dbIn0 / 4, dbIn1 / 4, width);
      }
    }
    const [du, db] = [du0, db0];
    const view = (at: number, n: number) => mem.subarray(at / 4, at / 4 + n);
    const common = [
      io.output([batch, units], view(dh, bu)),
      io.output([units, width], view(du, units * width)),
      io.output([width], view(db, width)),
    ];
    if (!projected) return [io.output([batch, time, width], view(dx, batch * time * width)), ...common];
    return [
      io.output([batch, time, inputDim], view(dxIn, batch * time * inputDim)),
      ...common,
      io.output([inputDim, width], view(dw0, inputDim * width)),
      io.output([width], view(dbIn0, width)),
    ];
  };
}

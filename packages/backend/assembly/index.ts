// Entry point of the recurrence kernels' wasm module (built by `npm run build:wasm`).
export { gemm, gemmAcc, gemmAdd, sumRows } from './gemm';
export { lstmForward, lstmBackward } from './lstm';
export { gruForward, gruBackward } from './gru';
export { linearScanForward, linearScanBackward } from './scan';
export { minGruForward, minGruBackward } from './min-gru';
export { minLstmGates, minLstmGateGrads } from './log-sigmoid';

/** First free byte after the module's static data, 16-byte aligned: the JS side lays out its arrays from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Grows the memory to at least `bytes` bytes; returns the size in bytes afterwards. */
export function ensureBytes(bytes: usize): usize {
  const pages = <i32>((bytes + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have) memory.grow(pages - have);
  return <usize>memory.size() << 16;
}

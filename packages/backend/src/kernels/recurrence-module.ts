import { RecurrentError } from '@recurrent/core';
import { RECURRENCE_SHARED_WASM_BASE64, RECURRENCE_WASM_BASE64 } from './generated/recurrence-wasm.js';
import { type KernelHelperThread, startKernelHelperThread } from './kernel-helper-thread.js';
import { decodeBase64 } from './decode-base64.js';

/** The exports of the AssemblyScript module (assembly/index.ts); pointers are byte addresses. */
interface RecurrenceExports {
  heapBase(): number;
  ensureBytes(bytes: number): number;
  gemm(...args: number[]): void;
  gemmAdd(...args: number[]): void;
  sumRows(...args: number[]): void;
  lstmForward(...args: number[]): void;
  lstmBackward(...args: number[]): void;
  gruForward(...args: number[]): void;
  gruBackward(...args: number[]): void;
  linearScanForward(...args: number[]): void;
  linearScanBackward(...args: number[]): void;
  minGruForward(...args: number[]): void;
  minGruBackward(...args: number[]): void;
  minLstmGates(...args: number[]): void;
  minLstmGateGrads(...args: number[]): void;
}

/** Exports that take batch (or matrix) rows and may run on two threads. */
export type RowKernelName =
  | 'lstmForward'
  | 'lstmBackward'
  | 'gruForward'
  | 'gruBackward'
  | 'gemm'
  | 'gemmAdd'
  | 'sumRows'
  | 'minGruForward'
  | 'minGruBackward'
  | 'minLstmGates'
  | 'minLstmGateGrads';
const ROW_KERNELS: readonly RowKernelName[] = [
  'lstmForward',
  'lstmBackward',
  'gruForward',
  'gruBackward',
  'gemm',
  'gemmAdd',
  'sumRows',
  'minGruForward',
  'minGruBackward',
  'minLstmGates',
  'minLstmGateGrads',
];
/** Below this many batch rows a call stays on one thread. */
const MIN_SPLIT_BATCH = 4;
/** The first byte the JS side lays arrays out from: never 0, which the kernels read as "absent". */
const MIN_BASE = 64;

/**
 * The fused recurrence kernels' wasm instance and its linear memory (its own, or a shared one that
 * a helper thread's instance also uses). Each kernel call lays its arrays out with
 * {@link RecurrenceModule.layout}, copies inputs in, runs one export (on two threads when
 * {@link RecurrenceModule.runRows} can split the batch) and copies outputs out.
 *
 * @example
 * const mod = await loadRecurrenceModule();
 * const [a, b] = mod.layout([4, 8]); // byte offsets of two float32 arrays
 * mod.f32().set([1, 2, 3, 4], a / 4);
 */
export class RecurrenceModule {
  constructor(
    readonly exports: RecurrenceExports,
    private readonly memory: WebAssembly.Memory,
    private readonly helper: KernelHelperThread | null,
  ) {}

  /** Number of threads the row kernels use: 2 with a helper thread, else 1. */
  get threads(): number {
    return this.helper === null ? 1 : 2;
  }

  /** Byte offsets of float32 arrays of the given lengths (16-byte aligned); grows the memory to hold them all. */
  layout<const L extends readonly number[]>(lengths: L): { [K in keyof L]: number } {
    let next = Math.max(this.exports.heapBase(), MIN_BASE);
    const offsets = lengths.map((n) => {
      const at = next;
      next += Math.ceil((n * 4) / 16) * 16;
      return at;
    });
    this.exports.ensureBytes(next);
    return offsets as { [K in keyof L]: number };
  }

  /** A float32 view of the whole memory (take it after {@link layout}: growing detaches old views). */
  f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  /**
   * Runs a row kernel over `batch` rows: with a helper thread and at least 4 rows, rows
   * `[0, half)` here and `[half, batch)` on the helper at the same time. `args(b0, rows, part)` gives
   * the export's arguments for rows `b0 … b0+rows` (`part` 0 here, 1 on the helper, for per-thread
   * scratch). Returns the number of parts run (1 or 2).
   */
  runRows(
    name: RowKernelName,
    batch: number,
    args: (b0: number, rows: number, part: number) => number[],
  ): number {
    const helper = this.helper;
    const half = helper !== null && batch >= MIN_SPLIT_BATCH ? Math.floor(batch / 2) : batch;
    if (helper !== null && half < batch) helper.post(name, args(half, batch - half, 1));
    try {
      this.exports[name](...args(0, half, 0));
    } finally {
      if (helper !== null && half < batch) helper.join();
    }
    return half < batch ? 2 : 1;
  }
}

const loading = new Map<number, Promise<RecurrenceModule>>();

function abort(): never {
  throw new RecurrentError('INTERNAL', 'recurrence kernel module aborted');
}

async function instantiate(threads: number): Promise<RecurrenceModule> {
  if (threads > 1 && typeof SharedArrayBuffer !== 'undefined') {
    // Shared memory (up to 4 GiB), imported by this instance and by the helper thread's.
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const module = await WebAssembly.compile(decodeBase64(RECURRENCE_SHARED_WASM_BASE64));
    const instance = await WebAssembly.instantiate(module, { env: { memory, abort } });
    const helper = await startKernelHelperThread(module, memory, ROW_KERNELS);
    if (helper !== null)
      return new RecurrenceModule(instance.exports as unknown as RecurrenceExports, memory, helper);
  }
  const module = await WebAssembly.compile(decodeBase64(RECURRENCE_WASM_BASE64));
  const instance = await WebAssembly.instantiate(module, { env: { abort } });
  const memory = instance.exports['memory'] as WebAssembly.Memory;
  return new RecurrenceModule(instance.exports as unknown as RecurrenceExports, memory, null);
}

/**
 * Compiles and instantiates the recurrence kernels' module once per thread count (asynchronously,
 * as browsers require for modules over 4 KB on the main thread) and returns the shared instance.
 * `threads: 2` starts a helper thread where that works — Node, with `SharedArrayBuffer` — and
 * otherwise falls back to one thread; the default is 1 (on a shared, loaded machine the second
 * thread measured no faster: it only pays when a core is free).
 *
 * @throws RecurrentError (`BACKEND`) when WebAssembly SIMD is unavailable.
 * @example
 * const mod = await loadRecurrenceModule({ threads: 2 });
 * mod.threads; // 2 in Node
 */
export function loadRecurrenceModule(options: { readonly threads?: 1 | 2 } = {}): Promise<RecurrenceModule> {
  const threads = options.threads ?? 1;
  let pending = loading.get(threads);
  if (pending === undefined) {
    pending = instantiate(threads).catch((error: unknown) => {
      loading.delete(threads);
      throw new RecurrentError(
        'BACKEND',
        `cannot instantiate the recurrence kernels (WebAssembly SIMD needed): ${String(error)}`,
      );
    });
    loading.set(threads, pending);
  }
  return pending;
}

import { decodeBase64 } from './decode-base64.js';
import { HEAP_WASM_BASE64 } from './generated/recurrence-wasm.js';

/** Exports of `assembly/heap.ts`: kernels that read and write the tfjs wasm heap in place. */
export interface HeapKernels {
  adamUpdate(...args: number[]): void;
  tanh(count: number, x: number, out: number): void;
}

/** The tfjs wasm backend's Emscripten module, as far as this file reads it. */
interface WasmBackendWithModule {
  readonly wasm?: { readonly asm?: { readonly memory?: unknown } };
}

/** Per memory: its kernels, or null where instantiating failed (a shared memory: tfjs's threaded build). */
const instances = new WeakMap<WebAssembly.Memory, HeapKernels | null>();
let compiled: WebAssembly.Module | null = null;

function heapModule(): WebAssembly.Module {
  if (compiled === null) {
    // ~1 KB: synchronous compilation is allowed on a browser's main thread too (limit 4 KB).
    compiled = new WebAssembly.Module(decodeBase64(HEAP_WASM_BASE64));
  }
  return compiled;
}

/**
 * The heap kernels instantiated on the tfjs wasm backend's own memory (once per memory), or null
 * where that memory is not reachable or not importable (another tfjs build; the threaded build's
 * shared memory): callers then use their plain JS loop. They take byte offsets of tensors in
 * that heap (`typedArrayFromHeap(t).byteOffset`), so nothing is copied in or out. The module has
 * no data segments (the build checks), so instantiating it writes nothing into the heap.
 *
 * @example
 * const heap = heapKernels(backend);
 * heap?.adamUpdate(n, value, grad, m, v, newValue, newM, newV, lr, b1, b2, eps, c1, c2);
 */
export function heapKernels(backend: unknown): HeapKernels | null {
  const memory = (backend as WasmBackendWithModule).wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    try {
      kernels = new WebAssembly.Instance(heapModule(), { env: { memory } }).exports as unknown as HeapKernels;
    } catch {
      kernels = null; // e.g. LinkError: tfjs's threaded build has a shared memory, ours imports a plain one
    }
    instances.set(memory, kernels);
  }
  return kernels;
}

/** What the wasm backend runs with, read after it initialised. */
export interface WasmRuntimeInfo {
  readonly simd: boolean;
  readonly multithread: boolean;
  readonly threads: number;
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');

let wasmModule: WasmModule | undefined;

/** The folder holding the `.wasm` binaries, with a trailing slash, or undefined outside Node. */
async function wasmBinaryFolder(): Promise<string | undefined> {
  if (typeof process === 'undefined' || process.versions?.node === undefined) return undefined;
  try {
    // Imported lazily so that browser bundles of this package do not need node built-ins.
    const { createRequire } = await import('node:module');
    const { dirname } = await import('node:path');
    const require = createRequire(import.meta.url);
    return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`;
  } catch {
    return undefined;
  }
}

/**
 * Loads `@tensorflow/tfjs-backend-wasm` once (which registers the `wasm` backend factory,
 * without selecting it) and points it at its own `dist/` folder for the `.wasm` binaries,
 * so they are found wherever this package is bundled or run from. `threads` is handed to
 * XNNPACK; it only matters where multithreaded wasm is supported (browsers with
 * cross-origin isolation; not Node).
 *
 * @example
 * const wasm = await loadWasmBackend({ threads: 2 });
 * await tf.setBackend('wasm');
 */
export async function loadWasmBackend(options: { readonly threads?: number } = {}): Promise<WasmModule> {
  if (wasmModule === undefined) {
    const loaded = await import('@tensorflow/tfjs-backend-wasm');
    const folder = await wasmBinaryFolder();
    if (folder !== undefined) loaded.setWasmPaths(folder);
    wasmModule = loaded;
  }
  if (options.threads !== undefined) wasmModule.setThreadsCount(options.threads);
  return wasmModule;
}

/**
 * SIMD, multithreading and the XNNPACK thread count of the initialised wasm backend.
 *
 * @example
 * await tf.setBackend('wasm');
 * await wasmRuntimeInfo(); // { simd: true, multithread: false, threads: 1 }
 */
export async function wasmRuntimeInfo(): Promise<WasmRuntimeInfo> {
  const tf = await import('@tensorflow/tfjs');
  const module = await loadWasmBackend();
  let threads = 1;
  try {
    threads = module.getThreadsCount();
  } catch {
    // Not initialised: keep 1.
  }
  return {
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    multithread: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads,
  };
}

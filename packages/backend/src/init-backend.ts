import * as tf from '@tensorflow/tfjs';
import { type Logger, RecurrentError, SILENT_LOGGER, assertPositiveInteger } from '@recurrent/core';
import { BACKEND_ENV_VAR, type ResolvedBackendName, parseBackendName } from './backend-name.js';
import { registerMissingGradients } from './gradients/register-missing-gradients.js';
import { patchKernels } from './kernels/patch-kernels.js';
import { registerRecurrenceKernels } from './kernels/register-recurrence-kernels.js';
import { registerMatMulKernels } from './kernels/register-mat-mul-kernels.js';
import { registerOptimizerKernels } from './kernels/adam-update-kernel.js';
import {
  KERNEL_THREADS_ENV_VAR,
  type KernelThreads,
  parseKernelThreads,
  recurrenceKernelThreads,
  resolveKernelThreads,
} from './kernel-threads.js';
import { loadTfjsNode } from './load-tfjs-node.js';
import { loadWasmBackend, wasmRuntimeInfo } from './wasm-runtime.js';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** `auto`, `tensorflow`, `wasm` or `cpu` (from `--backend`); wins over `RECURRENT_BACKEND`. */
  readonly prefer?: string;
  /** Receives the one line naming the backend; silent by default. */
  readonly logger?: Logger;
  /** XNNPACK threads for wasm; effective only where multithreaded wasm is supported (not Node). */
  readonly wasmThreads?: number;
  /**
   * Threads of the fused recurrence kernels: 2 splits the batch rows with a helper thread (Node
   * only; elsewhere 1), `auto` (default, else `RECURRENT_KERNEL_THREADS`) is 2 when the machine has
   * two or more cores, as PyTorch uses every core by default. Pass 1 when another job has the other core.
   */
  readonly kernelThreads?: KernelThreads;
  /** Where `RECURRENT_BACKEND` and `RECURRENT_KERNEL_THREADS` are read; defaults to `process.env` (none in a browser). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The backend a run uses and why. */
export interface BackendInfo {
  readonly name: ResolvedBackendName;
  /** Why this backend: the explicit choice, or what `auto` tried before it. */
  readonly reason: string;
  /** Kernels replaced on this backend by {@link patchKernels}. */
  readonly kernelsPatched: readonly string[];
  /** Kernels tfjs does not have, added on this backend: {@link registerRecurrenceKernels} (fused whole-sequence recurrences), {@link registerOptimizerKernels} (fused Adam step). */
  readonly kernelsAdded: readonly string[];
  /** Kernels whose missing gradient {@link registerMissingGradients} supplied (all backends). */
  readonly gradientsAdded: readonly string[];
  /** Threads the fused recurrence kernels use (1 or 2; 1 on backends without them). */
  readonly kernelThreads: 1 | 2;
}

const INSTALL_HINT =
  'install it with `npm install @tensorflow/tfjs-node@4.22.0` (or tfjs-node-gpu with CUDA), ' +
  'which downloads a native TensorFlow binary, or choose another backend: wasm, cpu';

async function selectWasm(threads: number | undefined): Promise<string | undefined> {
  try {
    await loadWasmBackend(threads === undefined ? {} : { threads });
    if (await tf.setBackend('wasm')) return undefined;
    return 'wasm failed to initialise';
  } catch (error) {
    return `wasm failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function describeBackend(name: ResolvedBackendName): Promise<string> {
  if (name !== 'wasm') return name;
  const wasm = await wasmRuntimeInfo();
  const threads = `${wasm.threads} thread${wasm.threads === 1 ? '' : 's'}`;
  return `wasm (${wasm.simd ? 'SIMD' : 'no SIMD'}, ${wasm.multithread ? 'multithreaded' : 'single-threaded'}, ${threads})`;
}

/** Resolves `auto`: tfjs-node(-gpu), then wasm, then cpu. */
async function selectAuto(
  threads: number | undefined,
): Promise<{ name: ResolvedBackendName; reason: string }> {
  const node = await loadTfjsNode();
  const tried = [...node.failures];
  if (node.loaded !== undefined) {
    if (await tf.setBackend('tensorflow'))
      return { name: 'tensorflow', reason: `auto: ${node.loaded} loaded` };
    tried.push(`${node.loaded} loaded but the tensorflow backend failed to initialise`);
  }
  const wasmFailure = await selectWasm(threads);
  if (wasmFailure === undefined) return { name: 'wasm', reason: `auto: ${tried.join(', ')}` };
  tried.push(wasmFailure);
  await tf.setBackend('cpu');
  return { name: 'cpu', reason: `auto: ${tried.join(', ')}` };
}

/** Node's `process.env`, or no variables where there is no `process` (a browser). */
function processEnv(): Record<string, string | undefined> {
  return typeof process === 'undefined' ? {} : process.env;
}

/**
 * Picks and initialises the tfjs backend, then replaces the slow or missing kernels of it
 * ({@link patchKernels}) and adds the gradients tfjs lacks ({@link registerMissingGradients}). Order: an explicit choice (`prefer`, else `RECURRENT_BACKEND`),
 * else `tensorflow` via `@tensorflow/tfjs-node-gpu` then `@tensorflow/tfjs-node` when
 * installed and loadable, else `wasm`, else `cpu`. Logs one info line naming the backend
 * and why. Calling it again is safe (it re-selects; kernels are patched once).
 * Only app entry points call it (DESIGN.md rule 4).
 *
 * @throws ConfigError (`CONFIG`) for an unknown name, listing the allowed ones;
 *   RecurrentError (`BACKEND`) when an explicitly chosen backend cannot be loaded.
 *
 * @example
 * const info = await initBackend({ prefer: argv.backend, logger });
 * // logs "backend: wasm (SIMD, single-threaded, 1 thread) — auto: @tensorflow/tfjs-node-gpu not installed, …"
 * info.kernelsPatched; // ['UnsortedSegmentSum', 'BatchMatMul', '_FusedMatMul']
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const logger = options.logger ?? SILENT_LOGGER;
  if (options.wasmThreads !== undefined) assertPositiveInteger(options.wasmThreads, 'wasmThreads');
  const fromEnv = (options.env ?? processEnv())[BACKEND_ENV_VAR];
  const explicit =
    options.prefer !== undefined
      ? { value: options.prefer, source: '--backend' }
      : fromEnv !== undefined && fromEnv.trim() !== ''
        ? { value: fromEnv, source: BACKEND_ENV_VAR }
        : undefined;
  const requested = explicit === undefined ? 'auto' : parseBackendName(explicit.value, explicit.source);
  const because = explicit === undefined ? '' : `${explicit.source}=${explicit.value.trim()}`;

  let chosen: { name: ResolvedBackendName; reason: string };
  if (requested === 'auto') {
    const auto = await selectAuto(options.wasmThreads);
    chosen = { name: auto.name, reason: explicit === undefined ? auto.reason : `${because}, ${auto.reason}` };
  } else if (requested === 'tensorflow') {
    const node = await loadTfjsNode();
    if (node.loaded === undefined || !(await tf.setBackend('tensorflow'))) {
      const why =
        node.loaded === undefined ? node.failures.join(', ') : `${node.loaded} failed to initialise`;
      throw new RecurrentError(
        'BACKEND',
        `backend tensorflow (${because}) is not available: ${why}; ${INSTALL_HINT}`,
      );
    }
    chosen = { name: 'tensorflow', reason: `${because} (${node.loaded})` };
  } else if (requested === 'wasm') {
    const failure = await selectWasm(options.wasmThreads);
    if (failure !== undefined)
      throw new RecurrentError('BACKEND', `backend wasm (${because}) is not available: ${failure}`);
    chosen = { name: 'wasm', reason: because };
  } else {
    await tf.setBackend('cpu');
    chosen = { name: 'cpu', reason: because };
  }
  await tf.ready();
  const kernelsPatched = patchKernels(chosen.name);
  const threads = await resolveKernelThreads(
    options.kernelThreads ?? parseKernelThreads((options.env ?? processEnv())[KERNEL_THREADS_ENV_VAR]),
  );
  const recurrenceKernels = await registerRecurrenceKernels(chosen.name, { threads });
  const matMulKernels = await registerMatMulKernels(chosen.name, { threads });
  for (const name of matMulKernels) if (!kernelsPatched.includes(name)) kernelsPatched.push(name);
  const kernelsAdded = [...recurrenceKernels, ...registerOptimizerKernels(chosen.name)];
  const kernelThreads = recurrenceKernels.length > 0 ? await recurrenceKernelThreads(threads) : 1;
  const gradientsAdded = registerMissingGradients();
  const patched = kernelsPatched.length === 0 ? '' : `; patched kernels: ${kernelsPatched.join(', ')}`;
  const threadNote = kernelThreads === 2 ? ' (recurrences and large matMuls on 2 threads)' : '';
  const added = kernelsAdded.length === 0 ? '' : `; fused kernels${threadNote}: ${kernelsAdded.join(', ')}`;
  logger.info(`backend: ${await describeBackend(chosen.name)} — ${chosen.reason}${patched}${added}`);
  return {
    name: chosen.name,
    reason: chosen.reason,
    kernelsPatched,
    kernelsAdded,
    gradientsAdded,
    kernelThreads,
  };
}

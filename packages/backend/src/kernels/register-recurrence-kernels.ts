import { getKernel, registerKernel, unregisterKernel, type KernelFunc } from '@tensorflow/tfjs';
import {
  GRU_PROJECTED_SEQUENCE_GRAD_KERNEL,
  GRU_PROJECTED_SEQUENCE_KERNEL,
  GRU_SEQUENCE_GRAD_KERNEL,
  GRU_SEQUENCE_KERNEL,
  gruSequenceGradKernel,
  gruSequenceKernel,
} from './gru-sequence-kernel.js';
import {
  LINEAR_SCAN_GRAD_KERNEL,
  LINEAR_SCAN_KERNEL,
  linearScanGradKernel,
  linearScanKernel,
} from './linear-scan-kernel.js';
import {
  LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL,
  LSTM_PROJECTED_SEQUENCE_KERNEL,
  LSTM_SEQUENCE_GRAD_KERNEL,
  LSTM_SEQUENCE_KERNEL,
  lstmSequenceGradKernel,
  lstmSequenceKernel,
} from './lstm-sequence-kernel.js';
import {
  MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_GRU_PROJECTED_SCAN_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_KERNEL,
  minRnnProjectedScanGradKernel,
  minRnnProjectedScanKernel,
} from './min-rnn-kernel.js';
import { type RecurrenceModule, loadRecurrenceModule } from './recurrence-module.js';
import {
  CRF_FORWARD_GRAD_KERNEL,
  CRF_FORWARD_KERNEL,
  crfForwardGradKernel,
  crfForwardKernel,
} from './crf-forward-kernel.js';

type Backend = 'wasm' | 'cpu';

/** Fused whole-sequence recurrence kernels (LSTM, GRU, linear scan, CRF forward algorithm): name → kernel function for a backend. */
const KERNELS: readonly [string, (mod: RecurrenceModule, backend: Backend) => KernelFunc][] = [
  [LSTM_SEQUENCE_KERNEL, lstmSequenceKernel],
  [LSTM_SEQUENCE_GRAD_KERNEL, lstmSequenceGradKernel],
  [LSTM_PROJECTED_SEQUENCE_KERNEL, (mod, backend) => lstmSequenceKernel(mod, backend, true)],
  [LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL, (mod, backend) => lstmSequenceGradKernel(mod, backend, true)],
  [GRU_SEQUENCE_KERNEL, gruSequenceKernel],
  [GRU_SEQUENCE_GRAD_KERNEL, gruSequenceGradKernel],
  [GRU_PROJECTED_SEQUENCE_KERNEL, (mod, backend) => gruSequenceKernel(mod, backend, true)],
  [GRU_PROJECTED_SEQUENCE_GRAD_KERNEL, (mod, backend) => gruSequenceGradKernel(mod, backend, true)],
  [LINEAR_SCAN_KERNEL, linearScanKernel],
  [LINEAR_SCAN_GRAD_KERNEL, linearScanGradKernel],
  [MIN_GRU_PROJECTED_SCAN_KERNEL, (mod, backend) => minRnnProjectedScanKernel(mod, backend, 'gru')],
  [MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, (mod, backend) => minRnnProjectedScanGradKernel(mod, backend, 'gru')],
  [MIN_LSTM_PROJECTED_SCAN_KERNEL, (mod, backend) => minRnnProjectedScanKernel(mod, backend, 'lstm')],
  [
    MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
    (mod, backend) => minRnnProjectedScanGradKernel(mod, backend, 'lstm'),
  ],
  // Plain JS over the backend's storage (tiny tag sets): no module needed.
  [CRF_FORWARD_KERNEL, (_mod, backend) => crfForwardKernel(backend)],
  [CRF_FORWARD_GRAD_KERNEL, (_mod, backend) => crfForwardGradKernel(backend)],
];

/** Names of the fused recurrence kernels. @example `RECURRENCE_KERNEL_NAMES.includes('RcLstmSequence') // true` */
export const RECURRENCE_KERNEL_NAMES: readonly string[] = Object.freeze(KERNELS.map(([name]) => name));

/**
 * Registers the fused whole-sequence recurrence kernels (AssemblyScript + wasm SIMD, their own
 * memory) for `backendName` (`wasm` or `cpu`; other backends get none). @recurrent/layers runs its
 * LSTM, GRU and minGRU/minLSTM scans through them whenever they are registered for the current backend. Safe to call again.
 *
 * @param options.threads 1 (default): one thread; 2: the LSTM/GRU kernels split their batch rows
 *   with a helper thread where that works (Node; else one thread). Passing it re-registers.
 * @returns the kernel names registered for that backend.
 * @example
 * await tf.setBackend('wasm');
 * await registerRecurrenceKernels('wasm'); // ['RcLstmSequence', 'RcLstmSequenceGrad', 'RcLstmProjectedSequence', 'RcLstmProjectedSequenceGrad', 'RcGruSequence', 'RcGruSequenceGrad', 'RcGruProjectedSequence', 'RcGruProjectedSequenceGrad', 'RcLinearScan', 'RcLinearScanGrad', 'RcMinGruProjectedScan', 'RcMinGruProjectedScanGrad', 'RcMinLstmProjectedScan', 'RcMinLstmProjectedScanGrad', 'RcCrfForward', 'RcCrfForwardGrad']
 */
export async function registerRecurrenceKernels(
  backendName: string,
  options: { readonly threads?: 1 | 2 } = {},
): Promise<string[]> {
  if (backendName !== 'wasm' && backendName !== 'cpu') return [];
  const mod = await loadRecurrenceModule(options);
  for (const [kernelName, make] of KERNELS) {
    // Registered again when asked for a different thread count (benchmarks compare them).
    if (getKernel(kernelName, backendName) !== undefined && options.threads !== undefined)
      unregisterKernel(kernelName, backendName);
    if (getKernel(kernelName, backendName) === undefined) {
      registerKernel({ kernelName, backendName, kernelFunc: make(mod, backendName) });
    }
  }
  return [...RECURRENCE_KERNEL_NAMES];
}

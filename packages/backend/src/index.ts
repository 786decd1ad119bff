export {
  BACKEND_NAMES,
  BACKEND_ENV_VAR,
  parseBackendName,
  type BackendName,
  type ResolvedBackendName,
} from './backend-name.js';
export { initBackend, type InitBackendOptions, type BackendInfo } from './init-backend.js';
export {
  parseKernelThreads,
  resolveKernelThreads,
  KERNEL_THREADS_ENV_VAR,
  type KernelThreads,
} from './kernel-threads.js';
export { loadTfjsNode, TFJS_NODE_PACKAGES, type TfjsNodeLoadResult } from './load-tfjs-node.js';
export { loadWasmBackend, wasmRuntimeInfo, type WasmRuntimeInfo } from './wasm-runtime.js';
export { patchKernels, KERNEL_PATCHES } from './kernels/patch-kernels.js';
export { registerRecurrenceKernels, RECURRENCE_KERNEL_NAMES } from './kernels/register-recurrence-kernels.js';
export { registerOptimizerKernels, ADAM_UPDATE_KERNEL } from './kernels/adam-update-kernel.js';
export {
  LSTM_SEQUENCE_KERNEL,
  LSTM_SEQUENCE_GRAD_KERNEL,
  LSTM_PROJECTED_SEQUENCE_KERNEL,
  LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL,
} from './kernels/lstm-sequence-kernel.js';
export {
  GRU_SEQUENCE_KERNEL,
  GRU_SEQUENCE_GRAD_KERNEL,
  GRU_PROJECTED_SEQUENCE_KERNEL,
  GRU_PROJECTED_SEQUENCE_GRAD_KERNEL,
} from './kernels/gru-sequence-kernel.js';
export { LINEAR_SCAN_KERNEL, LINEAR_SCAN_GRAD_KERNEL } from './kernels/linear-scan-kernel.js';
export {
  MIN_GRU_PROJECTED_SCAN_KERNEL,
  MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
} from './kernels/min-rnn-kernel.js';
export { CRF_FORWARD_KERNEL, CRF_FORWARD_GRAD_KERNEL } from './kernels/crf-forward-kernel.js';
export type { KernelPatch, PatchedBackendName } from './kernels/kernel-patch.js';
export { scatterSegmentSum } from './kernels/scatter-segment-sum.js';
export { stridedSliceCopy } from './kernels/strided-slice-copy.js';
export { auditKernels, type KernelAuditEntry } from './kernel-audit.js';
export { registerMissingGradients } from './gradients/register-missing-gradients.js';
export { GATHER_ND_GRAD } from './gradients/gather-nd-grad.js';
export { COMPARISON_GRADS, NOT_DIFFERENTIABLE_KERNELS } from './gradients/comparison-grads.js';
export { registerMatMulKernels } from './kernels/register-mat-mul-kernels.js';
export { MODULE_MAT_MUL_MIN_MACS } from './kernels/module-mat-mul.js';

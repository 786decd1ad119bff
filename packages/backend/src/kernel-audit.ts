import * as tf from '@tensorflow/tfjs';

/** One op of the training set: builds a scalar loss from the given inputs. */
interface AuditCase {
  readonly op: string;
  /** Shapes of the float inputs the gradient is taken with respect to. */
  readonly shapes: readonly (readonly number[])[];
  readonly loss: (...xs: tf.Tensor[]) => tf.Scalar;
}

/** The outcome of one op on the current backend. */
export interface KernelAuditEntry {
  readonly op: string;
  readonly ok: boolean;
  /** The kernel tfjs reported missing, if that was the failure. */
  readonly missingKernel?: string;
  /** The error message when not ok. */
  readonly error?: string;
  /** Wall time of forward + gradient in ms (informational; includes first-call warm-up). */
  readonly ms: number;
}

const ids = () => tf.tensor1d([3, 0, 3, 1, 5, 2], 'int32');
const sumAll = (t: tf.Tensor): tf.Scalar => tf.sum(t);

/** Forward and gradient of every op the layers and apps use in training. */
const CASES: readonly AuditCase[] = [
  { op: 'matMul', shapes: [[4, 3], [3, 5]], loss: (a, b) => sumAll(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)) },
  { op: 'matMul(transposeA)', shapes: [[3, 4], [3, 5]], loss: (a, b) => sumAll(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true)) },
  { op: 'matMul(transposeB)', shapes: [[4, 3], [5, 3]], loss: (a, b) => sumAll(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, false, true)) },
  { op: 'batched matMul', shapes: [[2, 4, 3], [2, 3, 5]], loss: (a, b) => sumAll(tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D)) },
  {
    op: 'fused matMul (bias, relu)',
    shapes: [[4, 3], [3, 5], [5]],
    loss: (a, b, c) => sumAll(tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' })),
  },
  { op: 'add/sub/mul/div', shapes: [[4, 3], [3]], loss: (a, b) => sumAll(tf.div(tf.mul(tf.sub(tf.add(a, b), b), a), tf.add(tf.square(b), 1))) },
  { op: 'sigmoid/tanh/relu', shapes: [[4, 3]], loss: (a) => sumAll(tf.add(tf.add(tf.sigmoid(a), tf.tanh(a)), tf.relu(a))) },
  { op: 'exp/log/sqrt/abs/neg', shapes: [[4, 3]], loss: (a) => sumAll(tf.neg(tf.sqrt(tf.log(tf.add(tf.exp(a), tf.abs(a)))))) },
  { op: 'clipByValue (hardSigmoid)', shapes: [[4, 3]], loss: (a) => sumAll(tf.clipByValue(tf.add(tf.mul(a, 0.2), 0.5), 0, 1)) },
  { op: 'maximum/minimum', shapes: [[4, 3], [4, 3]], loss: (a, b) => sumAll(tf.add(tf.maximum(a, b), tf.minimum(a, b))) },
  { op: 'softmax', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.softmax(a), tf.range(0, 3))) },
  { op: 'logSoftmax', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.logSoftmax(a), tf.range(0, 3))) },
  { op: 'gather', shapes: [[6, 3]], loss: (a) => sumAll(tf.gather(a, ids())) },
  { op: 'gatherND', shapes: [[4, 3]], loss: (a) => sumAll(tf.gatherND(a, tf.tensor2d([[0, 1], [3, 2], [0, 1]], [3, 2], 'int32'))) },
  { op: 'unsortedSegmentSum', shapes: [[6, 3]], loss: (a) => sumAll(tf.mul(tf.unsortedSegmentSum(a, ids(), 6), tf.range(0, 3))) },
  { op: 'concat (last axis)', shapes: [[4, 3], [4, 2]], loss: (a, b) => sumAll(tf.mul(tf.concat([a, b], 1), tf.range(0, 5))) },
  { op: 'slice', shapes: [[4, 6]], loss: (a) => sumAll(tf.slice(a, [1, 2], [2, 3])) },
  { op: 'split (last axis)', shapes: [[4, 8]], loss: (a) => sumAll(tf.mul(tf.split(a, 4, 1)[2] as tf.Tensor, 3)) },
  { op: 'stack/unstack', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.stack(tf.unstack(a, 1).reverse(), 1), tf.range(0, 3))) },
  { op: 'reshape/transpose', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.transpose(tf.reshape(a, [2, 6])), tf.range(0, 2))) },
  { op: 'sum/mean/max', shapes: [[4, 3]], loss: (a) => tf.add(tf.add(tf.sum(a, 1).sum(), tf.mean(a)), tf.max(a, 0).sum()) },
  { op: 'logSumExp', shapes: [[4, 3]], loss: (a) => sumAll(tf.logSumExp(a, 1)) },
  { op: 'where', shapes: [[4, 3], [4, 3]], loss: (a, b) => sumAll(tf.where(tf.greater(a, b), a, b)) },
  { op: 'cumsum', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.cumsum(a, 1), tf.range(0, 3))) },
  { op: 'oneHot + softmaxCrossEntropy', shapes: [[4, 3]], loss: (a) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 2, 1, 1], 'int32'), 3), a) },
  { op: 'sigmoidCrossEntropy', shapes: [[4, 3]], loss: (a) => tf.losses.sigmoidCrossEntropy(tf.ones([4, 3]), a) },
  { op: 'reverse', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(tf.reverse(a, 1), tf.range(0, 3))) },
  { op: 'pad/tile', shapes: [[2, 3]], loss: (a) => sumAll(tf.tile(tf.pad(a, [[1, 0], [0, 2]]), [2, 1])) },
  { op: 'dropout', shapes: [[4, 3]], loss: (a) => sumAll(tf.dropout(a, 0.5, undefined, 7)) },
  { op: 'mask (notEqual, cast)', shapes: [[4, 3]], loss: (a) => sumAll(tf.mul(a, tf.cast(tf.notEqual(tf.tensor2d([[1, 0, 1]]), 0), 'float32'))) },
];

function runCase(c: AuditCase): void {
  tf.tidy(() => {
    const xs = c.shapes.map((shape, i) => tf.add(tf.mul(tf.randomNormal([...shape], 0, 1, 'float32', 11 + i), 0.5), 0.1));
    tf.grads((...args: tf.Tensor[]) => c.loss(...args))(xs);
  });
}

/** Adam's update ops: one `minimize` step on a variable (creates and disposes its slots). */
function runAdamStep(): void {
  const v = tf.tidy(() => tf.variable(tf.ones([3, 2]))); // tidy disposes the initial value
  const optimizer = tf.train.adam(0.01);
  tf.tidy(() => {
    optimizer.minimize(() => tf.sum(tf.square(v)));
  });
  optimizer.dispose();
  v.dispose();
}

function auditOne(op: string, run: () => void): KernelAuditEntry {
  const start = performance.now();
  try {
    run();
    return { op, ok: true, ms: performance.now() - start };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missing = /Kernel '([^']+)' not registered/.exec(message)?.[1];
    return { op, ok: false, error: message, ms: performance.now() - start, ...(missing === undefined ? {} : { missingKernel: missing }) };
  }
}

/**
 * Runs forward and gradient of every op the layers and apps use in training (matMul with
 * transposes, element-wise maths, activations, softmax/logSoftmax, gather/gatherND,
 * unsortedSegmentSum, concat/slice/split, stack/unstack, reductions, where, cumsum, oneHot,
 * reverse, dropout, losses, one Adam step) on the current backend, and reports each op.
 * Leaves no tensors behind.
 *
 * @example
 * await tf.setBackend('wasm');
 * auditKernels().filter((e) => !e.ok).map((e) => e.missingKernel);
 * // stock tfjs 4.22: ['UnsortedSegmentSum', 'UnsortedSegmentSum']; after patchKernels('wasm'): []
 */
export function auditKernels(): KernelAuditEntry[] {
  return [...CASES.map((c) => auditOne(c.op, () => runCase(c))), auditOne('adam step', runAdamStep)];
}

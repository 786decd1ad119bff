import * as tf from '@tensorflow/tfjs';
import { assert, DataFormatError } from '@recurrent/core';

/** Where one tensor sits in a packed buffer. */
export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** Byte offset and length in the buffer. */
  readonly offset: number;
  readonly byteLength: number;
}

/** A named tensor, as tfjs optimizers return them. */
export interface NamedTensorLike {
  readonly name: string;
  readonly tensor: tf.Tensor;
}

/**
 * Reads tensors (one `await t.data()` each) into one little-endian byte buffer plus specs,
 * the layout of tfjs weight shards.
 *
 * @example
 * ```ts
 * const { specs, bytes } = await packTensors([{ name: 'w', tensor: w }]);
 * ```
 */
export async function packTensors(
  tensors: readonly NamedTensorLike[],
): Promise<{ specs: TensorSpec[]; bytes: Uint8Array }> {
  const specs: TensorSpec[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const { name, tensor } of tensors) {
    assert(
      tensor.dtype === 'float32' || tensor.dtype === 'int32',
      () => `tensor ${name} must be float32 or int32 to be checkpointed, got ${tensor.dtype}`,
      'USAGE',
    );
    const values = (await tensor.data()) as Float32Array | Int32Array;
    const chunk = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
    specs.push({ name, shape: [...tensor.shape], dtype: tensor.dtype, offset, byteLength: chunk.byteLength });
    chunks.push(chunk);
    offset += chunk.byteLength;
  }
  const bytes = new Uint8Array(offset);
  chunks.forEach((chunk, i) => bytes.set(chunk, specs[i]?.offset ?? 0));
  return { specs, bytes };
}

/**
 * Rebuilds tensors from `packTensors` output; `file` names the buffer's file in errors.
 * The caller owns (and disposes) the returned tensors.
 *
 * @example
 * ```ts
 * const tensors = unpackTensors(specs, bytes, 'ckpt-00000010/weights.bin');
 * ```
 */
export function unpackTensors(specs: readonly TensorSpec[], bytes: Uint8Array, file: string): NamedTensorLike[] {
  const expected = specs.reduce((n, s) => Math.max(n, s.offset + s.byteLength), 0);
  if (bytes.byteLength !== expected) {
    throw new DataFormatError(
      { file, line: 1 },
      `expected ${expected} bytes of tensor data as listed in meta.json, found ${bytes.byteLength}`,
    );
  }
  return specs.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (size * 4 !== spec.byteLength) {
      throw new DataFormatError(
        { file, line: 1 },
        `tensor ${spec.name} of shape [${spec.shape.join(', ')}] needs ${size * 4} bytes, listed with ${spec.byteLength}`,
      );
    }
    // Copy: a Node Buffer's .buffer is a shared pool, and typed arrays need aligned offsets.
    const copy = new Uint8Array(bytes.subarray(spec.offset, spec.offset + spec.byteLength)).buffer;
    const values = spec.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    return { name: spec.name, tensor: tf.tensor(values, [...spec.shape], spec.dtype) };
  });
}

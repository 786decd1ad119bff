/** Typed arrays a segment sum reads and writes. */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** The shapes of one UnsortedSegmentSum call. */
export interface SegmentSumShape {
  /** Shape of the data `x`. */
  readonly xShape: readonly number[];
  /** Shape of `segmentIds`: a prefix of `xShape` (usually `[xShape[0]]`). */
  readonly idsShape: readonly number[];
  /** Number of output rows. */
  readonly numSegments: number;
}

/**
 * Output shape of UnsortedSegmentSum: `[numSegments, ...xShape.slice(idsShape.length)]`
 * (TensorFlow's definition; with 1-D ids, `[numSegments, ...xShape.slice(1)]`).
 *
 * @example
 * segmentSumOutputShape({ xShape: [1280, 64], idsShape: [1280], numSegments: 5000 }); // [5000, 64]
 */
export function segmentSumOutputShape({ xShape, idsShape, numSegments }: SegmentSumShape): number[] {
  return [numSegments, ...xShape.slice(idsShape.length)];
}

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * UnsortedSegmentSum as one scatter-add pass over `x` (O(size of x)), instead of the
 * O(numSegments × size of x) mask-and-sum loop of tfjs-backend-cpu.
 *
 * `out[s, …] = Σ_{n: ids[n] = s} x[n, …]`, where `n` runs over all positions of `segmentIds`
 * (whose shape is a prefix of `x`'s shape; usually 1-D). Ids that are negative or
 * `≥ numSegments` match no segment and are dropped, as in tfjs and TensorFlow. Rows are
 * added in order of `n`, so float results equal the stock kernel's bit for bit.
 * `out` must be zero-filled by the caller and have {@link segmentSumOutputShape} elements.
 *
 * @example
 * const out = new Float32Array(3);
 * scatterSegmentSum(new Float32Array([1, 2, 3, 4]), new Int32Array([1, 2, 0, 1]), out,
 *   { xShape: [4], idsShape: [4], numSegments: 3 });
 * // out = [3, 5, 2]
 */
export function scatterSegmentSum(
  x: NumericArray,
  segmentIds: NumericArray,
  out: NumericArray,
  { xShape, idsShape, numSegments }: SegmentSumShape,
): void {
  const count = product(idsShape); // number of ids
  const inner = product(xShape.slice(idsShape.length)); // elements of x per id
  for (let n = 0; n < count; n++) {
    const segment = segmentIds[n] as number;
    if (segment < 0 || segment >= numSegments) continue;
    const src = n * inner;
    const dst = segment * inner;
    for (let k = 0; k < inner; k++) {
      out[dst + k] = (out[dst + k] as number) + (x[src + k] as number);
    }
  }
}

import * as tf from '@tensorflow/tfjs';
import { assert, assertPositiveInteger } from '@recurrent/core';
import { checkInitializerId, makeInitializer, type InitializerId } from '../initializer-id.js';
import type { ConfigDict, Kwargs, LayerArgs, LayerVariable, Shape } from '../tfjs-types.js';
import { crfLogLikelihood, crfNegLogLikelihood, type CrfParameters } from './crf-log-likelihood.js';

/**
 * Score added to forbidden transitions/starts/ends in training (a soft −∞ that keeps gradients finite).
 *
 * @example
 * tf.add(weights, tf.mul(tf.sub(1, allowed), CRF_FORBIDDEN_SCORE));
 */
export const CRF_FORBIDDEN_SCORE = -1e4;
/** Default initializer of the transition scores. @example `crfLayer({ initializer: DEFAULT_CRF_INITIALIZER })` */
export const DEFAULT_CRF_INITIALIZER: InitializerId = 'zeros';

/**
 * Which moves are allowed (1) or forbidden (0); the shape of decoding's `TransitionMask`, as JSON arrays.
 *
 * @example
 * crfLayer({ numTags: 3, constraints: { transitions: [1, 1, 0, 1, 1, 1, 1, 1, 1], start: [1, 1, 0], end: [1, 1, 1] } });
 */
export interface CrfConstraints {
  /** `[numTags * numTags]` row-major, `transitions[from * numTags + to]`. */
  readonly transitions: readonly number[];
  /** `[numTags]`: may a sentence start with this tag. */
  readonly start: readonly number[];
  /** `[numTags]`: may a sentence end with this tag. */
  readonly end: readonly number[];
}

/** Arguments of {@link RcCrf}. @example `const args: CrfArgs = { numTags: 9 };` */
export interface CrfArgs extends LayerArgs {
  /** Number of tags; the input's last dimension must equal it. */
  readonly numTags: number;
  /** Optional transition constraints (e.g. from `iobTransitionMask`); forbidden moves score {@link CRF_FORBIDDEN_SCORE}. */
  readonly constraints?: CrfConstraints | null;
  /** Initializer id of `transitions`, `startTransitions`, `endTransitions`. Default `zeros`. */
  readonly initializer?: InitializerId;
  /** Seed of the initializer. */
  readonly seed?: number;
}

/**
 * CRF parameters read back as plain arrays, ready for `viterbiDecode` (constraints as 0/1 masks).
 *
 * @example
 * const { transitions, start, end, allowed } = await crf.decodeParameters();
 */
export interface CrfDecodeParameters {
  readonly transitions: Float32Array;
  readonly start: Float32Array;
  readonly end: Float32Array;
  readonly allowed: { numTags: number; transitions: Uint8Array; start: Uint8Array; end: Uint8Array } | undefined;
}

function checkConstraints(c: CrfConstraints, numTags: number): void {
  const ok = (a: readonly number[] | undefined, n: number): boolean => Array.isArray(a) && a.length === n && a.every((v) => v === 0 || v === 1);
  assert(ok(c.transitions, numTags * numTags), () => `constraints.transitions must be ${numTags * numTags} values of 0 or 1`, 'CONFIG');
  assert(ok(c.start, numTags) && ok(c.end, numTags), () => `constraints.start and constraints.end must be ${numTags} values of 0 or 1`, 'CONFIG');
}

/**
 * Linear-chain CRF output layer: holds `transitions [numTags, numTags]` (from → to),
 * `startTransitions [numTags]` and `endTransitions [numTags]`. `call` passes the emissions
 * `[batch, time, numTags]` through unchanged, so a saved model outputs emissions; training uses
 * {@link RcCrf.negLogLikelihood}, and decoding runs `viterbiDecode` (packages/decoding) on
 * {@link RcCrf.decodeParameters} after one `await data()`.
 *
 * @example
 * ```ts
 * const crf = crfLayer({ numTags: 5 });
 * const emissions = crf.apply(tf.input({ shape: [null, 5] })) as tf.SymbolicTensor; // [null, null, 5]
 * const loss = crf.negLogLikelihood(tf.zeros([2, 3, 5]), tf.zeros([2, 3], 'int32'), null);
 * ```
 */
export class RcCrf extends tf.layers.Layer {
  static readonly className = 'RcCrf';
  readonly numTags: number;
  readonly constraints: CrfConstraints | null;
  readonly initializer: InitializerId;
  readonly seed: number | undefined;
  private transitionsWeight: LayerVariable | null = null;
  private startWeight: LayerVariable | null = null;
  private endWeight: LayerVariable | null = null;

  constructor(args: CrfArgs) {
    super(args);
    assertPositiveInteger(args.numTags, 'numTags');
    this.numTags = args.numTags;
    this.constraints = args.constraints ?? null;
    if (this.constraints !== null) checkConstraints(this.constraints, this.numTags);
    this.initializer = checkInitializerId(args.initializer ?? DEFAULT_CRF_INITIALIZER, 'initializer');
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    assert(
      shape.length === 3 && shape[2] === this.numTags,
      () => `${this.name} expects emissions [batch, time, ${this.numTags}], got [${shape.join(', ')}]`,
      'SHAPE',
    );
    const k = this.numTags;
    const init = (offset: number): ReturnType<typeof makeInitializer> => makeInitializer(this.initializer, this.seed === undefined ? undefined : this.seed + offset);
    this.transitionsWeight = this.addWeight('transitions', [k, k], 'float32', init(0));
    this.startWeight = this.addWeight('start_transitions', [k], 'float32', init(1));
    this.endWeight = this.addWeight('end_transitions', [k], 'float32', init(2));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return Array.isArray(inputShape[0]) ? (inputShape[0] as Shape) : inputShape;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return ((Array.isArray(mask) ? mask[0] : mask) ?? null) as tf.Tensor;
  }

  /** Identity: the emissions `[batch, time, numTags]` unchanged. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => tf.clone(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs));
  }

  private weightsOrThrow(): [LayerVariable, LayerVariable, LayerVariable] {
    const { transitionsWeight: t, startWeight: s, endWeight: e } = this;
    assert(t !== null && s !== null && e !== null, () => `${this.name} is not built: apply it to emissions first`, 'USAGE');
    return [t, s, e];
  }

  /** The scores used in training: weights plus {@link CRF_FORBIDDEN_SCORE} where constraints forbid. Call inside `tf.tidy`. */
  parameters(): CrfParameters {
    const [t, s, e] = this.weightsOrThrow();
    const k = this.numTags;
    const c = this.constraints;
    const penalty = (allowed: readonly number[], shape: number[]): tf.Tensor => tf.mul(tf.sub(1, tf.tensor(allowed as number[], shape)), CRF_FORBIDDEN_SCORE);
    if (c === null) return { transitions: t.read() as tf.Tensor2D, start: s.read() as tf.Tensor1D, end: e.read() as tf.Tensor1D };
    return {
      transitions: tf.add(t.read(), penalty(c.transitions, [k, k])) as tf.Tensor2D,
      start: tf.add(s.read(), penalty(c.start, [k])) as tf.Tensor1D,
      end: tf.add(e.read(), penalty(c.end, [k])) as tf.Tensor1D,
    };
  }

  /**
   * Per-sentence log-likelihood of `tags` given `emissions` (see `crfLogLikelihood`).
   *
   * @example `const ll = crf.logLikelihood(emissions, tags, mask); // [batch]`
   */
  logLikelihood(emissions: tf.Tensor3D, tags: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Tensor1D {
    return tf.tidy(() => crfLogLikelihood(emissions, tags, this.parameters(), mask));
  }

  /**
   * Training loss: mean negative log-likelihood over the batch (differentiable w.r.t. the CRF
   * weights and the emissions).
   *
   * @example `const loss = crf.negLogLikelihood(emissions, tags, mask); // scalar`
   */
  negLogLikelihood(emissions: tf.Tensor3D, tags: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Scalar {
    return tf.tidy(() => crfNegLogLikelihood(emissions, tags, this.parameters(), mask));
  }

  /**
   * Reads the raw weights once (async) for `viterbiDecode(emissions, transitions, start, end, lengths, { allowed })`.
   *
   * @example
   * ```ts
   * const { transitions, start, end, allowed } = await crf.decodeParameters();
   * ```
   */
  async decodeParameters(): Promise<CrfDecodeParameters> {
    const [t, s, e] = this.weightsOrThrow();
    const [transitions, start, end] = await Promise.all([t.read().data(), s.read().data(), e.read().data()]);
    const c = this.constraints;
    const allowed =
      c === null
        ? undefined
        : { numTags: this.numTags, transitions: Uint8Array.from(c.transitions), start: Uint8Array.from(c.start), end: Uint8Array.from(c.end) };
    return { transitions: transitions as Float32Array, start: start as Float32Array, end: end as Float32Array, allowed };
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      numTags: this.numTags,
      constraints: this.constraints === null ? null : { transitions: [...this.constraints.transitions], start: [...this.constraints.start], end: [...this.constraints.end] },
      initializer: this.initializer,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}
tf.serialization.registerClass(RcCrf);

/** Factory of {@link RcCrf}. @example `const crf = crfLayer({ numTags: 17 });` */
export const crfLayer = (args: CrfArgs): RcCrf => new RcCrf(args);

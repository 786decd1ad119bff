import * as tf from '@tensorflow/tfjs';
import { assert, assertOneOf } from '@recurrent/core';
import { checkInitializerId, makeInitializer, type InitializerId } from '../initializer-id.js';
import type { ConfigDict, LayerVariable } from '../tfjs-types.js';
import { projectLastAxis } from './project-last-axis.js';
import { RcAttention, type RcAttentionArgs } from './attention-layer.js';

/** Luong et al. (2015) score functions: `dot` `q·k`, `general` `q W k`. */
export const LUONG_MODES = ['dot', 'general'] as const;
/** One of {@link LUONG_MODES}. */
export type LuongMode = (typeof LUONG_MODES)[number];
/** Default initializer of the `general` kernel. @example `luongAttention({ mode: 'general', kernelInitializer: DEFAULT_LUONG_INITIALIZER })` */
export const DEFAULT_LUONG_INITIALIZER: InitializerId = 'glorotUniform';

/** Arguments of {@link RcLuongAttention}. @example `const args: RcLuongAttentionArgs = { mode: 'general' };` */
export interface RcLuongAttentionArgs extends RcAttentionArgs {
  /** `dot` (no weights; query and value sizes must match) or `general` (kernel `[queryUnits, valueUnits]`). */
  readonly mode: LuongMode;
  /** Initializer id of the `general` kernel. Default `glorotUniform`. */
  readonly kernelInitializer?: InitializerId;
  /** Seed of the initializer. */
  readonly seed?: number;
}

/**
 * Multiplicative (Luong) attention: `score(q, k) = q·k` (`dot`) or `q W k` (`general`), softmax over
 * the unmasked source positions, context = weights · values. Takes a query for all target steps
 * at once (`[batch, tgtTime, units]`, one batched matMul) or for one step (`[batch, units]`).
 *
 * @example
 * ```ts
 * const attention = luongAttention({ mode: 'general' });
 * const [context, weights] = attention.apply([tf.ones([2, 4]), tf.ones([2, 5, 3]), tf.ones([2, 5])]) as tf.Tensor[];
 * // context [2, 3], weights [2, 5]
 * ```
 */
export class RcLuongAttention extends RcAttention {
  static readonly className = 'RcLuongAttention';
  readonly mode: LuongMode;
  readonly kernelInitializer: InitializerId;
  readonly seed: number | undefined;
  private kernel: LayerVariable | null = null;

  constructor(args: RcLuongAttentionArgs) {
    super(args);
    assertOneOf(args.mode, 'mode', LUONG_MODES);
    this.mode = args.mode;
    this.kernelInitializer = checkInitializerId(args.kernelInitializer ?? DEFAULT_LUONG_INITIALIZER, 'kernelInitializer');
    this.seed = args.seed;
  }

  protected buildWeights(queryUnits: number, valueUnits: number): void {
    if (this.mode === 'dot') {
      assert(
        queryUnits === valueUnits,
        () => `${this.name}: dot attention needs query and value sizes to match, got ${queryUnits} and ${valueUnits}; use mode 'general'`,
        'SHAPE',
      );
      return;
    }
    this.kernel = this.addWeight('kernel', [queryUnits, valueUnits], 'float32', makeInitializer(this.kernelInitializer, this.seed));
  }

  scores(query: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      // projected: [batch, tgtTime, valueUnits]
      const projected = this.kernel === null ? query : projectLastAxis(query, this.kernel.read() as tf.Tensor2D);
      return tf.matMul(projected, keys, false, true); // [batch, tgtTime, srcTime]
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mode: this.mode, kernelInitializer: this.kernelInitializer, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }

}
tf.serialization.registerClass(RcLuongAttention);

/** Factory for {@link RcLuongAttention}. @example `luongAttention({ mode: 'dot' })` */
export const luongAttention = (args: RcLuongAttentionArgs) => new RcLuongAttention(args);

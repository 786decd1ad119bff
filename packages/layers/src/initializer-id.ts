import * as tf from '@tensorflow/tfjs';
import { assertOneOf } from '@recurrent/core';
import { RcOrthogonal } from './rc-orthogonal.js';
import type { Initializer } from './tfjs-types.js';

/**
 * Initializer ids our layers accept. Configs store these strings (JSON primitives), never objects.
 * `orthogonal` is tfjs's own (a tensor QR, ~18 s for `[128, 512]` on cpu here); prefer `rcOrthogonal`.
 *
 * @example `rcLSTM({ units: 8, recurrentInitializer: INITIALIZER_IDS[6] }) // 'rcOrthogonal'`
 */
export const INITIALIZER_IDS = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'leCunUniform',
  'leCunNormal',
  'rcOrthogonal',
  'orthogonal',
  'zeros',
  'ones',
] as const;

/** One of {@link INITIALIZER_IDS}. @example `const id: InitializerId = 'heNormal';` */
export type InitializerId = (typeof INITIALIZER_IDS)[number];

/**
 * Validates `id` (CONFIG error naming `name` and the allowed ids) and returns it typed.
 *
 * @example
 * ```ts
 * const id = checkInitializerId('glorotUniform', 'kernelInitializer');
 * ```
 */
export function checkInitializerId(id: unknown, name: string): InitializerId {
  assertOneOf(id, name, INITIALIZER_IDS);
  return id;
}

/**
 * Builds the initializer named by `id`, seeded with `seed` when given (so the same seed gives the
 * same weights).
 *
 * @example
 * ```ts
 * const init = makeInitializer('rcOrthogonal', 42);
 * const w = init.apply([8, 32]);
 * ```
 */
export function makeInitializer(id: InitializerId, seed: number | undefined): Initializer {
  const seedArgs = seed === undefined ? {} : { seed };
  switch (id) {
    case 'glorotUniform':
      return tf.initializers.glorotUniform(seedArgs);
    case 'glorotNormal':
      return tf.initializers.glorotNormal(seedArgs);
    case 'heUniform':
      return tf.initializers.heUniform(seedArgs);
    case 'heNormal':
      return tf.initializers.heNormal(seedArgs);
    case 'leCunUniform':
      return tf.initializers.leCunUniform(seedArgs);
    case 'leCunNormal':
      return tf.initializers.leCunNormal(seedArgs);
    case 'rcOrthogonal':
      return new RcOrthogonal(seedArgs) as unknown as Initializer;
    case 'orthogonal':
      return tf.initializers.orthogonal(seedArgs);
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
  }
}

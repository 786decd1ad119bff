import * as tf from '@tensorflow/tfjs';
import { assert, assertPositiveInteger, assertInRange } from '@recurrent/core';
import { type InitializerId, checkInitializerId, makeInitializer } from './initializer-id.js';
import type { ConfigDict, Initializer, Kwargs, LayerArgs, LayerVariable, Shape } from './tfjs-types.js';

/** Arguments shared by every cell (and by the sequence layers built on them). @example `const args: RcCellArgs = { units: 16, seed: 42 };` */
export interface RcCellArgs extends LayerArgs {
  /** Size of the hidden state (positive integer). */
  readonly units: number;
  /** Add the bias `b`. Default true. */
  readonly useBias?: boolean;
  /** Input kernel `[inputDim, G*units]` initializer. Default `glorotUniform`. */
  readonly kernelInitializer?: InitializerId;
  /** Recurrent kernel `[units, G*units]` initializer. Default `rcOrthogonal` (fast, seeded). */
  readonly recurrentInitializer?: InitializerId;
  /** Bias initializer. Default `zeros`. */
  readonly biasInitializer?: InitializerId;
  /** Seed for the weight initializers (kernel: seed, recurrent: seed+1, bias: seed+2). Default: unseeded. */
  readonly seed?: number;
}

/** Default input-kernel initializer. @example `rcLSTM({ units: 8, kernelInitializer: DEFAULT_KERNEL_INITIALIZER })` */
export const DEFAULT_KERNEL_INITIALIZER: InitializerId = 'glorotUniform';
/** Default recurrent-kernel initializer (fast, seeded orthogonal). @example `rcGRU({ units: 8, recurrentInitializer: DEFAULT_RECURRENT_INITIALIZER })` */
export const DEFAULT_RECURRENT_INITIALIZER: InitializerId = 'rcOrthogonal';
/** Default bias initializer (LSTM then sets the forget block to 1). @example `rcSimpleRNN({ units: 8, biasInitializer: DEFAULT_BIAS_INITIALIZER })` */
export const DEFAULT_BIAS_INITIALIZER: InitializerId = 'zeros';

/**
 * The cell-specific part of a config (what a sequence layer copies into its own config).
 * @example `const c: CellConfig = rcLSTMCell({ units: 4 }).getCellConfig(); // { units: 4, useBias: true, … }`
 */
export type CellConfig = Record<string, string | number | boolean>;

/**
 * Base of our cells: owns the fused weights `kernel [inputDim, G*units]`,
 * `recurrent_kernel [units, G*units]` and `bias`, laid out as tfjs/Keras lay them out so
 * weights copy 1:1. Subclasses set the gate count and the step.
 *
 * @example
 * ```ts
 * const cell = new RcLSTMCell({ units: 8 });
 * const rnn = tf.layers.rnn({ cell, returnSequences: true });
 * ```
 */
export abstract class RcRecurrentCell extends tf.layers.RNNCell {
  readonly units: number;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerId;
  readonly recurrentInitializer: InitializerId;
  readonly biasInitializer: InitializerId;
  readonly seed: number | undefined;
  /** Number of fused gates G (1 Elman, 3 GRU, 4 LSTM). */
  readonly gateCount: number;
  kernel: LayerVariable | null = null;
  recurrentKernel: LayerVariable | null = null;
  bias: LayerVariable | null = null;

  constructor(args: RcCellArgs, gateCount: number) {
    super(args);
    assertPositiveInteger(args.units, 'units');
    this.units = args.units;
    this.useBias = args.useBias ?? true;
    assert(typeof this.useBias === 'boolean', () => `useBias must be a boolean, got ${String(args.useBias)}`, 'CONFIG');
    this.kernelInitializer = checkInitializerId(args.kernelInitializer ?? DEFAULT_KERNEL_INITIALIZER, 'kernelInitializer');
    this.recurrentInitializer = checkInitializerId(
      args.recurrentInitializer ?? DEFAULT_RECURRENT_INITIALIZER,
      'recurrentInitializer',
    );
    this.biasInitializer = checkInitializerId(args.biasInitializer ?? DEFAULT_BIAS_INITIALIZER, 'biasInitializer');
    if (args.seed !== undefined) assertInRange(args.seed, 'seed', 0, 2 ** 32 - 1);
    this.seed = args.seed;
    this.gateCount = gateCount;
  }

  /** Seed for the `offset`-th weight, or undefined when unseeded. */
  protected weightSeed(offset: number): number | undefined {
    return this.seed === undefined ? undefined : (this.seed + offset) % 2 ** 32;
  }

  /** Shape of the bias weight; GRU with `resetAfter` overrides it. */
  protected biasShape(): number[] {
    return [this.gateCount * this.units];
  }

  /** Initializer of the bias weight; LSTM overrides it for the forget-gate bias. */
  protected makeBiasInitializer(): Initializer {
    return makeInitializer(this.biasInitializer, this.weightSeed(2));
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inputDim = shape[shape.length - 1];
    assert(
      typeof inputDim === 'number' && inputDim > 0,
      () => `${this.getClassName()} needs a known last input dimension, got shape [${shape.join(', ')}]`,
      'SHAPE',
    );
    const width = this.gateCount * this.units;
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, width],
      'float32',
      makeInitializer(this.kernelInitializer, this.weightSeed(0)),
    );
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, width],
      'float32',
      makeInitializer(this.recurrentInitializer, this.weightSeed(1)),
    );
    this.bias = this.useBias ? this.addWeight('bias', this.biasShape(), 'float32', this.makeBiasInitializer()) : null;
    this.built = true;
  }

  /** The `[inputDim, G*units]` kernel value. */
  protected readKernel(): tf.Tensor2D {
    assert(this.kernel !== null, () => `${this.name} used before build()`, 'USAGE');
    return this.kernel.read() as tf.Tensor2D;
  }

  /** The `[units, G*units]` recurrent kernel value. */
  readRecurrentKernel(): tf.Tensor2D {
    assert(this.recurrentKernel !== null, () => `${this.name} used before build()`, 'USAGE');
    return this.recurrentKernel.read() as tf.Tensor2D;
  }

  /** The bias added to the input projection (`[G*units]`), or null. */
  protected inputBias(): tf.Tensor1D | null {
    return this.bias === null ? null : (this.bias.read() as tf.Tensor1D);
  }

  /** The input kernel `[inputDim, G*units]` and the bias of the input projection (null without bias). */
  projectionWeights(): { kernel: tf.Tensor2D; bias: tf.Tensor1D | null } {
    return { kernel: this.readKernel(), bias: this.inputBias() };
  }

  /**
   * Input projection `X W + b` for all positions at once: one matMul over `[batch*time, inputDim]`.
   * Accepts `[batch, inputDim]` or `[batch, time, inputDim]`; returns the same leading shape with
   * `G*units` last.
   */
  projectInputs(x: tf.Tensor): tf.Tensor {
    const kernel = this.readKernel();
    const lead = x.shape.slice(0, -1);
    const inputDim = x.shape[x.shape.length - 1] as number;
    assert(
      inputDim === kernel.shape[0],
      () => `${this.name} expects inputs with last dimension ${kernel.shape[0]}, got ${inputDim}`,
      'SHAPE',
    );
    // flat: [batch*time, inputDim] -> proj: [batch*time, G*units]
    let proj: tf.Tensor = tf.matMul(tf.reshape(x, [-1, inputDim]) as tf.Tensor2D, kernel);
    const bias = this.inputBias();
    if (bias !== null) proj = tf.add(proj, bias);
    return tf.reshape(proj, [...lead, kernel.shape[1]]);
  }

  /**
   * New states after one step, feature-major like the recurrence functions: projected input
   * `[G*units, batch]` and states `[stateSize, batch]` in, new states out (`[0]` is the output).
   */
  abstract stepFeatureMajor(xProjT: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D[];

  /** `[x, ...states]` → `[output, ...newStates]`, so stock `tf.layers.rnn({cell})` can run it. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const numStates = this.stateSizes().length;
      assert(
        list.length === numStates + 1,
        () => `${this.getClassName()} expects ${numStates + 1} inputs (x and ${numStates} state(s)), got ${list.length}`,
        'USAGE',
      );
      const [x, ...states] = list as tf.Tensor2D[];
      // xProjT: [G*units, batch]; states: [stateSize, batch]
      const xProjT = tf.transpose(this.projectInputs(x as tf.Tensor2D)) as tf.Tensor2D;
      const next = this.stepFeatureMajor(xProjT, states.map((s) => tf.transpose(s) as tf.Tensor2D));
      const batchMajor = next.map((s) => tf.transpose(s) as tf.Tensor2D);
      return [batchMajor[0] as tf.Tensor2D, ...batchMajor];
    });
  }

  /** State sizes as a list. */
  stateSizes(): number[] {
    return Array.isArray(this.stateSize) ? this.stateSize : [this.stateSize];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const batch = shape[0] ?? null;
    return [[batch, this.units], ...this.stateSizes().map((size) => [batch, size])];
  }

  /** Every constructor argument specific to the cell, as JSON primitives. */
  getCellConfig(): CellConfig {
    const config: CellConfig = {
      units: this.units,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      recurrentInitializer: this.recurrentInitializer,
      biasInitializer: this.biasInitializer,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return config;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), ...this.getCellConfig() };
  }
}

import * as tf from '@tensorflow/tfjs';
import { assert, assertInRange, assertOneOf, assertPositiveInteger } from '@recurrent/core';
import { type InitializerId, checkInitializerId, makeInitializer } from '../initializer-id.js';
import { runRecurrenceKernel, useFusedKernel } from '../recurrence-kernels.js';
import type { ApplyValue, ConfigDict, Kwargs, LayerArgs, LayerVariable, Shape } from '../tfjs-types.js';
import { parallelLinearScan } from './parallel-scan.js';
import { sequentialLinearScan } from './sequential-scan.js';

/**
 * How a minimal RNN runs over time: `parallel` solves the recurrence for all steps with a
 * log2(time)-round scan (training, long sequences); `sequential` loops step by step (inference,
 * one step at a time with `initialState`/`returnState`). Both compute the same numbers.
 *
 * @example `rcMinGRU({ units: 8, mode: MIN_RNN_MODES[1] }) // sequential`
 */
export const MIN_RNN_MODES = ['parallel', 'sequential'] as const;

/** One of {@link MIN_RNN_MODES}. @example `const mode: MinRnnMode = 'parallel';` */
export type MinRnnMode = (typeof MIN_RNN_MODES)[number];

/** Default mode: parallel (training). @example `rcMinLSTM({ units: 8, mode: DEFAULT_MIN_RNN_MODE })` */
export const DEFAULT_MIN_RNN_MODE: MinRnnMode = 'parallel';

/** Arguments of minGRU/minLSTM layers. @example `const args: RcMinRNNArgs = { units: 64, returnSequences: true };` */
export interface RcMinRNNArgs extends LayerArgs {
  /** Size of the hidden state (positive integer). */
  readonly units: number;
  /** `parallel` (default) or `sequential`; see {@link MIN_RNN_MODES}. */
  readonly mode?: MinRnnMode;
  /** Return every step `[batch, time, units]` instead of the last state `[batch, units]`. Default false. */
  readonly returnSequences?: boolean;
  /** Also return the final state `h` after the output. Default false. */
  readonly returnState?: boolean;
  /** Add the bias of the input projections. Default true. */
  readonly useBias?: boolean;
  /** Kernel `[inputDim, G*units]` initializer. Default `glorotUniform`. */
  readonly kernelInitializer?: InitializerId;
  /** Bias initializer. Default `zeros`. */
  readonly biasInitializer?: InitializerId;
  /** Seed of the initializers (kernel: seed, bias: seed+2). Default: unseeded. */
  readonly seed?: number;
}

/** Names of a cell's fused kernels and of the projections they save (in kernel-column order). */
export interface FusedMinRnnKernels {
  readonly forward: string;
  readonly backward: string;
  readonly projections: readonly string[];
}

/** Per-step coefficients of `h_t = a_t ⊙ h_{t−1} + b_t`, each `[time, batch, units]`. */
export interface ScanCoefficients {
  readonly a: tf.Tensor3D;
  readonly b: tf.Tensor3D;
}

const BOOLEAN_KEYS = ['returnSequences', 'returnState', 'useBias'] as const;

/**
 * Base of the minimal RNNs of "Were RNNs All We Needed?" (Feng et al. 2024). Their gates depend on
 * `x_t` only, so the layer computes one fused projection `x W + b` `[time, batch, G*units]` for all
 * steps, turns it into the coefficients of a diagonal linear recurrence (subclass), and solves it
 * with {@link parallelLinearScan} or {@link sequentialLinearScan}. Masked steps get `a = 1, b = 0`:
 * the state carries and the output there is zero. Initial state: zeros, or `initialState` as is.
 *
 * @example
 * ```ts
 * const layer = rcMinGRU({ units: 8, returnSequences: true }); // a subclass
 * const y = layer.apply(tf.ones([2, 5, 3])) as tf.Tensor;      // [2, 5, 8]
 * ```
 */
export abstract class RcMinRNN extends tf.layers.Layer {
  readonly units: number;
  readonly mode: MinRnnMode;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerId;
  readonly biasInitializer: InitializerId;
  readonly seed: number | undefined;
  /** Number of fused projections G (2 minGRU, 3 minLSTM). */
  readonly gateCount: number;
  kernel: LayerVariable | null = null;
  bias: LayerVariable | null = null;

  constructor(args: RcMinRNNArgs, gateCount: number) {
    super(args);
    assertPositiveInteger(args.units, 'units');
    for (const key of BOOLEAN_KEYS) {
      const value = args[key];
      assert(
        value === undefined || typeof value === 'boolean',
        () => `${key} must be a boolean, got ${String(value)}`,
        'CONFIG',
      );
    }
    const mode = args.mode ?? DEFAULT_MIN_RNN_MODE;
    assertOneOf(mode, 'mode', MIN_RNN_MODES);
    this.units = args.units;
    this.mode = mode;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = checkInitializerId(
      args.kernelInitializer ?? 'glorotUniform',
      'kernelInitializer',
    );
    this.biasInitializer = checkInitializerId(args.biasInitializer ?? 'zeros', 'biasInitializer');
    if (args.seed !== undefined) assertInRange(args.seed, 'seed', 0, 2 ** 32 - 1);
    this.seed = args.seed;
    this.gateCount = gateCount;
    this.supportsMasking = true;
  }

  /** Number of states: one, `h` (as RcGRU; RcBidirectional reads it). */
  get numStates(): number {
    return 1;
  }

  /** Turns the G projections (each `[time, batch, units]`, in kernel order) into the recurrence coefficients. */
  protected abstract coefficients(projections: tf.Tensor3D[]): ScanCoefficients;

  /** The fused kernels of this cell (the backend registers them on wasm and cpu), or null for none. */
  protected fusedKernels(): FusedMinRnnKernels | null {
    return null;
  }

  /**
   * With the cell's fused kernels (and the fused plan), the input projection, gates and scan are
   * one kernel call and the backward pass (`dx`, `dW`, `db`, `dh0`) another: the `[time, batch,
   * units]` projections and their gradients never become tfjs tensors. While `training`, the
   * forward kernel also returns the projections for the backward pass (which recomputes them
   * otherwise). Null where the kernels are not registered. `x` `[time, batch, features]`.
   */
  private fusedScan(
    x: tf.Tensor3D,
    h0: tf.Tensor2D,
    valid: tf.Tensor3D | null,
    training: boolean,
  ): tf.Tensor3D | null {
    const kernels = this.fusedKernels();
    if (kernels === null || !useFusedKernel(kernels.forward) || this.kernel === null) return null;
    const useBias = this.bias !== null;
    // Inputs: x, w, [bias], h0, [valid]. The mask is an input (saved for the backward pass, zero
    // gradient): a tensor captured by the closure would be disposed before the backward pass.
    const scan = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args.pop() as tf.GradSaveFunc;
      const tensors = args as tf.Tensor[];
      // Inputs by name (x, w, [bias], h0, [valid]), the way both kernels take them.
      const named = (list: tf.Tensor[]): Record<string, tf.Tensor> => {
        const [xs, w] = list as [tf.Tensor, tf.Tensor];
        const rest = list.slice(useBias ? 3 : 2);
        return {
          x: xs,
          w,
          ...(useBias ? { bias: list[2] as tf.Tensor } : {}),
          h0: rest[0] as tf.Tensor,
          ...(rest[1] === undefined ? {} : { valid: rest[1] }),
        };
      };
      const [h, ...projections] = runRecurrenceKernel(kernels.forward, named(tensors), {
        saveProjections: training,
      });
      // Inputs are saved too: the layer disposes its intermediates before the backward pass.
      save([...tensors, h as tf.Tensor, ...projections]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const inputs = saved.slice(0, tensors.length);
        const [sh, ...sProjections] = saved.slice(tensors.length) as [tf.Tensor, ...tf.Tensor[]];
        const byName = Object.fromEntries(sProjections.map((t, i) => [kernels.projections[i] as string, t]));
        const [dx, dw, db, dh0] = runRecurrenceKernel(kernels.backward, {
          ...named(inputs),
          h: sh,
          dy,
          ...byName,
        }) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        if (!useBias) db.dispose();
        const validInput = named(inputs)['valid'];
        return [
          dx,
          dw,
          ...(useBias ? [db] : []),
          dh0,
          ...(validInput === undefined ? [] : [tf.zerosLike(validInput)]),
        ];
      };
      return { value: h as tf.Tensor3D, gradFunc };
    });
    const inputs = [
      x,
      this.kernel.read(),
      ...(this.bias === null ? [] : [this.bias.read()]),
      h0,
      ...(valid === null ? [] : [valid]),
    ];
    return scan(...inputs) as tf.Tensor3D;
  }

  /** `x W + b` for all steps, then the coefficients and the parallel or sequential scan. `x` `[time, batch, features]`. */
  private projectAndScan(x: tf.Tensor3D, h0: tf.Tensor2D, valid: tf.Tensor3D | null): tf.Tensor3D {
    const [time, batch, features] = x.shape;
    // One matMul per gate with that gate's kernel columns (splitting the small kernel instead of
    // the large fused projection, ~30 ms less per step at batch 16, length 512 on wasm); each
    // projection: [time, batch, units]. The bias rides in the fused matMul.
    const xT = tf.reshape(x, [time * batch, features]) as tf.Tensor2D;
    const kernels = tf.split((this.kernel as LayerVariable).read(), this.gateCount, 1) as tf.Tensor2D[];
    const biases = this.bias === null ? null : tf.split(this.bias.read(), this.gateCount);
    const projections = kernels.map((kernel, gate) => {
      const proj = tf.fused.matMul({ a: xT, b: kernel, bias: biases?.[gate] });
      return tf.reshape(proj, [time, batch, this.units]) as tf.Tensor3D;
    });
    return this.coefficientScan(projections, h0, valid);
  }

  /** Coefficients (masked: `a = 1`, `b = 0` at padding, so the state carries), then the parallel or sequential scan. */
  private coefficientScan(
    projections: tf.Tensor3D[],
    h0: tf.Tensor2D,
    valid: tf.Tensor3D | null,
  ): tf.Tensor3D {
    let { a, b } = this.coefficients(projections);
    if (valid !== null) {
      a = tf.add(tf.mul(tf.sub(a, 1), valid), 1) as tf.Tensor3D;
      b = tf.mul(b, valid) as tf.Tensor3D;
    }
    const scan = this.mode === 'parallel' ? parallelLinearScan : sequentialLinearScan;
    return scan(a, b, h0);
  }

  /** Moves `kwargs.initialState` into the input list, so a symbolic state becomes a graph input. */
  override apply(inputs: ApplyValue, kwargs: Kwargs = {}): ApplyValue {
    const { initialState, ...rest } = kwargs;
    if (initialState == null) return super.apply(inputs, rest);
    const state = (Array.isArray(initialState) ? initialState : [initialState]) as ApplyValue[];
    const first = Array.isArray(inputs) ? inputs : [inputs];
    assert(
      first.length === 1,
      () => `${this.name}: pass initialState either as kwargs or as an extra input, not both`,
      'USAGE',
    );
    return super.apply([...first, ...state] as ApplyValue, rest);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inputDim = shape[2];
    assert(
      shape.length === 3 && typeof inputDim === 'number' && inputDim > 0,
      () =>
        `${this.name} expects inputs of shape [batch, time, features] with known features, got [${shape.join(', ')}]`,
      'SHAPE',
    );
    const width = this.gateCount * this.units;
    const seed = (offset: number) => (this.seed === undefined ? undefined : (this.seed + offset) % 2 ** 32);
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, width],
      'float32',
      makeInitializer(this.kernelInitializer, seed(0)),
    );
    this.bias = this.useBias
      ? this.addWeight('bias', [width], 'float32', makeInitializer(this.biasInitializer, seed(2)))
      : null;
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const batch = shape[0] ?? null;
    const output: Shape = this.returnSequences ? [batch, shape[1] ?? null, this.units] : [batch, this.units];
    return this.returnState ? [output, [batch, this.units]] : output;
  }

  override computeMask(
    _inputs: tf.Tensor | tf.Tensor[],
    mask?: tf.Tensor | tf.Tensor[],
  ): tf.Tensor | tf.Tensor[] {
    const inputMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const outputMask = this.returnSequences ? inputMask : null;
    // tfjs types say Tensor, but null means "no mask" throughout tfjs.
    return (this.returnState ? [outputMask, null] : outputMask) as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor3D;
      assert(
        x.rank === 3,
        () => `${this.name} expects inputs of rank 3 [batch, time, features], got [${x.shape.join(', ')}]`,
        'SHAPE',
      );
      assert(this.kernel !== null, () => `${this.name} used before build()`, 'USAGE');
      const [batch, time] = x.shape;
      assert(
        time > 0,
        () => `${this.name} needs at least one time step, got [${x.shape.join(', ')}]`,
        'SHAPE',
      );
      const given = list[1] ?? (kwargs['initialState'] as tf.Tensor | tf.Tensor[] | undefined);
      const h0 = (Array.isArray(given) ? given[0] : given) ?? tf.zeros([batch, this.units]);
      assert(
        h0.rank === 2 && h0.shape[0] === batch && h0.shape[1] === this.units,
        () =>
          `${this.name} initial state must have shape [${batch}, ${this.units}], got [${h0.shape.join(', ')}]`,
        'SHAPE',
      );
      const rawMask = kwargs['mask'] as tf.Tensor | tf.Tensor[] | null | undefined;
      const mask = (Array.isArray(rawMask) ? rawMask[0] : rawMask) ?? null;
      let valid: tf.Tensor3D | null = null;
      if (mask !== null) {
        assert(
          mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === time,
          () => `mask must have shape [batch, time] = [${batch}, ${time}], got [${mask.shape.join(', ')}]`,
          'SHAPE',
        );
        // valid: [time, batch, units], 1 at real steps, 0 at padding (tiled once: broadcasting
        // binary ops are slow on wasm).
        const column = tf.expandDims(tf.transpose(tf.cast(tf.cast(mask, 'bool'), 'float32')), 2);
        valid = tf.tile(column, [1, 1, this.units]) as tf.Tensor3D;
      }
      // xTime: [time, batch, features]; hs: [time, batch, units]
      const xTime = tf.transpose(x, [1, 0, 2]) as tf.Tensor3D;
      const training = kwargs['training'] === true;
      const hs =
        (this.mode === 'parallel' ? this.fusedScan(xTime, h0 as tf.Tensor2D, valid, training) : null) ??
        this.projectAndScan(xTime, h0 as tf.Tensor2D, valid);
      const last = tf.reshape(tf.slice(hs, [time - 1, 0, 0], [1, -1, -1]), [batch, this.units]);
      let output: tf.Tensor = last;
      if (this.returnSequences) {
        // outputs: [batch, time, units], zero at padded steps.
        output = tf.transpose(valid === null ? hs : tf.mul(hs, valid), [1, 0, 2]);
      }
      return this.returnState ? [output, last] : output;
    });
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = {
      ...super.getConfig(),
      units: this.units,
      mode: this.mode,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return config;
  }
}

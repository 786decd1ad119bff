import * as tf from '@tensorflow/tfjs';
import { assert, assertInRange } from '@recurrent/core';
import type { RcRecurrentCell } from './recurrent-cell.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';
import type { ApplyValue, ConfigDict, Kwargs, LayerArgs, LayerVariable, Shape } from './tfjs-types.js';

/** Arguments every sequence layer takes besides its cell's. @example `const args: RcRecurrentLayerArgs = { returnSequences: true, dropout: 0.2 };` */
export interface RcRecurrentLayerArgs extends LayerArgs {
  /** Return the outputs of every step `[batch, time, units]` instead of only the last `[batch, units]`. Default false. */
  readonly returnSequences?: boolean;
  /** Also return the final states (`h`, and `c` for LSTM) after the output. Default false. */
  readonly returnState?: boolean;
  /** Process the sequence backwards; outputs come in processing order (Keras semantics). Default false. */
  readonly goBackwards?: boolean;
  /** Input dropout rate in [0, 1), one mask per sequence shared by all steps; training only. Default 0. */
  readonly dropout?: number;
}

/** The sequence-layer part of a config. */
const SEQUENCE_KEYS = ['returnSequences', 'returnState', 'goBackwards'] as const;

/**
 * Generic sequence layer: validates shapes, handles `initialState` (passed as extra inputs, as in
 * Keras), masks and dropout, computes the input projection of all steps with ONE matMul, and hands
 * the per-step work to a recurrence function chosen by the subclass.
 *
 * @example
 * ```ts
 * const layer = rcLSTM({ units: 8, returnSequences: true }); // a subclass
 * const y = layer.apply(tf.ones([2, 5, 3])) as tf.Tensor;    // [2, 5, 8]
 * ```
 */
export abstract class RcRecurrentLayer<Cell extends RcRecurrentCell = RcRecurrentCell> extends tf.layers.Layer {
  readonly cell: Cell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly dropout: number;

  constructor(args: RcRecurrentLayerArgs, cell: Cell) {
    super(args);
    for (const key of SEQUENCE_KEYS) {
      const value = args[key];
      assert(
        value === undefined || typeof value === 'boolean',
        () => `${key} must be a boolean, got ${String(value)}`,
        'CONFIG',
      );
    }
    this.cell = cell;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.dropout = args.dropout ?? 0;
    assertInRange(this.dropout, 'dropout', 0, 0.999999);
    this.supportsMasking = true;
  }

  /**
   * The recurrence from the raw (dropped-out) input `[batch, time, features]`, input projection
   * included, when this cell type has a kernel for it on the current backend; null otherwise (the
   * default), and the layer projects with one matMul and calls {@link runRecurrence}.
   */
  protected runProjectingRecurrence(
    _x: tf.Tensor3D,
    _initialStates: tf.Tensor2D[],
    _mask: tf.Tensor | null,
    _options: RecurrenceOptions,
  ): RecurrenceResult | null {
    return null;
  }

  /** Runs the recurrence over `xProj` `[batch, time, G*units]` from `initialStates`. */
  protected abstract runRecurrence(
    xProj: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult;

  /** Number of states (1, or 2 for LSTM). */
  get numStates(): number {
    return this.cell.stateSizes().length;
  }

  /** Moves `kwargs.initialState` into the input list, so symbolic states become graph inputs. */
  override apply(inputs: ApplyValue, kwargs: Kwargs = {}): ApplyValue {
    const { initialState, ...rest } = kwargs;
    if (initialState == null) return super.apply(inputs, rest);
    const states = (Array.isArray(initialState) ? initialState : [initialState]) as ApplyValue[];
    const first = Array.isArray(inputs) ? inputs : [inputs];
    assert(first.length === 1, () => `${this.name}: pass initialState either as kwargs or as extra inputs, not both`, 'USAGE');
    return super.apply([...first, ...states] as ApplyValue, rest);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    assert(
      shape.length === 3,
      () => `${this.name} expects inputs of shape [batch, time, features], got rank ${shape.length} [${shape.join(', ')}]`,
      'SHAPE',
    );
    this.cell.build([shape[0] ?? null, shape[2] ?? null]);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const batch = shape[0] ?? null;
    const units = this.cell.units;
    const output: Shape = this.returnSequences ? [batch, shape[1] ?? null, units] : [batch, units];
    if (!this.returnState) return output;
    return [output, ...this.cell.stateSizes().map((size): Shape => [batch, size])];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    const inputMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const outputMask = this.returnSequences ? inputMask : null;
    // tfjs types say Tensor, but null means "no mask" throughout tfjs.
    if (!this.returnState) return outputMask as tf.Tensor;
    return [outputMask, ...Array.from({ length: this.numStates }, () => null)] as unknown as tf.Tensor[];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor3D;
      assert(x.rank === 3, () => `${this.name} expects inputs of rank 3 [batch, time, features], got [${x.shape.join(', ')}]`, 'SHAPE');
      const [batch] = x.shape;
      let initialStates = list.slice(1) as tf.Tensor2D[];
      if (initialStates.length === 0 && kwargs['initialState'] != null) {
        const given = kwargs['initialState'] as tf.Tensor2D | tf.Tensor2D[];
        initialStates = Array.isArray(given) ? given : [given];
      }
      const sizes = this.cell.stateSizes();
      if (initialStates.length === 0) {
        initialStates = sizes.map((size) => tf.zeros([batch, size]) as tf.Tensor2D);
      }
      assert(
        initialStates.length === sizes.length,
        () => `${this.name} has ${sizes.length} state(s) but got ${initialStates.length} initial state(s)`,
        'USAGE',
      );
      initialStates.forEach((state, i) =>
        assert(
          state.rank === 2 && state.shape[0] === batch && state.shape[1] === sizes[i],
          () => `${this.name} initial state ${i} must have shape [${batch}, ${sizes[i]}], got [${state.shape.join(', ')}]`,
          'SHAPE',
        ),
      );
      const rawMask = kwargs['mask'] as tf.Tensor | tf.Tensor[] | null | undefined;
      const mask = (Array.isArray(rawMask) ? rawMask[0] : rawMask) ?? null;
      let input: tf.Tensor3D = x;
      if (kwargs['training'] === true && this.dropout > 0) {
        // One dropout mask per sequence, shared by all steps: noise shape [batch, 1, features].
        input = tf.dropout(x, this.dropout, [batch, 1, x.shape[2]]) as tf.Tensor3D;
      }
      const options = { goBackwards: this.goBackwards, returnSequences: this.returnSequences };
      // A kernel that projects the inputs itself, step by step, where the backend has one; else
      // xProj: [batch, time, G*units], one matMul for every step, then the recurrence.
      const { outputs, states } =
        this.runProjectingRecurrence(input, initialStates, mask, options) ??
        this.runRecurrence(this.cell.projectInputs(input) as tf.Tensor3D, initialStates, mask, options);
      const output = outputs ?? (states[0] as tf.Tensor2D);
      return this.returnState ? [output, ...states] : output;
    });
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.cell.trainableWeights : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.cell.nonTrainableWeights : this.cell.weights;
  }

  override setFastWeightInitDuringBuild(value: boolean): void {
    super.setFastWeightInitDuringBuild(value);
    this.cell.setFastWeightInitDuringBuild(value);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      ...this.cell.getCellConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      dropout: this.dropout,
    };
  }
}

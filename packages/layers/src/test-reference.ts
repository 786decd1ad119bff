/**
 * Plain-JS float64 reference implementations of the lecture equations, used as the golden
 * reference in tests (especially where tfjs has no counterpart, e.g. GRU `resetAfter`).
 * Test-only: excluded from the build (`test-*.ts`).
 */
export type Matrix = number[][];

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** `v · M` for a row vector `v` [n] and `M` [n, m]. */
function rowTimes(v: number[], m: Matrix): number[] {
  const cols = (m[0] as number[]).length;
  const out = new Array<number>(cols).fill(0);
  v.forEach((vi, i) => {
    const row = m[i] as number[];
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + vi * (row[j] as number);
  });
  return out;
}

const addVec = (a: number[], b: number[]): number[] => a.map((v, i) => v + (b[i] as number));
const part = (v: number[], k: number, units: number): number[] => v.slice(k * units, (k + 1) * units);

/** Weights as copied from a layer: kernel [in, G*u], recurrent [u, G*u], bias flat (or [2, 3u] for GRU resetAfter, flattened). */
export interface RefWeights {
  readonly kernel: Matrix;
  readonly recurrent: Matrix;
  readonly bias: number[];
}

export type RefStep = (x: number[], states: number[][], w: RefWeights, units: number) => number[][];

export const elmanStep: RefStep = (x, [h], w) =>
  [addVec(addVec(rowTimes(x, w.kernel), rowTimes(h as number[], w.recurrent)), w.bias).map(Math.tanh)];

export const lstmStepRef: RefStep = (x, [h, c], w, u) => {
  const z = addVec(addVec(rowTimes(x, w.kernel), rowTimes(h as number[], w.recurrent)), w.bias);
  const i = part(z, 0, u).map(sigmoid);
  const f = part(z, 1, u).map(sigmoid);
  const cand = part(z, 2, u).map(Math.tanh);
  const o = part(z, 3, u).map(sigmoid);
  const cNext = (c as number[]).map((cv, k) => (f[k] as number) * cv + (i[k] as number) * (cand[k] as number));
  return [cNext.map((cv, k) => (o[k] as number) * Math.tanh(cv)), cNext];
};

export const gruStepRef =
  (resetAfter: boolean): RefStep =>
  (x, [hIn], w, u) => {
    const h = hIn as number[];
    const xp = addVec(rowTimes(x, w.kernel), resetAfter ? w.bias.slice(0, 3 * u) : w.bias);
    const uCols = (k: number): Matrix => w.recurrent.map((row) => part(row, k, u));
    const bRec = resetAfter ? w.bias.slice(3 * u) : new Array<number>(3 * u).fill(0);
    const hz = addVec(rowTimes(h, uCols(0)), part(bRec, 0, u));
    const hr = addVec(rowTimes(h, uCols(1)), part(bRec, 1, u));
    const z = addVec(part(xp, 0, u), hz).map(sigmoid);
    const r = addVec(part(xp, 1, u), hr).map(sigmoid);
    const inner = resetAfter
      ? addVec(rowTimes(h, uCols(2)), part(bRec, 2, u)).map((v, k) => (r[k] as number) * v)
      : rowTimes(
          h.map((v, k) => (r[k] as number) * v),
          uCols(2),
        );
    const cand = addVec(part(xp, 2, u), inner).map(Math.tanh);
    return [h.map((hv, k) => (z[k] as number) * hv + (1 - (z[k] as number)) * (cand[k] as number))];
  };

/** Runs `step` over each sequence; masked steps keep the states and output zeros (our semantics). */
export function runReference(
  step: RefStep,
  x: number[][][],
  w: RefWeights,
  units: number,
  numStates: number,
  options: { mask?: number[][]; goBackwards?: boolean; initial?: number[][][] } = {},
): { outputs: number[][][]; states: number[][][] } {
  const outputs: number[][][] = [];
  const finalStates: number[][][] = Array.from({ length: numStates }, () => []);
  x.forEach((seq, b) => {
    let states = Array.from({ length: numStates }, (_, s) => options.initial?.[s]?.[b] ?? new Array<number>(units).fill(0));
    const outs: number[][] = [];
    const order = seq.map((_, t) => (options.goBackwards ? seq.length - 1 - t : t));
    for (const t of order) {
      const valid = options.mask === undefined || options.mask[b]?.[t] !== 0;
      if (valid) {
        states = step(seq[t] as number[], states, w, units);
        outs.push(states[0] as number[]);
      } else {
        outs.push(new Array<number>(units).fill(0));
      }
    }
    outputs.push(outs);
    states.forEach((s, i) => finalStates[i]?.push(s));
  });
  return { outputs, states: finalStates };
}

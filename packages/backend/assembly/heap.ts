// Kernels that run directly on the tfjs wasm backend's own heap: this module imports that
// backend's memory and must never write outside the arrays it is given, so it has no static data
// (scripts/build-wasm.mjs fails the build if a data segment appears) and no stack use.

import { V4, tanh1 } from './activations';

/**
 * One Adam step over `count` values (Kingma & Ba 2015, tfjs's update term by term):
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `value' = value − lr·(m'·c1)/(√(v'·c2) + ε)`
 * with `c1 = 1/(1−β1ᵗ)`, `c2 = 1/(1−β2ᵗ)`. Pointers are byte offsets of float32 arrays.
 */
export function adamUpdate(
  count: i32, value: usize, grad: usize, m: usize, v: usize, newValue: usize, newM: usize, newV: usize,
  lr: f32, beta1: f32, beta2: f32, epsilon: f32, c1: f32, c2: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(<f32>1 - beta1);
  const ob2 = f32x4.splat(<f32>1 - beta2);
  const step = f32x4.splat(lr * c1);
  const cv = f32x4.splat(c2);
  const eps = f32x4.splat(epsilon);
  const vec = count & ~3;
  for (let j = 0; j < vec; j += 4) {
    const o = <usize>j << 2;
    const g = v128.load(grad + o);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(ob1, g));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(ob2, f32x4.mul(g, g)));
    v128.store(newM + o, mi);
    v128.store(newV + o, vi);
    const denom = f32x4.add(f32x4.sqrt(f32x4.mul(vi, cv)), eps);
    v128.store(newValue + o, f32x4.sub(v128.load(value + o), f32x4.div(f32x4.mul(step, mi), denom)));
  }
  for (let j = vec; j < count; j++) {
    const o = <usize>j << 2;
    const g = load<f32>(grad + o);
    const mi = beta1 * load<f32>(m + o) + (<f32>1 - beta1) * g;
    const vi = beta2 * load<f32>(v + o) + (<f32>1 - beta2) * g * g;
    store<f32>(newM + o, mi);
    store<f32>(newV + o, vi);
    store<f32>(newValue + o, load<f32>(value + o) - (lr * c1 * mi) / (Mathf.sqrt(vi * c2) + epsilon));
  }
}

/** `out = tanh(x)` for `count` values: the fused kernels' rational approximation (`V4.tanh4`), NaN stays NaN. */
export function tanh(count: i32, x: usize, out: usize): void {
  const vec = count & ~3;
  for (let j = 0; j < vec; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, V4.tanh4(v128.load(x + o)));
  }
  for (let j = vec; j < count; j++) {
    const o = <usize>j << 2;
    store<f32>(out + o, tanh1(load<f32>(x + o)));
  }
}

/**
 * Escapes text for SVG/HTML content and attribute values.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * "Nice" axis ticks (steps of 1, 2 or 5 × 10^k) covering [min, max] with about `count` ticks.
 *
 * @example
 * ```ts
 * niceTicks(0.13, 0.92, 5); // [0.2, 0.4, 0.6, 0.8] — and the domain is widened to [0, 1] by niceDomain
 * ```
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * Widens [min, max] to tick boundaries (and gives an empty or one-value range some height).
 *
 * @example
 * ```ts
 * niceDomain(0.13, 0.92, 5); // [0, 1]
 * ```
 */
export function niceDomain(min: number, max: number, count: number): [number, number] {
  if (!(max > min)) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceDomain(min - pad, max + pad, count);
  }
  const ticks = niceTicks(min, max, count);
  const step = ticks.length > 1 ? (ticks[1] as number) - (ticks[0] as number) : max - min;
  const clean = (v: number) => Number(v.toPrecision(12));
  return [clean(Math.floor(min / step + 1e-9) * step), clean(Math.ceil(max / step - 1e-9) * step)];
}

/** Tick label: short, without float noise. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

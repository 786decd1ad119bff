import { escapeXml, formatTick, niceDomain, niceTicks } from './svg-text.js';

/** One curve of a line chart. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** Options of `svgLineChart`. */
export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  readonly width?: number;
  readonly height?: number;
}

/** Colour-blind-safe palette (Okabe–Ito). */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

const MARGIN = { top: 36, right: 20, bottom: 48, left: 64 };

/**
 * A line chart as a standalone inline SVG: title, x/y axes with nice ticks and grid lines, axis
 * labels, one `<polyline>` per series (one point per data point, `data-series` names it) and a
 * legend. Points are drawn as dots when a series has few of them.
 *
 * @example
 * ```ts
 * const svg = svgLineChart({ title: 'Loss', xLabel: 'step', yLabel: 'loss',
 *   series: [{ name: 'train loss', points: [{ x: 10, y: 0.9 }, { x: 20, y: 0.7 }] }] });
 * ```
 */
export function svgLineChart(options: LineChartOptions): string {
  const width = options.width ?? 540;
  const height = options.height ?? 320;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = options.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = all.length === 0 ? [0, 1] : niceDomain(Math.min(...xs), Math.max(...xs), 6);
  const [y0, y1] = all.length === 0 ? [0, 1] : niceDomain(Math.min(...ys), Math.max(...ys), 5);
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number) => MARGIN.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<text class="title" x="${MARGIN.left}" y="20" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`,
  );
  for (const t of niceTicks(y0, y1, 5)) {
    const y = f(sy(t));
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text class="tick" x="${MARGIN.left - 6}" y="${y}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#444">${formatTick(t)}</text>`,
    );
  }
  for (const t of niceTicks(x0, x1, 6)) {
    const x = f(sx(t));
    parts.push(
      `<line class="tick-mark" x1="${x}" x2="${x}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 5}" stroke="#444"/>`,
      `<text class="tick" x="${x}" y="${MARGIN.top + plotH + 18}" font-size="11" text-anchor="middle" fill="#444">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#444"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#444"/>`,
    `<text class="axis-label x-label" x="${MARGIN.left + plotW / 2}" y="${height - 8}" font-size="12" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text class="axis-label y-label" x="14" y="${MARGIN.top + plotH / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  options.series.forEach((series, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    const points = series.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const coords = points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ');
    parts.push(
      `<polyline data-series="${escapeXml(series.name)}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" points="${coords}"/>`,
    );
    if (points.length <= 30) {
      for (const p of points) parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="3" fill="${color}"/>`);
    }
    // Legend in the top margin, right-aligned, one row of entries: never covers the data.
    const slot = 130;
    const lx = width - MARGIN.right - slot * (options.series.length - i);
    parts.push(
      `<g class="legend"><rect x="${lx}" y="15" width="14" height="3" fill="${color}"/>`,
      `<text x="${lx + 20}" y="17" font-size="11" dominant-baseline="middle">${escapeXml(series.name)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

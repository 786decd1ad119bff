import type { ConfusionMatrixData } from '../metrics-log.js';
import { escapeXml } from './svg-text.js';

/**
 * A confusion-matrix heatmap as inline SVG: rows are gold labels, columns predictions; each cell is
 * shaded by its share of the row (recall) and shows the count.
 *
 * @example
 * ```ts
 * const svg = svgConfusionMatrix({ labels: ['neg', 'pos'], matrix: [[40, 10], [5, 45]] });
 * ```
 */
export function svgConfusionMatrix(data: ConfusionMatrixData, title = 'Confusion matrix (dev, best epoch)'): string {
  const n = data.labels.length;
  const cell = Math.max(18, Math.min(48, Math.floor(520 / Math.max(1, n))));
  const labelSpace = Math.min(140, 12 + 7 * Math.max(1, ...data.labels.map((l) => l.length)));
  const left = labelSpace + 24;
  const top = labelSpace + 56;
  const width = Math.max(left + n * cell + 20, 16 + title.length * 8.5);
  const height = top + n * cell + 20;
  const font = cell >= 30 ? 11 : 9;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart confusion-matrix" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<text class="title" x="8" y="20" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
    `<text class="axis-label" x="${left + (n * cell) / 2}" y="42" font-size="12" text-anchor="middle">predicted</text>`,
    `<text class="axis-label" x="12" y="${top + (n * cell) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 12 ${top + (n * cell) / 2})">gold</text>`,
  ];
  data.labels.forEach((label, i) => {
    const cx = left + i * cell + cell / 2;
    parts.push(
      `<text class="label" x="${cx}" y="${top - 6}" font-size="${font}" transform="rotate(-60 ${cx} ${top - 6})">${escapeXml(label)}</text>`,
      `<text class="label" x="${left - 6}" y="${top + i * cell + cell / 2}" font-size="${font}" text-anchor="end" dominant-baseline="middle">${escapeXml(label)}</text>`,
    );
  });
  data.matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      const share = total > 0 ? count / total : 0;
      const light = Math.round(97 - share * 62);
      const x = left + j * cell;
      const y = top + i * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="hsl(210, 70%, ${light}%)" stroke="#fff"><title>gold ${escapeXml(data.labels[i] ?? '')}, predicted ${escapeXml(data.labels[j] ?? '')}: ${count}</title></rect>`,
      );
      if (cell >= 24) {
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2}" font-size="${font}" text-anchor="middle" dominant-baseline="middle" fill="${share > 0.5 ? '#fff' : '#222'}">${count}</text>`,
        );
      }
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

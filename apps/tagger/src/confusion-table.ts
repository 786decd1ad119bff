import type { TaggerEvaluation } from './evaluate.js';

/**
 * A confusion matrix as an aligned text table (rows gold, columns predicted).
 *
 * @example
 * formatConfusionTable({ labels: ['A', 'B'], matrix: [[3, 1], [0, 2]] });
 * // "gold\\pred A B\nA          3 1\nB          0 2\n"
 */
export function formatConfusionTable(confusion: TaggerEvaluation['confusion']): string {
  const head = 'gold\\pred';
  const width = Math.max(head.length, ...confusion.labels.map((l) => l.length));
  const cell = Math.max(...confusion.labels.map((l) => l.length), ...confusion.matrix.flat().map((n) => String(n).length));
  const rows = [[head.padEnd(width), ...confusion.labels.map((l) => l.padStart(cell))].join(' ')];
  confusion.labels.forEach((label, i) => {
    rows.push([label.padEnd(width), ...(confusion.matrix[i] ?? []).map((n) => String(n).padStart(cell))].join(' '));
  });
  return `${rows.join('\n')}\n`;
}

import type { ConfusionMatrix } from '@recurrent/metrics';

/**
 * The confusion matrix as a text table: rows gold, columns predicted, right-aligned counts.
 *
 * @example
 * formatConfusion({ labels: ['neg', 'pos'], matrix: [[3, 1], [0, 4]] });
 * // gold \ predicted  neg  pos
 * // neg                 3    1
 * // pos                 0    4
 */
export function formatConfusion(confusion: ConfusionMatrix<string>): string {
  const corner = 'gold \\ predicted';
  const first = Math.max(corner.length, ...confusion.labels.map((l) => l.length));
  const widths = confusion.labels.map((label, j) => Math.max(label.length, ...confusion.matrix.map((row) => String(row[j] ?? 0).length)));
  const lines = [[corner.padEnd(first), ...confusion.labels.map((l, j) => l.padStart(widths[j] as number))].join('  ')];
  confusion.matrix.forEach((row, i) => {
    lines.push([(confusion.labels[i] as string).padEnd(first), ...row.map((n, j) => String(n).padStart(widths[j] as number))].join('  '));
  });
  return lines.join('\n');
}

import { escapeXml, svgConfusionMatrix } from '@recurrent/train';
import type { ClassificationScores } from './evaluate.js';

/**
 * A self-contained HTML page with the scores of one evaluation and the confusion matrix as a
 * heatmap (the same figure as the training report's).
 *
 * @example
 * await writeFile('eval.html', renderEvalReport('sst2/stsa.binary.dev', 'runs/sst2/bundle', scores));
 */
export function renderEvalReport(file: string, model: string, scores: ClassificationScores): string {
  const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
  const svg = svgConfusionMatrix(
    { labels: [...scores.confusion.labels], matrix: scores.confusion.matrix.map((row) => [...row]) },
    `Confusion matrix (${file})`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>sentiment eval</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:24px auto;max-width:900px;color:#222}</style></head><body>',
    `<h1>${escapeXml(file)}</h1>`,
    `<p>model ${escapeXml(model)}: ${scores.examples} sentences, accuracy ${pct(scores.accuracy)}, macro-F1 ${pct(scores.macroF1)}</p>`,
    svg,
    '</body></html>',
    '',
  ].join('\n');
}

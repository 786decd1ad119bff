import { escapeXml, type ReportFigure } from '@recurrent/train';
import type { Translation } from './translator.js';

const CELL = 22;

/**
 * An SVG heatmap of one translation's attention: rows are output tokens (and `<eos>`), columns
 * source tokens; darker = more weight.
 *
 * @example
 * ```ts
 * const figure = attentionFigure(translation, 'dev sentence 1'); // { title, svg }
 * ```
 */
export function attentionFigure(translation: Translation, title: string): ReportFigure {
  const rows = translation.attention ?? [];
  const columns = translation.sourceTokens;
  const outputs = [...translation.tokens, '<eos>'].slice(0, rows.length);
  const left = 12 + 7 * Math.max(4, ...outputs.map((t) => t.length));
  const top = 12 + 7 * Math.max(4, ...columns.map((t) => t.length));
  const width = left + CELL * columns.length + 10;
  const height = top + CELL * rows.length + 10;
  const parts: string[] = [];
  columns.forEach((token, j) => {
    const x = left + CELL * j + CELL / 2;
    parts.push(`<text x="${x}" y="${top - 6}" transform="rotate(-60 ${x} ${top - 6})" font-size="11">${escapeXml(token)}</text>`);
  });
  rows.forEach((weights, i) => {
    const y = top + CELL * i;
    parts.push(`<text x="${left - 6}" y="${y + CELL * 0.7}" text-anchor="end" font-size="11">${escapeXml(outputs[i] ?? '')}</text>`);
    weights.forEach((w, j) => {
      const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, w))));
      parts.push(`<rect x="${left + CELL * j}" y="${y}" width="${CELL}" height="${CELL}" fill="rgb(${shade},${shade},255)"><title>${w.toFixed(3)}</title></rect>`);
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>`;
  return { title: `Attention: ${title} → “${translation.text}”`, svg };
}

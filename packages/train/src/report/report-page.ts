import type { EpochRecord, MetricsRecord, StepRecord } from '../metrics-log.js';
import { svgConfusionMatrix } from './confusion-matrix-svg.js';
import { svgLineChart } from './svg-line-chart.js';
import { escapeXml } from './svg-text.js';

/** A figure an app adds to the report (e.g. an attention heatmap), as inline SVG markup. */
export interface ReportFigure {
  readonly title: string;
  readonly svg: string;
}

/** Options of `buildReportHtml`. */
export interface ReportPageOptions {
  readonly title?: string;
  readonly records: readonly MetricsRecord[];
  readonly extraFigures?: readonly ReportFigure[];
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1140px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.sub{color:#666;margin:0 0 16px}
.grid{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;padding:8px;border:1px solid #e3e3e3;border-radius:6px;background:#fff}
figcaption{font-size:13px;color:#555;margin-top:4px}table{border-collapse:collapse;font-size:13px}
td,th{border-bottom:1px solid #eee;padding:4px 10px;text-align:right}th{background:#f6f6f6}tr.best td{font-weight:600;background:#f2f8ff}`;

const figure = (svg: string, caption: string) => `<figure>${svg}<figcaption>${escapeXml(caption)}</figcaption></figure>`;

/**
 * Assembles the self-contained `report.html` of a run: a summary, the training-loss curve (one point
 * per logged step), one curve per dev metric (one point per epoch), the learning rate, the confusion
 * matrix of the best epoch, an epoch table and the app's extra figures. No scripts, no external files.
 *
 * @example
 * ```ts
 * const html = buildReportHtml({ title: 'pos tagger', records: await readMetricsLog(file) });
 * ```
 */
export function buildReportHtml(options: ReportPageOptions): string {
  const title = options.title ?? 'Training report';
  const steps = options.records.filter((r): r is StepRecord => r.kind === 'step');
  const epochs = options.records.filter((r): r is EpochRecord => r.kind === 'epoch');
  const figures: string[] = [];
  figures.push(
    figure(
      svgLineChart({
        title: 'Training loss',
        xLabel: 'step',
        yLabel: 'loss',
        series: [{ name: 'train loss', points: steps.map((r) => ({ x: r.step, y: r.loss })) }],
      }),
      `mean loss over each logging window (${steps.length} logged steps)`,
    ),
  );
  const metricNames = [...new Set(epochs.flatMap((r) => Object.keys(r.dev)))];
  for (const name of metricNames) {
    figures.push(
      figure(
        svgLineChart({
          title: `Dev ${name}`,
          xLabel: 'epoch',
          yLabel: name,
          series: [{ name: `dev ${name}`, points: epochs.flatMap((r) => (r.dev[name] === undefined ? [] : [{ x: r.epoch + 1, y: r.dev[name] }])) }],
        }),
        `dev ${name} after each epoch`,
      ),
    );
  }
  if (steps.length > 0) {
    figures.push(
      figure(
        svgLineChart({ title: 'Learning rate', xLabel: 'step', yLabel: 'learning rate', series: [{ name: 'lr', points: steps.map((r) => ({ x: r.step, y: r.lr })) }] }),
        'learning rate at each logged step',
      ),
    );
  }
  const best = [...epochs].reverse().find((r) => r.best);
  const confusionSource = best?.confusion ? best : [...epochs].reverse().find((r) => r.confusion);
  const confusion = confusionSource?.confusion
    ? `<h2>Confusion matrix</h2><div class="grid">${figure(svgConfusionMatrix(confusionSource.confusion), `epoch ${confusionSource.epoch + 1}; cell shade = share of the gold row`)}</div>`
    : '';
  const extras = (options.extraFigures ?? []).map((f) => figure(f.svg, f.title)).join('\n');
  const summary = best
    ? `best epoch ${best.epoch + 1} (step ${best.step}): ${Object.entries(best.dev).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ') || `train loss ${best.trainLoss.toFixed(4)}`}`
    : 'no finished epoch yet';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeXml(title)}</h1><p class="sub">${epochs.length} epochs, ${steps.at(-1)?.step ?? epochs.at(-1)?.step ?? 0} steps; ${escapeXml(summary)}</p>
<h2>Curves</h2><div class="grid">${figures.join('\n')}</div>
${confusion}
${epochs.length > 0 ? `<h2>Epochs</h2>${epochTable(epochs, metricNames)}` : ''}
${extras ? `<h2>Figures</h2><div class="grid">${extras}</div>` : ''}
</body></html>
`;
}

function epochTable(epochs: readonly EpochRecord[], metricNames: readonly string[]): string {
  const head = ['epoch', 'step', 'train loss', 'lr', ...metricNames.map((n) => `dev ${n}`)];
  const rows = epochs.map((r) => {
    const cells = [String(r.epoch + 1), String(r.step), r.trainLoss.toFixed(4), r.lr.toExponential(2), ...metricNames.map((n) => r.dev[n]?.toFixed(4) ?? '')];
    return `<tr${r.best ? ' class="best"' : ''}>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`;
  });
  return `<table><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

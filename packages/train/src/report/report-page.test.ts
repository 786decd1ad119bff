import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendMetricsRecord, type MetricsRecord } from '../metrics-log.js';
import { svgConfusionMatrix } from './confusion-matrix-svg.js';
import { buildReportHtml } from './report-page.js';
import { svgLineChart } from './svg-line-chart.js';
import { escapeXml, formatTick, niceDomain, niceTicks } from './svg-text.js';
import { writeRunReport } from './write-report.js';

const RECORDS: MetricsRecord[] = [
  ...[10, 20, 30, 40, 50].map((step, i) => ({ kind: 'step' as const, step, epoch: step > 30 ? 1 : 0, loss: 1 / (i + 1), lr: 0.01 })),
  { kind: 'epoch', step: 30, epoch: 0, trainLoss: 0.6, lr: 0.01, dev: { accuracy: 0.7, f1: 0.6 }, best: true, confusion: { labels: ['NOUN', 'VERB'], matrix: [[8, 2], [1, 9]] } },
  { kind: 'epoch', step: 60, epoch: 1, trainLoss: 0.3, lr: 0.01, dev: { accuracy: 0.8, f1: 0.75 }, best: true, confusion: { labels: ['NOUN', 'VERB'], matrix: [[9, 1], [0, 10]] } },
];

const polylines = (html: string) => [...html.matchAll(/<polyline data-series="([^"]+)"[^>]* points="([^"]*)"/g)].map((m) => ({ name: m[1], points: (m[2] as string).split(' ').filter(Boolean) }));

describe('buildReportHtml', () => {
  it('draws one polyline point per logged step and per epoch, with the metric names in axis labels', () => {
    const html = buildReportHtml({ title: 'tagger', records: RECORDS });
    const lines = polylines(html);
    expect(lines.map((l) => [l.name, l.points.length])).toEqual([
      ['train loss', 5],
      ['dev accuracy', 2],
      ['dev f1', 2],
      ['lr', 5],
    ]);
    const yLabels = [...html.matchAll(/class="axis-label y-label"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(yLabels).toEqual(['loss', 'accuracy', 'f1', 'learning rate']);
    expect(html).toContain('<title>tagger</title>');
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('shows the confusion matrix of the best epoch and the app figures', () => {
    const html = buildReportHtml({ records: RECORDS, extraFigures: [{ title: 'attention <heatmap>', svg: '<svg id="att"></svg>' }] });
    const cells = [...html.matchAll(/<title>gold (\w+), predicted (\w+): (\d+)<\/title>/g)].map((m) => `${m[1]}>${m[2]}=${m[3]}`);
    expect(cells).toEqual(['NOUN>NOUN=9', 'NOUN>VERB=1', 'VERB>NOUN=0', 'VERB>VERB=10']);
    expect(html).toContain('<svg id="att"></svg>');
    expect(html).toContain('attention &lt;heatmap&gt;');
    expect(html).toContain('best epoch 2 (step 60): accuracy 0.8000, f1 0.7500');
  });

  it('renders an empty run without curves breaking', () => {
    const html = buildReportHtml({ records: [] });
    expect(polylines(html)).toEqual([{ name: 'train loss', points: [] }]);
    expect(html).toContain('no finished epoch yet');
  });
});

describe('svgLineChart', () => {
  it('maps the data range onto the plot area with nice ticks', () => {
    const svg = svgLineChart({ title: 'T', xLabel: 'step', yLabel: 'loss', series: [{ name: 's', points: [{ x: 0, y: 0 }, { x: 100, y: 1 }] }] });
    // Plot area of the default 540×320 chart: x 64..520, y 36..272.
    expect(svg).toContain('points="64.0,272.0 520.0,36.0"');
    expect([...svg.matchAll(/class="tick"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1', '0', '20', '40', '60', '80', '100']);
  });
});

describe('svgConfusionMatrix', () => {
  it('draws one cell per pair, darker for a larger share of the gold row', () => {
    const svg = svgConfusionMatrix({ labels: ['a', 'b'], matrix: [[3, 1], [0, 4]] });
    expect([...svg.matchAll(/fill="hsl\(210, 70%, (\d+)%\)"/g)].map((m) => Number(m[1]))).toEqual([51, 82, 97, 35]);
  });
});

describe('svg-text', () => {
  it('makes nice ticks and domains', () => {
    expect(niceTicks(0.13, 0.92, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceDomain(0.13, 0.92, 5)).toEqual([0, 1]);
    expect(niceDomain(3, 3, 5)).toEqual([2.6, 3.4]);
    expect([formatTick(0.30000000000000004), formatTick(25000), formatTick(0.0001)]).toEqual(['0.3', '25000', '1.0e-4']);
    expect(escapeXml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
  });
});

describe('writeRunReport', () => {
  it('writes report.html from metrics.jsonl', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    for (const record of RECORDS) await appendMetricsRecord(join(dir, 'metrics.jsonl'), record);
    const path = await writeRunReport(dir, { title: 'run' });
    expect(path).toBe(join(dir, 'report.html'));
    expect(polylines(await readFile(path, 'utf8'))[0]?.points).toHaveLength(5);
    await rm(dir, { recursive: true, force: true });
  });
});

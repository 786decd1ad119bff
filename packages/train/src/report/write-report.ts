import { readMetricsLog } from '../metrics-log.js';
import { runPaths } from '../run-dir.js';
import { writeFileAtomic } from '../durable-fs.js';
import { buildReportHtml, type ReportFigure } from './report-page.js';

/**
 * Reads `<runDir>/metrics.jsonl` and writes `<runDir>/report.html` atomically. Returns its path.
 *
 * @example
 * ```ts
 * await writeRunReport('runs/pos', { title: 'POS tagger', extraFigures: [{ title: 'attention', svg }] });
 * ```
 */
export async function writeRunReport(
  runDir: string,
  options: { title?: string; extraFigures?: readonly ReportFigure[] } = {},
): Promise<string> {
  const paths = runPaths(runDir);
  const records = await readMetricsLog(paths.metrics);
  await writeFileAtomic(paths.report, buildReportHtml({ title: options.title, records, extraFigures: options.extraFigures }));
  return paths.report;
}

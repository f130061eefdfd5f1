import type { OptimizationReport } from './report';

/** The report for machines: the model as JSON, two-space indented, with a final newline. Money stays in strings. */
export function renderReportJson(report: OptimizationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

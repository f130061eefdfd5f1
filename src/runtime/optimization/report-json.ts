import type { OptimizationReport } from './report';

/**
 * The report for machines: the model as compact JSON, with a final newline. Money stays in strings.
 * Compact because indenting 20,000+ opportunities added about a fifth to rendering them, and the
 * Markdown report is the one people read (`jq .` indents it for a person who wants the JSON).
 */
export function renderReportJson(report: OptimizationReport): string {
  return `${JSON.stringify(report)}\n`;
}

import type { AnomalySummary } from './anomalies';
import type { CostSummary } from './cost-analysis';
import type { CostBreakdownSection } from './cost-breakdown';
import type { PeriodChange } from './cost-trend';
import type { ForecastSummary } from './forecast';
import { realizedSavingsMarkdown } from './realized-savings';
import type { OptimizationReport } from './report';
import { formatAmount, formatExactAmount, typeLabel } from './report-text';

/** Options for {@link renderReportMarkdown}. */
export interface MarkdownOptions {
  /** Opportunities listed in the table; the rest are counted. @default 20 */
  readonly topCount?: number;
  /** Services listed in the spend table. @default 10 */
  readonly topServicesCount?: number;
  /** Anomalies listed. @default 10 */
  readonly topAnomaliesCount?: number;
}

/**
 * The report for people: the headline potential monthly savings first, then spend, forecast,
 * anomalies, the top opportunities, savings by type, failed sources and Cost Explorer usage.
 */
export function renderReportMarkdown(report: OptimizationReport, options: MarkdownOptions = {}): string {
  const sections = [
    headline(report),
    // The breakdown sections list services themselves: the spend section keeps its table only without them.
    report.costSummary === undefined ? undefined
      : spendSection(report.costSummary, report.costBreakdowns === undefined ? options.topServicesCount ?? 10 : 0),
    ...(report.costBreakdowns ?? []).map(breakdownSection),
    report.forecast === undefined ? undefined : forecastSection(report.forecast),
    report.anomalies === undefined ? undefined : anomaliesSection(report.anomalies, options.topAnomaliesCount ?? 10),
    report.realizedSavings === undefined ? undefined : realizedSavingsMarkdown(report.realizedSavings),
    opportunitiesSection(report, options.topCount ?? 20),
    typesSection(report),
    failedSourcesSection(report),
    `## Cost Explorer requests\n\n${report.costExplorerRequests.requestCount} billed requests this run, `
      + `${formatAmount(report.costExplorerRequests.costUsd)} USD.`,
    report.notes.length === 0 ? undefined : `## Notes\n\n${report.notes.map(note => `- ${escapeInline(note)}`).join('\n')}`,
  ];
  return `${sections.filter((section): section is string => section !== undefined).join('\n\n')}\n`;
}

function headline(report: OptimizationReport): string {
  const totals = report.totals;
  const currency = report.currency;
  return [
    `# Cost optimization report: account ${report.accountId}, ${report.runDate}`,
    '',
    `**Potential savings: ${formatAmount(totals.monthlySavings)} ${currency} per month** (${formatAmount(totals.annualSavings)} ${currency} per year) `
      + `from ${totals.count} ${totals.count === 1 ? 'opportunity' : 'opportunities'}; upfront cost ${formatAmount(totals.upfrontCost)} ${currency}.`,
    '',
    `Spend analysed from ${report.period.start} to ${report.period.end} (end excluded). Generated ${report.generatedAt}.`,
  ].join('\n');
}

/** Total and trend; the services table only when the report has no breakdown sections (which list services themselves). */
function spendSection(summary: CostSummary, topServicesCount: number): string {
  const trend = summary.trend;
  const growth = trend.averageGrowthPercentage === undefined ? 'not enough periods to compare' : `average growth ${signed(trend.averageGrowthPercentage)}% per period`;
  const rows = (summary.topServices ?? []).slice(0, topServicesCount).map(service => [service.key, formatAmount(service.amount), `${service.sharePercentage}%`]);
  if (topServicesCount > 0 && summary.otherServices !== undefined && summary.otherServices.count > 0) {
    rows.push([`${summary.otherServices.count} other services`, formatAmount(summary.otherServices.amount), `${summary.otherServices.sharePercentage}%`]);
  }
  return [
    '## Spend',
    '',
    `Total ${summary.metric}: **${formatAmount(summary.total)} ${summary.unit}** over ${trend.periods} periods.`,
    `Trend: ${trend.direction} (${growth}); average ${formatAmount(trend.average)}, volatility (standard deviation) ${formatAmount(trend.volatility)}, `
      + `range ${formatAmount(trend.range)}${extremes(summary)}.`,
    ...(rows.length === 0 ? [] : ['', table(['Service', `Cost (${summary.unit})`, 'Share'], rows, ['left', 'right', 'right'])]),
  ].join('\n');
}

/** One breakdown: its top groups with shares and their change over the period before, and one "other" line. */
function breakdownSection(section: CostBreakdownSection): string {
  const named = [...section.top, ...section.other.groups].some(group => group.name !== undefined);
  const rows = section.top.map(group => [
    group.key === '' ? '(none)' : group.key,
    ...(named ? [group.name ?? ''] : []),
    formatAmount(group.amount),
    `${group.sharePercentage}%`,
    changeText(group.change),
  ]);
  if (section.other.count > 0) {
    rows.push([`${section.other.count} other`, ...(named ? [''] : []), formatAmount(section.other.amount), `${section.other.sharePercentage}%`, changeText(section.other.change)]);
  }
  const last = section.periods[section.periods.length - 1];
  return [
    `## Spend by ${section.label}`,
    '',
    `Total ${section.metric}: **${formatAmount(section.total)} ${section.unit}** over ${section.periods.length} periods`
      + `${last === undefined ? '' : `; the period from ${last.start} against the one before: ${changeText(section.change)}`}.`,
    '',
    table(
      [section.label, ...(named ? ['Name'] : []), `Cost (${section.unit})`, 'Share', 'Change'],
      rows,
      ['left', ...(named ? ['left' as const] : []), 'right', 'right', 'right'],
    ),
  ].join('\n');
}

/** `+12.50% (up)`, or `n/a` when there is nothing to compare with. */
function changeText(change: PeriodChange): string {
  return change.changePercentage === undefined ? 'n/a' : `${signed(change.changePercentage)}% (${change.direction})`;
}

function extremes(summary: CostSummary): string {
  const { minimum, maximum } = summary.trend;
  if (minimum === undefined || maximum === undefined) {
    return '';
  }
  return ` (lowest ${formatAmount(minimum.amount)} on ${minimum.start}, highest ${formatAmount(maximum.amount)} on ${maximum.start})`;
}

function forecastSection(forecast: ForecastSummary): string {
  const interval = forecast.totalLowerBound !== undefined && forecast.totalUpperBound !== undefined
    ? `, prediction interval ${formatAmount(forecast.totalLowerBound)} to ${formatAmount(forecast.totalUpperBound)}`
    : '';
  const rows = forecast.periods.map(period => [
    `${period.start} to ${period.end}`,
    formatAmount(period.mean),
    period.lowerBound === undefined ? 'n/a' : formatAmount(period.lowerBound),
    period.upperBound === undefined ? 'n/a' : formatAmount(period.upperBound),
  ]);
  return [
    '## Forecast',
    '',
    `Forecast: **${formatAmount(forecast.total)} ${forecast.unit}**${interval}.`,
    '',
    table(['Period', 'Mean', 'Lower bound', 'Upper bound'], rows, ['left', 'right', 'right', 'right']),
  ].join('\n');
}

function anomaliesSection(anomalies: AnomalySummary, topCount: number): string {
  if (anomalies.count === 0) {
    return '## Anomalies\n\nNo cost anomalies in the period.';
  }
  const rows = anomalies.anomalies.slice(0, topCount).map(anomaly => [
    anomaly.id,
    `${anomaly.startDate ?? '?'} to ${anomaly.endDate ?? 'ongoing'}`,
    formatAmount(anomaly.totalImpact),
    anomaly.rootCauses.map(cause => [cause.service, cause.region, cause.linkedAccount, cause.usageType].filter(Boolean).join(' / ')).join('; ') || 'none given',
  ]);
  return [
    '## Anomalies',
    '',
    `${anomalies.count} ${anomalies.count === 1 ? 'anomaly' : 'anomalies'}, total impact **${formatAmount(anomalies.totalImpact)} USD**.`,
    '',
    table(['Anomaly', 'Dates', 'Impact (USD)', 'Root causes'], rows, ['left', 'left', 'right', 'left']),
  ].join('\n');
}

function opportunitiesSection(report: OptimizationReport, topCount: number): string {
  if (report.opportunities.length === 0) {
    return '## Top opportunities\n\nNo opportunities met the thresholds.';
  }
  const shown = report.opportunities.slice(0, topCount);
  const rows = shown.map(opportunity => [
    String(opportunity.rank),
    typeLabel(opportunity.type),
    opportunity.resourceId,
    opportunity.accountId,
    opportunity.region,
    formatExactAmount(opportunity.monthlySavings),
    `${opportunity.savingsPercentage}%`,
    formatExactAmount(opportunity.upfrontCost),
    opportunity.effort,
    opportunity.risk,
    opportunity.priorityScore,
    opportunity.action,
  ]);
  const remainder = report.opportunities.length - shown.length;
  return [
    '## Top opportunities',
    '',
    table(
      ['#', 'Type', 'Resource', 'Account', 'Region', `Monthly savings (${report.currency})`, 'Savings', `Upfront (${report.currency})`, 'Effort', 'Risk', 'Score', 'Action'],
      rows,
      ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left', 'left', 'right', 'left'],
    ),
    ...(remainder > 0 ? ['', `${remainder} more in the JSON and CSV reports.`] : []),
  ].join('\n');
}

function typesSection(report: OptimizationReport): string {
  if (report.totalsByType.length === 0) {
    return '## Savings by type\n\nNone.';
  }
  const rows = report.totalsByType.map(totals => [
    typeLabel(totals.type), String(totals.count), formatAmount(totals.monthlySavings), formatAmount(totals.upfrontCost),
  ]);
  const excluded = report.excluded.duplicates + report.excluded.belowThresholds > 0
    ? `\n\nSet aside: ${report.excluded.duplicates} duplicates, ${report.excluded.belowThresholds} below thresholds.`
    : '';
  return `## Savings by type\n\n${table(['Type', 'Count', `Monthly savings (${report.currency})`, `Upfront (${report.currency})`], rows, ['left', 'right', 'right', 'right'])}${excluded}`;
}

function failedSourcesSection(report: OptimizationReport): string {
  if (report.failedSources.length === 0) {
    return '## Failed sources\n\nNone: every source answered.';
  }
  const lines = report.failedSources.map(failure => `- **${escapeInline(failure.source)}**: ${escapeInline(failure.errorName)}: ${escapeInline(failure.errorMessage)}`);
  return `## Failed sources\n\nThese sources failed, so their opportunities are missing from this report:\n\n${lines.join('\n')}`;
}

type Alignment = 'left' | 'right';

/** A GitHub-flavoured Markdown table; cells are escaped so text from AWS cannot break its structure. */
export function table(headers: readonly string[], rows: readonly string[][], alignments: readonly Alignment[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const separator = `|${alignments.map(alignment => (alignment === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(headers), separator, ...rows.map(line)].join('\n');
}

/**
 * Escapes text for a table cell: backslashes and pipes (cell separators) are escaped, line
 * breaks become spaces, and `<` `>` become entities so tag values cannot inject HTML.
 */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

function escapeInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function signed(percentage: string): string {
  return percentage.startsWith('-') ? percentage : `+${percentage}`;
}

import type { CostBreakdownSection } from './cost-breakdown';
import type { OptimizationReport } from './report';
import { csvField, csvRecord, guardedField } from './report-csv';

/** The cost CSV's header, in column order. */
const COST_HEADERS: readonly string[] = [
  'breakdown_type', 'breakdown_key', 'group', 'group_name', 'period_start', 'period_end', 'estimated', 'metric', 'unit', 'amount',
];

/**
 * The cost analysis for a finance team: one row per breakdown, group and period, every group
 * (not only the top ones), RFC 4180 with CRLF. `amount` is exact, as Cost Explorer's strings add
 * up, so a pivot of one breakdown sums to its period totals and total to the last digit. Group
 * values (tag values can be anything) are guarded against spreadsheet formulas; `''` is untagged.
 */
export function renderCostBreakdownsCsv(report: OptimizationReport): string {
  const records = [csvRecord(COST_HEADERS)];
  for (const section of report.costBreakdowns ?? []) {
    records.push(...sectionRows(section));
  }
  return `${records.join('\r\n')}\r\n`;
}

function sectionRows(section: CostBreakdownSection): string[] {
  const groups = [...section.top, ...section.other.groups];
  return groups.flatMap(group => section.periods.map((period, index) => [
    guardedField(section.groupBy.type), guardedField(section.groupBy.key), guardedField(group.key), guardedField(group.name ?? ''),
    period.start, period.end, String(period.estimated), guardedField(section.metric), guardedField(section.unit),
    csvField(group.periodAmounts[index]),
  ].join(',')));
}

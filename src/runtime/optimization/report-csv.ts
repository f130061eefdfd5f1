import { exactAmountText, MONTHS_PER_YEAR, multiplyExact, parseExactAmount } from './exact-amount';
import type { RankedOpportunity } from './ranking';
import type { OptimizationReport } from './report';

/** RFC 4180 ends every record, the header included, with CRLF. */
const RECORD_SEPARATOR = '\r\n';

/** The CSV columns, in order, and how each is read from an opportunity. */
const COLUMNS: ReadonlyArray<{ readonly header: string; readonly value: (opportunity: RankedOpportunity) => string; readonly numeric?: boolean }> = [
  { header: 'rank', value: opportunity => String(opportunity.rank), numeric: true },
  { header: 'id', value: opportunity => opportunity.id },
  { header: 'type', value: opportunity => opportunity.type },
  { header: 'source', value: opportunity => opportunity.source },
  { header: 'account_id', value: opportunity => opportunity.accountId },
  { header: 'region', value: opportunity => opportunity.region },
  { header: 'service', value: opportunity => opportunity.service },
  { header: 'resource_id', value: opportunity => opportunity.resourceId },
  { header: 'currency', value: opportunity => opportunity.currency },
  { header: 'current_monthly_cost', value: opportunity => opportunity.currentMonthlyCost, numeric: true },
  { header: 'optimized_monthly_cost', value: opportunity => opportunity.optimizedMonthlyCost, numeric: true },
  { header: 'monthly_savings', value: opportunity => opportunity.monthlySavings, numeric: true },
  { header: 'annual_savings', value: opportunity => exactAmountText(multiplyExact(parseExactAmount(opportunity.monthlySavings, 'monthlySavings'), MONTHS_PER_YEAR)), numeric: true },
  { header: 'savings_percentage', value: opportunity => opportunity.savingsPercentage, numeric: true },
  { header: 'upfront_cost', value: opportunity => opportunity.upfrontCost, numeric: true },
  { header: 'effort', value: opportunity => opportunity.effort },
  { header: 'risk', value: opportunity => opportunity.risk },
  { header: 'priority_score', value: opportunity => opportunity.priorityScore, numeric: true },
  { header: 'action', value: opportunity => opportunity.action },
  { header: 'generated_at', value: opportunity => opportunity.generatedAt ?? '' },
];

/** Options for {@link renderReportCsv}. */
export interface CsvOptions {
  /**
   * Prefix text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
   * `@`, tab or carriage return) with `'`, so a tag value like `=HYPERLINK(...)` stays text.
   * Numeric columns are never touched. Turn off for byte-exact RFC 4180 values.
   * @default true
   */
  readonly guardFormulas?: boolean;
}

/**
 * One row per ranked opportunity, for spreadsheets: RFC 4180 (CRLF, quoted where needed), UTF-8.
 * Money columns are exact, as the sources sent them (`annual_savings` is the exact monthly amount
 * times 12), so a spreadsheet's sum of a column is exact and rounds to the report's total.
 */
export function renderReportCsv(report: OptimizationReport, options: CsvOptions = {}): string {
  const guardFormulas = options.guardFormulas ?? true;
  const header = csvRecord(COLUMNS.map(column => column.header));
  const rows = report.opportunities.map(opportunity => csvRecord(COLUMNS.map(column => {
    const value = column.value(opportunity);
    return guardFormulas && column.numeric !== true ? neutralizeFormula(value) : value;
  })));
  return [header, ...rows].map(record => `${record}${RECORD_SEPARATOR}`).join('');
}

/** A CSV record: fields joined by commas, each quoted when RFC 4180 requires it. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * One RFC 4180 field: a field containing a comma, a double quote, CR or LF is enclosed in
 * double quotes, with each double quote doubled. Leading or trailing spaces are quoted too,
 * because some readers trim them otherwise.
 */
export function csvField(value: string): string {
  // `\s` at either end is exactly what `trim()` would remove.
  if (/[",\r\n]|^\s|\s$/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

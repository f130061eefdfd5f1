import type { OrganizationSection } from './organization-merge';
import {
  csvRecord, escapeCell, formatAmount, renderReportCsv, renderReportMarkdown, REPORT_CONTENT_TYPES, reportObjectKey, table,
  type OptimizationReport, type ReportFormat, type ReportObject,
} from '../optimization';

/** Opportunities each account's section lists; the CSV holds them all. */
const OPPORTUNITIES_PER_ACCOUNT = 10;

/**
 * The organization-wide run's report in every format, under the keys of the account that runs the
 * pipeline: the single-account report (every account's findings ranked together, every account
 * and Region that failed named) with the organization section added: totals by account, by OU and
 * by business unit, then a section per account. The business-unit totals also go to their own CSV
 * (`<report>-business-units.csv`) next to the opportunities' one, so each CSV stays one table.
 */
export function organizationReportObjects(
  report: OptimizationReport,
  organization: OrganizationSection,
  optimizer: string,
  prefix: string,
): ReportObject[] {
  const bodies: Partial<Record<ReportFormat, string>> = {
    json: `${JSON.stringify({ ...report, organization }, null, 2)}\n`,
    md: `${renderReportMarkdown(report).trimEnd()}\n\n${renderOrganizationMarkdown(report, organization)}`,
    csv: renderReportCsv(report),
  };
  const run = { accountId: report.accountId, optimizer, runAt: report.generatedAt };
  const objects = (Object.keys(bodies) as ReportFormat[]).map((format) => ({
    key: reportObjectKey(run, format, prefix),
    body: bodies[format]!,
    contentType: REPORT_CONTENT_TYPES[format],
  }));
  if (organization.businessUnits === undefined) return objects;
  return [...objects, {
    key: reportObjectKey(run, 'csv', prefix).replace(/\.csv$/, '-business-units.csv'),
    body: renderBusinessUnitsCsv(report.currency, organization),
    contentType: REPORT_CONTENT_TYPES.csv,
  }];
}

/** Totals by business unit, one RFC 4180 record each (CRLF), amounts exact as the report's totals. */
export function renderBusinessUnitsCsv(currency: string, organization: OrganizationSection): string {
  const records = [
    csvRecord(['cost_category', 'business_unit', 'accounts', 'opportunities', 'currency', 'monthly_savings', 'annual_savings', 'upfront_cost']),
    ...(organization.businessUnits ?? []).map((unit) => csvRecord([
      organization.businessUnitCostCategory ?? '', unit.businessUnit, String(unit.accounts), String(unit.count), currency,
      unit.monthlySavings, unit.annualSavings, unit.upfrontCost,
    ])),
  ];
  return `${records.join('\r\n')}\r\n`;
}

/** The organization section in Markdown. */
export function renderOrganizationMarkdown(report: OptimizationReport, organization: OrganizationSection): string {
  const currency = report.currency;
  const withUnits = organization.businessUnits !== undefined;
  const accountRows = organization.accounts.map((account) => [
    account.accountId, account.accountName, account.organizationalUnitId ?? '',
    ...(withUnits ? [account.businessUnit ?? ''] : []), String(account.count),
    formatAmount(account.monthlySavings), account.regionsNotScanned.length === 0 ? 'all' : `not ${account.regionsNotScanned.join(', ')}`,
  ]);
  const accountHeaders = ['Account', 'Name', 'OU', ...(withUnits ? ['Business unit'] : []), 'Opportunities', `Monthly savings (${currency})`, 'Regions'];
  const sections = [
    `## By account\n\n${markdownTable(accountHeaders, accountRows)}`,
    organization.organizationalUnits.length === 0 ? undefined : `## By organizational unit\n\n${markdownTable(
      ['OU', 'Accounts', 'Opportunities', `Monthly savings (${currency})`],
      organization.organizationalUnits.map((unit) => [
        unit.organizationalUnitId, String(unit.accounts), String(unit.count), formatAmount(unit.monthlySavings),
      ]),
    )}`,
    organization.businessUnits === undefined ? undefined : `## By business unit (${escapeCell(organization.businessUnitCostCategory ?? '')})\n\n${markdownTable(
      ['Business unit', 'Accounts', 'Opportunities', `Monthly savings (${currency})`],
      organization.businessUnits.map((unit) => [unit.businessUnit, String(unit.accounts), String(unit.count), formatAmount(unit.monthlySavings)]),
    )}`,
    ...organization.accounts.map((account) => accountSection(report, account.accountId, account.accountName)),
  ];
  return `${sections.filter((section): section is string => section !== undefined).join('\n\n')}\n`;
}

function accountSection(report: OptimizationReport, accountId: string, accountName: string): string {
  const opportunities = report.opportunities.filter((opportunity) => opportunity.accountId === accountId);
  const failures = report.failedSources.filter((failed) => failed.source.includes(accountId));
  const title = `## Account ${accountId}${accountName ? ` (${escapeCell(accountName)})` : ''}`;
  const listed = opportunities.slice(0, OPPORTUNITIES_PER_ACCOUNT).map((opportunity) => [
    String(opportunity.rank), opportunity.region, opportunity.resourceId, opportunity.action, formatAmount(opportunity.monthlySavings),
  ]);
  return [
    title,
    opportunities.length === 0 ? 'No opportunity found.' : markdownTable(['Rank', 'Region', 'Resource', 'Action', `Monthly savings (${report.currency})`], listed),
    opportunities.length > OPPORTUNITIES_PER_ACCOUNT ? `${opportunities.length - OPPORTUNITIES_PER_ACCOUNT} more in the CSV.` : undefined,
    ...failures.map((failed) => `- Not scanned: ${escapeCell(failed.source)}: ${escapeCell(failed.errorName)}`),
  ].filter((line): line is string => line !== undefined).join('\n\n');
}

function markdownTable(headers: readonly string[], rows: readonly string[][]): string {
  return table(headers, rows, headers.map((_header, index) => (index === 0 ? 'left' : 'right')));
}

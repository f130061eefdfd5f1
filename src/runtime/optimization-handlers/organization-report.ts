import type { OrganizationSection } from './organization-merge';
import {
  escapeCell, formatAmount, renderReportCsv, renderReportMarkdown, REPORT_CONTENT_TYPES, reportObjectKey, table,
  type OptimizationReport, type ReportFormat, type ReportObject,
} from '../optimization';

/** Opportunities each account's section lists; the CSV holds them all. */
const OPPORTUNITIES_PER_ACCOUNT = 10;

/**
 * The organization-wide run's report in every format, under the keys of the account that runs the
 * pipeline: the single-account report (every account's findings ranked together, every account
 * and Region that failed named) with the organization section added: totals by account and by
 * OU, then a section per account.
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
  return (Object.keys(bodies) as ReportFormat[]).map((format) => ({
    key: reportObjectKey(run, format, prefix),
    body: bodies[format]!,
    contentType: REPORT_CONTENT_TYPES[format],
  }));
}

/** The organization section in Markdown. */
export function renderOrganizationMarkdown(report: OptimizationReport, organization: OrganizationSection): string {
  const currency = report.currency;
  const accountRows = organization.accounts.map((account) => [
    account.accountId, account.accountName, account.organizationalUnitId ?? '', String(account.count),
    formatAmount(account.monthlySavings), account.regionsNotScanned.length === 0 ? 'all' : `not ${account.regionsNotScanned.join(', ')}`,
  ]);
  const sections = [
    `## By account\n\n${markdownTable(['Account', 'Name', 'OU', 'Opportunities', `Monthly savings (${currency})`, 'Regions'], accountRows)}`,
    organization.organizationalUnits.length === 0 ? undefined : `## By organizational unit\n\n${markdownTable(
      ['OU', 'Accounts', 'Opportunities', `Monthly savings (${currency})`],
      organization.organizationalUnits.map((unit) => [
        unit.organizationalUnitId, String(unit.accounts), String(unit.count), formatAmount(unit.monthlySavings),
      ]),
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

import type { OptimizationReport } from './report';
import { formatAmount, formatExactAmount, typeLabel } from './report-text';

/**
 * SNS limits: a subject is at most 100 characters of printable ASCII; a message at most 256 KB.
 * @see https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 */
export const SNS_MAX_SUBJECT_LENGTH = 100;
export const SNS_MAX_MESSAGE_BYTES = 262_144;

/** Options for {@link snsSummary}. */
export interface SnsSummaryOptions {
  /** Opportunities listed. @default 5 */
  readonly topCount?: number;
  /** Where the full report is, e.g. `s3://bucket/reports/...`, added as the last line. */
  readonly reportLocation?: string;
  /** @default SNS_MAX_MESSAGE_BYTES */
  readonly maxMessageBytes?: number;
}

/** An SNS notification. */
export interface SnsNotification {
  readonly subject: string;
  readonly message: string;
}

/**
 * The notification of a run: total potential monthly savings and the top opportunities, within
 * SNS limits. If the message would be too large, opportunities are dropped from the end (and
 * counted), then the text is cut on a character boundary.
 */
export function snsSummary(report: OptimizationReport, options: SnsSummaryOptions = {}): SnsNotification {
  const maxBytes = options.maxMessageBytes ?? SNS_MAX_MESSAGE_BYTES;
  const top = report.opportunities.slice(0, options.topCount ?? 5);
  const subject = snsSubject(`FinOps ${report.accountId}: ${formatAmount(report.totals.monthlySavings)} ${report.currency}/month potential savings`);
  let listed = top.length;
  let message = composeMessage(report, top.slice(0, listed), options.reportLocation);
  while (byteLength(message) > maxBytes && listed > 0) {
    listed -= 1;
    message = composeMessage(report, top.slice(0, listed), options.reportLocation);
  }
  return { subject, message: truncateToBytes(message, maxBytes) };
}

/** Makes text a valid SNS subject: printable ASCII only (others become `?`), one line, at most 100 characters. */
export function snsSubject(text: string): string {
  const ascii = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  return ascii.length <= SNS_MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, SNS_MAX_SUBJECT_LENGTH - 3)}...`;
}

function composeMessage(report: OptimizationReport, listed: OptimizationReport['opportunities'], reportLocation: string | undefined): string {
  const totals = report.totals;
  const currency = report.currency;
  const lines = [
    `Cost optimization report for account ${report.accountId}, run ${report.runDate}.`,
    `Potential savings: ${formatAmount(totals.monthlySavings)} ${currency} per month (${formatAmount(totals.annualSavings)} ${currency} per year) `
      + `from ${totals.count} ${totals.count === 1 ? 'opportunity' : 'opportunities'}; upfront cost ${formatAmount(totals.upfrontCost)} ${currency}.`,
  ];
  if (listed.length > 0) {
    lines.push('', `Top ${listed.length}:`);
    for (const opportunity of listed) {
      lines.push(`${opportunity.rank}. ${typeLabel(opportunity.type)}: ${formatExactAmount(opportunity.monthlySavings)} ${currency}/month, `
        + `${opportunity.action} (${opportunity.accountId}, ${opportunity.region}; effort ${opportunity.effort}, risk ${opportunity.risk})`);
    }
  }
  const unlisted = totals.count - listed.length;
  if (unlisted > 0) {
    lines.push(`...and ${unlisted} more in the full report.`);
  }
  if (report.failedSources.length > 0) {
    lines.push('', `Failed sources (their findings are missing): ${report.failedSources.map(failure => `${failure.source} (${failure.errorName})`).join(', ')}.`);
  }
  lines.push('', `Cost Explorer requests: ${report.costExplorerRequests.requestCount} (${report.costExplorerRequests.costUsd} USD).`);
  if (reportLocation !== undefined) {
    lines.push(`Full report: ${reportLocation}`);
  }
  return `${lines.join('\n')}\n`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) {
    return text;
  }
  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = byteLength(character);
    if (bytes + size > maxBytes) {
      break;
    }
    result += character;
    bytes += size;
  }
  return result;
}

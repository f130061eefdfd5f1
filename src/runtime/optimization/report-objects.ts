import { assertAccountId, assertRunDate, OptimizationReport } from './report';
import { renderReportCsv } from './report-csv';
import { renderReportJson } from './report-json';
import { renderReportMarkdown } from './report-markdown';

/** The report formats, by file extension. */
export type ReportFormat = 'json' | 'md' | 'csv';

/** The content type each format is stored with. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** Where reports go in the bucket, unless told otherwise. */
export const DEFAULT_REPORT_PREFIX = 'reports';

/**
 * The S3 key of a report: `<prefix>/<account>/<yyyy>/<mm>/<dd>/optimization.<format>`.
 *
 * It depends only on the account and the run date, so a rerun on the same day overwrites the
 * day's report instead of adding a second one, and keys sort by date.
 */
export function reportObjectKey(accountId: string, runDate: string, format: ReportFormat, prefix: string = DEFAULT_REPORT_PREFIX): string {
  assertAccountId(accountId);
  assertRunDate(runDate);
  const [year, month, day] = runDate.split('-');
  const trimmedPrefix = prefix.replace(/^\/+|\/+$/g, '');
  return `${trimmedPrefix === '' ? '' : `${trimmedPrefix}/`}${accountId}/${year}/${month}/${day}/optimization.${format}`;
}

/** One S3 object to write. */
export interface ReportObject {
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
}

/** The report in every format, with keys and content types, ready for PutObject. */
export function reportObjects(report: OptimizationReport, prefix: string = DEFAULT_REPORT_PREFIX): ReportObject[] {
  const bodies: Record<ReportFormat, string> = {
    json: renderReportJson(report),
    md: renderReportMarkdown(report),
    csv: renderReportCsv(report),
  };
  return (Object.keys(bodies) as ReportFormat[]).map(format => ({
    key: reportObjectKey(report.accountId, report.runDate, format, prefix),
    body: bodies[format],
    contentType: REPORT_CONTENT_TYPES[format],
  }));
}

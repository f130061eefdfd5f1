import { assertAccountId, OptimizationReport } from './report';
import { renderCostBreakdownsCsv } from './report-cost-csv';
import { renderReportCsv } from './report-csv';
import { renderReportJson } from './report-json';
import { renderReportMarkdown } from './report-markdown';

/** The report formats, by file extension; `costs.csv` only for a report with cost breakdowns. */
export type ReportFormat = 'json' | 'md' | 'csv' | 'costs.csv';

/** The content type each format is stored with. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  'json': 'application/json',
  'md': 'text/markdown; charset=utf-8',
  'csv': 'text/csv; charset=utf-8; header=present',
  'costs.csv': 'text/csv; charset=utf-8; header=present',
};

/** Where reports go in the bucket, unless told otherwise. */
export const DEFAULT_REPORT_PREFIX = 'reports';

/** Optimizer names as the construct sets them (`cost-analysis`, `storage`...): safe in a key, never a path. */
const OPTIMIZER_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Which run a report belongs to: what tells its keys from every other run's. */
export interface ReportRun {
  /** The 12-digit account the report is about. */
  readonly accountId: string;
  /** The optimizer that wrote it, e.g. `storage`. */
  readonly optimizer: string;
  /** The moment the run is about (the schedule's `scheduledTime`), ISO-8601 or a Date. */
  readonly runAt: string | Date;
}

/**
 * The S3 key of a report:
 * `<prefix>/<account>/<yyyy>/<mm>/<dd>/<optimizer>-<HHMMSS>Z.<format>` (UTC).
 *
 * Optimizers that run the same day (cost analysis, rightsizing and storage on a Monday) write
 * distinct keys, and so do two runs of one optimizer at different moments. A retried
 * invocation of the same scheduled run carries the same `scheduledTime`, so it rewrites the
 * same keys: a rerun neither loses nor duplicates a report. Keys sort by date.
 */
export function reportObjectKey(run: ReportRun, format: ReportFormat, prefix: string = DEFAULT_REPORT_PREFIX): string {
  assertAccountId(run.accountId);
  if (!OPTIMIZER_NAME_PATTERN.test(run.optimizer)) {
    throw new Error(`An optimizer name is lowercase words joined by "-"; got ${JSON.stringify(run.optimizer)}`);
  }
  const moment = new Date(run.runAt);
  if (Number.isNaN(moment.getTime())) {
    throw new Error(`A report's run moment is a date; got ${JSON.stringify(run.runAt)}`);
  }
  const [date, time] = moment.toISOString().split('T');
  const [year, month, day] = date.split('-');
  const clock = time.slice(0, 8).replace(/:/g, '');
  const trimmedPrefix = prefix.replace(/^\/+|\/+$/g, '');
  return `${trimmedPrefix === '' ? '' : `${trimmedPrefix}/`}${run.accountId}/${year}/${month}/${day}/${run.optimizer}-${clock}Z.${format}`;
}

/** One S3 object to write. */
export interface ReportObject {
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
}

/**
 * The report in every format, with keys and content types, ready for PutObject. The keys name
 * the account, the optimizer and the run's moment (`report.generatedAt`, see {@link reportObjectKey}).
 */
export function reportObjects(report: OptimizationReport, optimizer: string, prefix: string = DEFAULT_REPORT_PREFIX): ReportObject[] {
  const bodies: Partial<Record<ReportFormat, string>> = {
    json: renderReportJson(report),
    md: renderReportMarkdown(report),
    csv: renderReportCsv(report),
    ...(report.costBreakdowns === undefined ? {} : { 'costs.csv': renderCostBreakdownsCsv(report) }),
  };
  const run = { accountId: report.accountId, optimizer, runAt: report.generatedAt };
  return (Object.keys(bodies) as ReportFormat[]).map(format => ({
    key: reportObjectKey(run, format, prefix),
    body: bodies[format]!,
    contentType: REPORT_CONTENT_TYPES[format],
  }));
}

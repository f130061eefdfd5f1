import { describeList, isUnresolved, RuleViolation } from '../../core/validation';
import { BILLING_PERIOD_PARTITION, QueryableTable } from '../../cur/private/tables';
import { CostBreakdown, CostBreakdownKind, CostGranularity, CostMetric } from '../cost-analysis-options';
import { CostDataSource } from '../cost-data-source';

/**
 * The CUR 2.0 column of each Cost Explorer dimension the Athena mode breaks costs down by. Columns
 * as the library's CUR 2.0 table declares them (src/cur/private/table-dictionary.ts). SERVICE is the
 * product code ("AmazonEC2"), as the report's own cost-by-service named query groups it; Cost
 * Explorer names services ("Amazon Elastic Compute Cloud - Compute"), so the keys differ by mode.
 *
 * Tags and cost categories are not offered: their value is a map lookup by a user's key, and "?
 * parameters can be placed only in the WHERE clause. Syntax like SELECT ? FROM table is not
 * supported" (https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html),
 * so the key would have to be written into the SQL.
 */
export const ATHENA_BREAKDOWN_COLUMNS: Readonly<Record<string, string>> = {
  SERVICE: 'line_item_product_code',
  LINKED_ACCOUNT: 'line_item_usage_account_id',
  REGION: 'product_region_code',
  USAGE_TYPE: 'line_item_usage_type',
  INSTANCE_TYPE: 'product_instance_type',
};

/**
 * Columns that name a group's value, where the CUR has one: Cost Explorer names linked accounts
 * (DimensionValueAttributes), and the Athena mode reads the same names when the export has them.
 */
const ATHENA_NAME_COLUMNS: Readonly<Record<string, string>> = {
  LINKED_ACCOUNT: 'line_item_usage_account_name',
};

/**
 * The CUR 2.0 column each metric sums, where one column is the metric. Amortized costs are an
 * expression over several columns by line item type that no AWS page we read states for CUR 2.0,
 * so AMORTIZED_COST and NET_AMORTIZED_COST are refused rather than guessed.
 */
export const ATHENA_METRIC_COLUMNS: Readonly<Partial<Record<CostMetric, string>>> = {
  [CostMetric.UNBLENDED_COST]: 'line_item_unblended_cost',
  [CostMetric.BLENDED_COST]: 'line_item_blended_cost',
  [CostMetric.NET_UNBLENDED_COST]: 'line_item_net_unblended_cost',
  [CostMetric.USAGE_QUANTITY]: 'line_item_usage_amount',
};

/** The column every query filters and (DAILY) groups by. */
const USAGE_START_COLUMN = 'line_item_usage_start_date';

/** One breakdown's query: run by the cost analysis, and saved as a named query. */
export interface AthenaCostQuery {
  /** The Cost Explorer GroupBy the rows answer, so the report sections match the Cost Explorer mode. */
  readonly groupBy: { readonly Type: string; readonly Key: string };
  /** Short and unique per analysis, e.g. "cost-analysis-by-linked-account". */
  readonly id: string;
  /**
   * Four `?` parameters, all in the WHERE clause: first and last billing period (`'YYYY-MM'`), first
   * day and day after the last (`'YYYY-MM-DD'`). Rows: period, group_key, amount (exact decimal text)
   * and, for linked accounts, group_name.
   */
  readonly sql: string;
}

/** What the pipeline needs to run, save and grant the Athena mode's queries. */
export interface AthenaCostPlan {
  readonly table: QueryableTable;
  readonly queries: AthenaCostQuery[];
}

/** The choices of a cost analysis the Athena mode has rules for. */
export interface AthenaCostChoices {
  readonly source: CostDataSource;
  readonly breakdowns: readonly CostBreakdown[];
  readonly metric: CostMetric;
  readonly granularity: CostGranularity;
  readonly hasFilter: boolean;
}

/** The queries of an analysis in Athena mode, or why it cannot run there. */
export function planAthenaCostQueries(choices: AthenaCostChoices): { plan?: AthenaCostPlan; violations: RuleViolation[] } {
  const report = choices.source.report!;
  const table = chooseTable(report._tables, choices.source.tableName);
  if (!('tableName' in table)) {
    return { violations: [table] };
  }
  const metricColumn = ATHENA_METRIC_COLUMNS[choices.metric];
  const violations: RuleViolation[] = [
    ...(metricColumn === undefined ? [{
      value: choices.metric,
      rule: `the Athena mode sums one CUR 2.0 column per metric: ${describeList(Object.keys(ATHENA_METRIC_COLUMNS))}`,
      fix: 'pick one of these metrics, or read amortized costs from Cost Explorer',
    }] : []),
    ...(choices.hasFilter ? [{
      value: 'filter',
      rule: 'the Athena mode analyses every cost in the table (a CostFilter is a Cost Explorer expression)',
      fix: 'leave filter out, or use the Cost Explorer mode',
    }] : []),
    ...choices.breakdowns.flatMap(breakdownViolations),
    ...missingColumnViolations(table, [metricColumn, USAGE_START_COLUMN, ...choices.breakdowns.map(columnOf)]),
  ];
  if (!table.partitionKeys.includes(BILLING_PERIOD_PARTITION)) {
    violations.push({ value: table.partitionKeys, rule: `a CUR 2.0 table is partitioned by ${BILLING_PERIOD_PARTITION}`, fix: 'query a table the CurReport made' });
  }
  if (violations.length > 0) {
    return { violations };
  }
  const from = `"${report.databaseName}"."${table.tableName}"`;
  return {
    violations: [],
    plan: {
      table,
      queries: choices.breakdowns.map((breakdown) => ({
        groupBy: { Type: breakdown.kind, Key: breakdown.key },
        id: `cost-analysis-by-${breakdown.key.toLowerCase().replace(/_/g, '-')}`,
        sql: costQuerySql(from, columnOf(breakdown)!, metricColumn!, choices.granularity, nameColumnOf(breakdown, table)),
      })),
    },
  };
}

/**
 * Grouped by period and group, each amount summed as DECIMAL so it comes back as exact text (the
 * columns are double); partitions pruned by billing period, line items kept to the analysed days.
 * Identifiers come only from the fixed mappings above; every value is a `?` in the WHERE clause.
 */
export function costQuerySql(from: string, groupColumn: string, metricColumn: string, granularity: CostGranularity, nameColumn?: string): string {
  const period = granularity === CostGranularity.DAILY ? `date_format(${USAGE_START_COLUMN}, '%Y-%m-%d')` : BILLING_PERIOD_PARTITION;
  return [
    `SELECT ${period} AS period, coalesce(${groupColumn}, '') AS group_key,`,
    `  CAST(sum(CAST(${metricColumn} AS DECIMAL(38, 10))) AS VARCHAR) AS amount${nameColumn === undefined ? '' : ','}`,
    ...(nameColumn === undefined ? [] : [`  max(${nameColumn}) AS group_name`]),
    `FROM ${from}`,
    `WHERE ${BILLING_PERIOD_PARTITION} BETWEEN ? AND ?`,
    `  AND ${USAGE_START_COLUMN} >= CAST(? AS TIMESTAMP) AND ${USAGE_START_COLUMN} < CAST(? AS TIMESTAMP)`,
    'GROUP BY 1, 2',
    'ORDER BY 1, 2',
  ].join('\n');
}

function chooseTable(tables: readonly QueryableTable[], tableName: string | undefined): QueryableTable | RuleViolation {
  const cur2Tables = tables.filter((table) => table.kind === 'cur2');
  if (tableName !== undefined && !isUnresolved(tableName)) {
    return cur2Tables.find((table) => table.tableName === tableName) ?? {
      value: tableName,
      rule: `the Athena mode queries a CUR 2.0 table of the CurReport (it has ${describeList(cur2Tables.map((table) => table.tableName))})`,
      fix: 'name one of these tables, or add CurExport.cur2(...) to the report',
    };
  }
  if (cur2Tables.length === 1) {
    return cur2Tables[0];
  }
  return cur2Tables.length === 0
    ? { value: tables.map((table) => table.tableName), rule: 'the Athena mode queries a CUR 2.0 table, and the CurReport has none', fix: 'add CurExport.cur2(...) (Parquet, OVERWRITE_REPORT) to the report' }
    : { value: cur2Tables.map((table) => table.tableName), rule: 'the Athena mode queries one CUR 2.0 table', fix: 'name the table in CostDataSource.athena(report, { tableName })' };
}

function columnOf(breakdown: CostBreakdown): string | undefined {
  return breakdown.kind === CostBreakdownKind.DIMENSION ? ATHENA_BREAKDOWN_COLUMNS[breakdown.key] : undefined;
}

function nameColumnOf(breakdown: CostBreakdown, table: QueryableTable): string | undefined {
  const column = breakdown.kind === CostBreakdownKind.DIMENSION ? ATHENA_NAME_COLUMNS[breakdown.key] : undefined;
  return column !== undefined && table.columns.includes(column) ? column : undefined;
}

function breakdownViolations(breakdown: CostBreakdown): RuleViolation[] {
  return columnOf(breakdown) !== undefined ? [] : [{
    value: `${breakdown.kind} ${breakdown.key}`,
    rule: `the Athena mode breaks costs down by the dimensions ${describeList(Object.keys(ATHENA_BREAKDOWN_COLUMNS))}`,
    fix: 'break down by one of these, or use the Cost Explorer mode for tags, cost categories and other dimensions',
  }];
}

function missingColumnViolations(table: QueryableTable, columns: ReadonlyArray<string | undefined>): RuleViolation[] {
  const missing = [...new Set(columns.filter((column): column is string => column !== undefined && !table.columns.includes(column)))];
  return missing.length === 0 ? [] : [{
    value: missing,
    rule: `the queries read columns the table ${table.tableName} lacks`,
    fix: 'add them to the CUR 2.0 export\'s columns, or leave out the breakdowns that read them',
  }];
}

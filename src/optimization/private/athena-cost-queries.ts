import { athenaFilterCondition, AthenaCondition, AthenaMapKey, AthenaQueryParameter } from './athena-cost-filter';
import { CostFilter } from '../../core/cost-filter';
import { describeList, isUnresolved, RuleViolation } from '../../core/validation';
import { BILLING_PERIOD_PARTITION, QueryableTable } from '../../cur/private/tables';
import { CostBreakdown, CostBreakdownKind, CostGranularity, CostMetric } from '../cost-analysis-options';
import { CostDataSource } from '../cost-data-source';

/**
 * The CUR 2.0 column of each Cost Explorer dimension the Athena mode breaks costs down by. Columns
 * as the library's CUR 2.0 table declares them (src/cur/private/table-dictionary.ts). SERVICE is the
 * product code ("AmazonEC2"), as the report's own cost-by-service named query groups it; Cost
 * Explorer names services ("Amazon Elastic Compute Cloud - Compute"), so the keys differ by mode.
 * Tags and cost categories are map columns, read by {@link mapKeyOf}.
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
 * The CUR 2.0 column each metric sums, where one column is the metric. AMORTIZED_COST is the
 * expression of {@link AMORTIZED_COST_SQL}; NET_AMORTIZED_COST is refused: no AWS source we read
 * states its expression over CUR 2.0 columns.
 */
export const ATHENA_METRIC_COLUMNS: Readonly<Partial<Record<CostMetric, string>>> = {
  [CostMetric.UNBLENDED_COST]: 'line_item_unblended_cost',
  [CostMetric.BLENDED_COST]: 'line_item_blended_cost',
  [CostMetric.NET_UNBLENDED_COST]: 'line_item_net_unblended_cost',
  [CostMetric.USAGE_QUANTITY]: 'line_item_usage_amount',
};

/**
 * Amortized cost per line item, as the AWS Well-Architected Labs' CUR Query Library computes it
 * ("It closely matches Cost Explorer result when "show costs as" amortized cost is selected"):
 * awslabs/aws-well-architected-labs, static/Cost/300_CUR_Queries/Code/Global/amortized_cost_by_charge_type.sql
 * (https://github.com/awslabs/aws-well-architected-labs/blob/master/static/Cost/300_CUR_Queries/Code/Global/amortized_cost_by_charge_type.sql):
 *
 *   WHEN (line_item_line_item_type = 'SavingsPlanCoveredUsage') THEN savings_plan_savings_plan_effective_cost
 *   WHEN (line_item_line_item_type = 'SavingsPlanRecurringFee') THEN round((savings_plan_total_commitment_to_date - savings_plan_used_commitment),8)
 *   WHEN (line_item_line_item_type = 'SavingsPlanNegation') THEN 0
 *   WHEN (line_item_line_item_type = 'SavingsPlanUpfrontFee') THEN 0
 *   WHEN (line_item_line_item_type = 'DiscountedUsage') THEN reservation_effective_cost
 *   WHEN (line_item_line_item_type = 'RIFee') THEN (reservation_unused_amortized_upfront_fee_for_billing_period + reservation_unused_recurring_fee)
 *   WHEN ((line_item_line_item_type = 'Fee') AND (reservation_reservation_a_r_n <> '')) THEN 0 ELSE line_item_unblended_cost END
 *
 * Written for the legacy CUR, whose columns CUR 2.0 keeps under the same names. Here each column is
 * read as DECIMAL (exact, no round) and a missing fee counts as 0.
 */
const AMORTIZED_COST_SQL = [
  'CASE',
  `    WHEN line_item_line_item_type = 'SavingsPlanCoveredUsage' THEN ${exact('savings_plan_savings_plan_effective_cost')}`,
  `    WHEN line_item_line_item_type = 'SavingsPlanRecurringFee' THEN ${exact('savings_plan_total_commitment_to_date')} - ${exact('savings_plan_used_commitment')}`,
  "    WHEN line_item_line_item_type IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee') THEN 0",
  `    WHEN line_item_line_item_type = 'DiscountedUsage' THEN ${exact('reservation_effective_cost')}`,
  `    WHEN line_item_line_item_type = 'RIFee' THEN ${exact('reservation_unused_amortized_upfront_fee_for_billing_period')} + ${exact('reservation_unused_recurring_fee')}`,
  "    WHEN line_item_line_item_type = 'Fee' AND reservation_reservation_a_r_n <> '' THEN 0",
  `    ELSE ${exact('line_item_unblended_cost')}`,
  '  END',
].join('\n');

const AMORTIZED_COST_COLUMNS = [
  'line_item_line_item_type', 'savings_plan_savings_plan_effective_cost', 'savings_plan_total_commitment_to_date', 'savings_plan_used_commitment',
  'reservation_effective_cost', 'reservation_unused_amortized_upfront_fee_for_billing_period', 'reservation_unused_recurring_fee',
  'reservation_reservation_a_r_n', 'line_item_unblended_cost',
];

/** What one line item adds to the metric, as exact DECIMAL, and the columns that reads; undefined for a metric the mode refuses. */
export function metricOf(metric: CostMetric): { readonly sql: string; readonly columns: string[] } | undefined {
  if (metric === CostMetric.AMORTIZED_COST) {
    return { sql: AMORTIZED_COST_SQL, columns: AMORTIZED_COST_COLUMNS };
  }
  const column = ATHENA_METRIC_COLUMNS[metric];
  return column === undefined ? undefined : { sql: `CAST(${column} AS DECIMAL(38, 10))`, columns: [column] };
}

function exact(column: string): string {
  return `coalesce(CAST(${column} AS DECIMAL(38, 10)), 0)`;
}

/**
 * The CUR 2.0 map columns of tags and cost categories, as the AWS table dictionary declares them:
 * "resource_tags | A map column containing key-value pairs of resource tags and their values for a
 * given line item. The values in this column are all of data type "string". Resource tag keys only
 * appear in this column if they've been enabled as cost allocation tags in the Billing console ...
 * map <string, string>" (https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-cur2-resource-tags.html);
 * cost_category is declared map<string,string> the same way (src/cur/private/table-dictionary.ts).
 */
export const TAG_COLUMN = 'resource_tags';
export const COST_CATEGORY_COLUMN = 'cost_category';

/**
 * The map key of a user-defined tag or a cost category. The legacy CUR's Athena column of the tag
 * `team` is resource_tags_user_team, and CUR 2.0 keys the same tag `user_team` in resource_tags
 * (the AWS Cloud Intelligence Dashboards map one to the other: aws-samples/aws-cudos-framework-deployment,
 * cid/helpers/cur_proxy.py, `resource_tags_<key>` to `resource_tags['<key>']`; cost_category the
 * same way without a prefix). How the export rewrites other characters (capitals, "-", ":") no
 * AWS page we read states, so only keys whose rewrite is the identity are offered.
 */
export function mapKeyOf(kind: 'TAG' | 'COST_CATEGORY', key: string): AthenaMapKey | RuleViolation {
  if (!isUnresolved(key) && !/^[a-z0-9_]+$/.test(key)) {
    return {
      value: key,
      rule: `the Athena mode reads ${kind === 'TAG' ? 'a tag' : 'a cost category'} whose name is lower-case letters, digits and "_" (the CUR 2.0 map keys other names rewritten in a way no AWS page states)`,
      fix: `use the Cost Explorer mode for ${kind === 'TAG' ? 'this tag' : 'this cost category'}`,
    };
  }
  return kind === 'TAG' ? { column: TAG_COLUMN, key: `user_${key}` } : { column: COST_CATEGORY_COLUMN, key };
}

/** The column every query filters and (DAILY) groups by. */
const USAGE_START_COLUMN = 'line_item_usage_start_date';

/** One breakdown's query: run by the cost analysis, and saved as a named query. */
export interface AthenaCostQuery {
  /** The Cost Explorer GroupBy the rows answer, so the report sections match the Cost Explorer mode. */
  readonly groupBy: { readonly Type: string; readonly Key: string };
  /** Short and unique per analysis, e.g. "cost-analysis-by-linked-account". */
  readonly id: string;
  /**
   * Every `?` in a WHERE clause. Rows: period, group_key, amount (exact decimal text) and, for
   * linked accounts, group_name. A tag or cost category query's group_key is the value, `''` the
   * costs without one.
   */
  readonly sql: string;
  /** The `?` parameters in order: the period bounds (the run's) and the filter's and key's values (fixed). */
  readonly parameters: AthenaQueryParameter[];
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
  readonly filter?: CostFilter;
}

/** The queries of an analysis in Athena mode, or why it cannot run there. */
export function planAthenaCostQueries(choices: AthenaCostChoices): { plan?: AthenaCostPlan; violations: RuleViolation[] } {
  const report = choices.source.report!;
  const table = chooseTable(report._tables, choices.source.tableName);
  if (!('tableName' in table)) {
    return { violations: [table] };
  }
  const metric = metricOf(choices.metric);
  const filter = choices.filter === undefined ? undefined : athenaFilterCondition(choices.filter.toCostExplorerExpression(), {
    dimensionColumn: (dimension) => ATHENA_BREAKDOWN_COLUMNS[dimension],
    tagKey: (key) => mapKeyOf('TAG', key),
    costCategoryKey: (name) => mapKeyOf('COST_CATEGORY', name),
  });
  const groups = choices.breakdowns.map(groupOf);
  const violations: RuleViolation[] = [
    ...(metric === undefined ? [{
      value: choices.metric,
      rule: `the Athena mode sums ${describeList([...Object.keys(ATHENA_METRIC_COLUMNS), CostMetric.AMORTIZED_COST])}`,
      fix: 'pick one of these metrics, or read net amortized costs from Cost Explorer',
    }] : []),
    ...(Array.isArray(filter) ? filter : []),
    ...groups.filter((group): group is RuleViolation => !('column' in group)),
    ...missingColumnViolations(table, [
      ...metric?.columns ?? [], USAGE_START_COLUMN, ...groups.flatMap((group) => ('column' in group ? [group.column] : [])),
      ...(filter !== undefined && !Array.isArray(filter) ? filter.columns : []),
    ]),
  ];
  if (!table.partitionKeys.includes(BILLING_PERIOD_PARTITION)) {
    violations.push({ value: table.partitionKeys, rule: `a CUR 2.0 table is partitioned by ${BILLING_PERIOD_PARTITION}`, fix: 'query a table the CurReport made' });
  }
  if (violations.length > 0) {
    return { violations };
  }
  const from = `"${report.databaseName}"."${table.tableName}"`;
  const condition = filter as AthenaCondition | undefined;
  return {
    violations: [],
    plan: {
      table,
      queries: choices.breakdowns.map((breakdown, index) => {
        const group = groups[index] as AthenaGroup;
        const query = 'key' in group
          ? mapCostQuery(from, group, metric!.sql, choices.granularity, condition)
          : costQuery(from, group.column, metric!.sql, choices.granularity, condition, nameColumnOf(breakdown, table));
        return { groupBy: { Type: breakdown.kind, Key: breakdown.key }, id: queryIdOf(breakdown), ...query };
      }),
    },
  };
}

/** What a breakdown groups by: a column, or a key of a map column. */
type AthenaGroup = { readonly column: string } | AthenaMapKey;

function groupOf(breakdown: CostBreakdown): AthenaGroup | RuleViolation {
  if (breakdown.kind === CostBreakdownKind.TAG || breakdown.kind === CostBreakdownKind.COST_CATEGORY) {
    return mapKeyOf(breakdown.kind, breakdown.key);
  }
  const column = ATHENA_BREAKDOWN_COLUMNS[breakdown.key];
  return column !== undefined ? { column } : {
    value: `${breakdown.kind} ${breakdown.key}`,
    rule: `the Athena mode breaks costs down by the dimensions ${describeList(Object.keys(ATHENA_BREAKDOWN_COLUMNS))}, a tag or a cost category`,
    fix: 'break down by one of these, or use the Cost Explorer mode for other dimensions',
  };
}

/** "cost-analysis-by-linked-account", "cost-analysis-by-tag-team", "cost-analysis-by-cost-category-business-unit". */
function queryIdOf(breakdown: CostBreakdown): string {
  const label = breakdown.kind === CostBreakdownKind.DIMENSION ? breakdown.key : `${breakdown.kind}-${breakdown.key}`;
  return `cost-analysis-by-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The WHERE clause every query shares: the billing period partitions, the analysed days and the filter. */
function whereClause(condition: AthenaCondition | undefined): { lines: string[]; parameters: AthenaQueryParameter[] } {
  return {
    lines: [
      `WHERE ${BILLING_PERIOD_PARTITION} BETWEEN ? AND ?`,
      `  AND ${USAGE_START_COLUMN} >= CAST(? AS TIMESTAMP) AND ${USAGE_START_COLUMN} < CAST(? AS TIMESTAMP)`,
      ...(condition === undefined ? [] : [`  AND ${condition.sql}`]),
    ],
    parameters: ['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST', ...condition?.parameters ?? []],
  };
}

function periodOf(granularity: CostGranularity): string {
  return granularity === CostGranularity.DAILY ? `date_format(${USAGE_START_COLUMN}, '%Y-%m-%d')` : BILLING_PERIOD_PARTITION;
}

/**
 * Grouped by period and group, each amount summed as DECIMAL so it comes back as exact text (the
 * columns are double); partitions pruned by billing period, line items kept to the analysed days.
 * Identifiers come only from the fixed mappings above; every value is a `?` in the WHERE clause.
 */
export function costQuery(
  from: string, groupColumn: string, metricSql: string, granularity: CostGranularity, condition?: AthenaCondition, nameColumn?: string,
): { sql: string; parameters: AthenaQueryParameter[] } {
  const where = whereClause(condition);
  return {
    sql: [
      `SELECT ${periodOf(granularity)} AS period, coalesce(${groupColumn}, '') AS group_key,`,
      `  CAST(sum(${metricSql}) AS VARCHAR) AS amount${nameColumn === undefined ? '' : ','}`,
      ...(nameColumn === undefined ? [] : [`  max(${nameColumn}) AS group_name`]),
      `FROM ${from}`,
      ...where.lines,
      'GROUP BY 1, 2',
      'ORDER BY 1, 2',
    ].join('\n'),
    parameters: where.parameters,
  };
}

/**
 * By a tag or cost category, with the key as a `?` (a parameter may stand only in WHERE, so the
 * key cannot be a map lookup in SELECT): every line item's cost goes to the group `''`, and each
 * line item carrying the key adds its cost to its value and takes it back from `''` (the UNNEST of
 * ARRAY[1, -1]). What stays in `''` is the cost without the key, Cost Explorer's `key$` group.
 * The table is read twice (both branches of the UNION ALL).
 */
export function mapCostQuery(
  from: string, group: AthenaMapKey, metricSql: string, granularity: CostGranularity, condition?: AthenaCondition,
): { sql: string; parameters: AthenaQueryParameter[] } {
  const where = whereClause(condition);
  const period = periodOf(granularity);
  return {
    sql: [
      'SELECT period, group_key, CAST(sum(amount) AS VARCHAR) AS amount',
      'FROM (',
      `  SELECT ${period} AS period, '' AS group_key, ${metricSql} AS amount`,
      `  FROM ${from}`,
      ...where.lines.map((line) => `  ${line}`),
      '  UNION ALL',
      `  SELECT ${period} AS period, IF(side.sign = 1, entry.entry_value, '') AS group_key, side.sign * ${metricSql} AS amount`,
      `  FROM ${from}`,
      `  CROSS JOIN UNNEST(${group.column}) AS entry(entry_key, entry_value)`,
      '  CROSS JOIN UNNEST(ARRAY[1, -1]) AS side(sign)',
      ...where.lines.map((line) => `  ${line}`),
      '    AND entry.entry_key = ?',
      ') AS costs',
      'GROUP BY 1, 2',
      'ORDER BY 1, 2',
    ].join('\n'),
    parameters: [...where.parameters, ...where.parameters, { value: group.key }],
  };
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

function nameColumnOf(breakdown: CostBreakdown, table: QueryableTable): string | undefined {
  const column = breakdown.kind === CostBreakdownKind.DIMENSION ? ATHENA_NAME_COLUMNS[breakdown.key] : undefined;
  return column !== undefined && table.columns.includes(column) ? column : undefined;
}

function missingColumnViolations(table: QueryableTable, columns: ReadonlyArray<string | undefined>): RuleViolation[] {
  const missing = [...new Set(columns.filter((column): column is string => column !== undefined && !table.columns.includes(column)))];
  return missing.length === 0 ? [] : [{
    value: missing,
    rule: `the queries read columns the table ${table.tableName} lacks`,
    fix: 'add them to the CUR 2.0 export\'s columns, or leave out the breakdowns that read them',
  }];
}

const PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  FIRST_BILLING_PERIOD: "first billing period ('YYYY-MM')",
  LAST_BILLING_PERIOD: "last billing period ('YYYY-MM')",
  FIRST_DAY: "first day ('YYYY-MM-DD')",
  DAY_AFTER_LAST: "day after the last ('YYYY-MM-DD')",
};

/** A query's parameters as its named query's description lists them for a console user. */
export function describeParameters(parameters: readonly AthenaQueryParameter[]): string {
  return parameters.map((parameter) => (typeof parameter === 'string' ? PARAMETER_DESCRIPTIONS[parameter] : `'${parameter.value.replace(/'/g, "''")}'`)).join(', ');
}

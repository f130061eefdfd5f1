import { athenaFilterCondition, AthenaCondition, AthenaMapKey, AthenaQueryParameter } from './athena-cost-filter';
import { ATHENA_COST_TABLES, AthenaCostTable, AthenaMetric } from './athena-cost-tables';
import { CostFilter } from '../../core/cost-filter';
import { describeList, isUnresolved, RuleViolation } from '../../core/validation';
import { BILLING_PERIOD_PARTITION, QueryableTable } from '../../cur/private/tables';
import { CostBreakdown, CostBreakdownKind, CostGranularity, CostMetric } from '../cost-analysis-options';
import { CostDataSource } from '../cost-data-source';

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
  const reading = readingOf(table.kind)!;
  const metric = reading.metricOf(choices.metric);
  const filter = choices.filter === undefined ? undefined : athenaFilterCondition(choices.filter.toCostExplorerExpression(), {
    tableLabel: reading.label,
    dimensions: Object.keys(reading.dimensionColumns),
    serviceColumn: reading.serviceColumn,
    dimensionColumn: (dimension) => reading.dimensionColumns[dimension],
    tagKey: (key) => reading.mapKeyOf('TAG', key),
    costCategoryKey: (name) => reading.mapKeyOf('COST_CATEGORY', name),
  });
  const groups = choices.breakdowns.map((breakdown) => groupOf(breakdown, reading));
  const violations: RuleViolation[] = [
    ...('sql' in metric ? [] : [metric]),
    ...(Array.isArray(filter) ? filter : []),
    ...groups.filter((group): group is RuleViolation => !('column' in group)),
    ...missingColumnViolations(table, [
      ...('sql' in metric ? metric.columns : []), reading.chargeStartColumn,
      ...groups.flatMap((group) => ('column' in group ? [group.column] : [])),
      ...(filter !== undefined && !Array.isArray(filter) ? filter.columns : []),
    ]),
  ];
  if (!table.partitionKeys.includes(BILLING_PERIOD_PARTITION)) {
    violations.push({ value: table.partitionKeys, rule: `a ${reading.label} table is partitioned by ${BILLING_PERIOD_PARTITION}`, fix: 'query a table the CurReport made' });
  }
  if (violations.length > 0) {
    return { violations };
  }
  const shape: QueryShape = {
    from: `"${report.databaseName}"."${table.tableName}"`,
    metricSql: (metric as AthenaMetric).sql,
    chargeStartColumn: reading.chargeStartColumn,
    granularity: choices.granularity,
    condition: filter as AthenaCondition | undefined,
  };
  return {
    violations: [],
    plan: {
      table,
      queries: choices.breakdowns.map((breakdown, index) => {
        const group = groups[index] as AthenaGroup;
        const query = 'key' in group
          ? mapCostQuery(shape, group)
          : costQuery(shape, group.column, nameColumnOf(breakdown, reading, table));
        return { groupBy: { Type: breakdown.kind, Key: breakdown.key }, id: queryIdOf(breakdown), ...query };
      }),
    },
  };
}

/** What a breakdown groups by: a column, or a key of a map column. */
type AthenaGroup = { readonly column: string } | AthenaMapKey;

function groupOf(breakdown: CostBreakdown, reading: AthenaCostTable): AthenaGroup | RuleViolation {
  if (breakdown.kind === CostBreakdownKind.TAG || breakdown.kind === CostBreakdownKind.COST_CATEGORY) {
    return reading.mapKeyOf(breakdown.kind, breakdown.key);
  }
  const column = reading.dimensionColumns[breakdown.key];
  return column !== undefined ? { column } : {
    value: `${breakdown.kind} ${breakdown.key}`,
    rule: `the Athena mode breaks costs down by the dimensions ${describeList(Object.keys(reading.dimensionColumns))}, a tag or a cost category over a ${reading.label} table`,
    fix: 'break down by one of these, or use the Cost Explorer mode for other dimensions',
  };
}

/** "cost-analysis-by-linked-account", "cost-analysis-by-tag-team", "cost-analysis-by-cost-category-business-unit". */
function queryIdOf(breakdown: CostBreakdown): string {
  const label = breakdown.kind === CostBreakdownKind.DIMENSION ? breakdown.key : `${breakdown.kind}-${breakdown.key}`;
  return `cost-analysis-by-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** What every query of one analysis shares: its table, the metric summed, the period column, granularity and filter. */
export interface QueryShape {
  readonly from: string;
  readonly metricSql: string;
  readonly chargeStartColumn: string;
  readonly granularity: CostGranularity;
  readonly condition?: AthenaCondition;
}

/** The WHERE clause every query shares: the billing period partitions, the analysed days and the filter. */
function whereClause(shape: QueryShape): { lines: string[]; parameters: AthenaQueryParameter[] } {
  const start = shape.chargeStartColumn;
  return {
    lines: [
      `WHERE ${BILLING_PERIOD_PARTITION} BETWEEN ? AND ?`,
      `  AND ${start} >= CAST(? AS TIMESTAMP) AND ${start} < CAST(? AS TIMESTAMP)`,
      ...(shape.condition === undefined ? [] : [`  AND ${shape.condition.sql}`]),
    ],
    parameters: ['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST', ...shape.condition?.parameters ?? []],
  };
}

function periodOf(shape: QueryShape): string {
  return shape.granularity === CostGranularity.DAILY ? `date_format(${shape.chargeStartColumn}, '%Y-%m-%d')` : BILLING_PERIOD_PARTITION;
}

/**
 * Grouped by period and group, each amount summed as DECIMAL so it comes back as exact text (the
 * columns are double); partitions pruned by billing period, rows kept to the analysed days.
 * Identifiers come only from the fixed mappings of athena-cost-tables.ts; every value is a `?` in
 * the WHERE clause.
 */
export function costQuery(shape: QueryShape, groupColumn: string, nameColumn?: string): { sql: string; parameters: AthenaQueryParameter[] } {
  const where = whereClause(shape);
  return {
    sql: [
      `SELECT ${periodOf(shape)} AS period, coalesce(${groupColumn}, '') AS group_key,`,
      `  CAST(sum(${shape.metricSql}) AS VARCHAR) AS amount${nameColumn === undefined ? '' : ','}`,
      ...(nameColumn === undefined ? [] : [`  max(${nameColumn}) AS group_name`]),
      `FROM ${shape.from}`,
      ...where.lines,
      'GROUP BY 1, 2',
      'ORDER BY 1, 2',
    ].join('\n'),
    parameters: where.parameters,
  };
}

/**
 * By a tag or cost category, with the key as a `?` (a parameter may stand only in WHERE, so the
 * key cannot be a map lookup in SELECT): every row's cost goes to the group `''`, and each row
 * carrying the key adds its cost to its value and takes it back from `''` (the UNNEST of
 * ARRAY[1, -1]). What stays in `''` is the cost without the key, Cost Explorer's `key$` group.
 * The table is read twice (both branches of the UNION ALL).
 */
export function mapCostQuery(shape: QueryShape, group: AthenaMapKey): { sql: string; parameters: AthenaQueryParameter[] } {
  const where = whereClause(shape);
  const period = periodOf(shape);
  return {
    sql: [
      'SELECT period, group_key, CAST(sum(amount) AS VARCHAR) AS amount',
      'FROM (',
      `  SELECT ${period} AS period, '' AS group_key, ${shape.metricSql} AS amount`,
      `  FROM ${shape.from}`,
      ...where.lines.map((line) => `  ${line}`),
      '  UNION ALL',
      `  SELECT ${period} AS period, IF(side.sign = 1, entry.entry_value, '') AS group_key, side.sign * ${shape.metricSql} AS amount`,
      `  FROM ${shape.from}`,
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

type CostTableKind = keyof typeof ATHENA_COST_TABLES;

/** The tables the Athena mode can query, in the order it takes them without being told: CUR 2.0 first, as before FOCUS was read. */
const COST_TABLE_KINDS = Object.keys(ATHENA_COST_TABLES) as CostTableKind[];

/** How the Athena mode reads a table of this kind, if it queries that kind at all. */
function readingOf(kind: string): AthenaCostTable | undefined {
  return COST_TABLE_KINDS.includes(kind as CostTableKind) ? ATHENA_COST_TABLES[kind as CostTableKind] : undefined;
}

function chooseTable(tables: readonly QueryableTable[], tableName: string | undefined): QueryableTable | RuleViolation {
  const costTables = tables.filter((table) => readingOf(table.kind) !== undefined);
  if (tableName !== undefined && !isUnresolved(tableName)) {
    return costTables.find((table) => table.tableName === tableName) ?? {
      value: tableName,
      rule: `the Athena mode queries a CUR 2.0 or FOCUS table of the CurReport (it has ${describeList(costTables.map((table) => table.tableName))})`,
      fix: 'name one of these tables, or add CurExport.cur2(...) or CurExport.focus(...) to the report',
    };
  }
  const candidates = COST_TABLE_KINDS.map((kind) => costTables.filter((table) => table.kind === kind)).find((ofKind) => ofKind.length > 0) ?? [];
  if (candidates.length === 1) {
    return candidates[0];
  }
  return candidates.length === 0
    ? {
      value: tables.map((table) => table.tableName),
      rule: 'the Athena mode queries a CUR 2.0 or FOCUS table, and the CurReport has none',
      fix: 'add CurExport.cur2(...) or CurExport.focus(...) (Parquet, OVERWRITE_REPORT) to the report',
    }
    : {
      value: candidates.map((table) => table.tableName),
      rule: `the Athena mode queries one ${readingOf(candidates[0].kind)!.label} table`,
      fix: 'name the table in CostDataSource.athena(report, { tableName })',
    };
}

function nameColumnOf(breakdown: CostBreakdown, reading: AthenaCostTable, table: QueryableTable): string | undefined {
  const column = breakdown.kind === CostBreakdownKind.DIMENSION ? reading.nameColumns[breakdown.key] : undefined;
  return column !== undefined && table.columns.includes(column) ? column : undefined;
}

function missingColumnViolations(table: QueryableTable, columns: ReadonlyArray<string | undefined>): RuleViolation[] {
  const missing = [...new Set(columns.filter((column): column is string => column !== undefined && !table.columns.includes(column)))];
  return missing.length === 0 ? [] : [{
    value: missing,
    rule: `the queries read columns the table ${table.tableName} lacks`,
    fix: 'add them to the export\'s columns, or leave out the breakdowns that read them',
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

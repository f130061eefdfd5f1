import { ExportConfig } from './export-config';
import { legacyCostCategoryColumn } from './table-dictionary';
import { RECOMMENDATIONS_PARTITION } from './tables';
import { isUnresolved } from '../../core/validation';

/** A saved Athena query. */
export interface NamedQuerySpec {
  /** Short and unique within the report, e.g. "cost-by-service". */
  readonly id: string;
  readonly description: string;
  readonly sql: string;
  /** The table columns it reads (partition columns left out): without one of them Athena fails with COLUMN_NOT_FOUND. */
  readonly columns: readonly string[];
}

/** The columns that answer the seed's questions, per table. */
interface CostColumns {
  readonly cost: string;
  readonly account: string;
  readonly service: string;
  readonly periodStart: string;
  /** The filter that keeps a query to the current billing period's partition. */
  readonly currentPeriod: string;
  /** The cost category breakdowns, one query each: the selected dimensions, what the FROM clause joins, the column they read. */
  readonly costCategories: ReadonlyArray<{ id: string; select: readonly string[]; join: string; column: string }>;
}

const CATEGORY_DIMENSIONS = ['category AS cost_category', 'category_value AS cost_category_value'];

const CURRENT_BILLING_PERIOD = "billing_period = date_format(current_date, '%Y-%m')";

function costColumnsOf(config: ExportConfig): CostColumns | undefined {
  switch (config.kind) {
    case 'legacy':
      return {
        cost: 'line_item_unblended_cost',
        account: 'line_item_usage_account_id',
        service: 'line_item_product_code',
        periodStart: 'bill_billing_period_start_date',
        currentPeriod: "year = date_format(current_date, '%Y') AND month = cast(month(current_date) AS varchar)",
        // A category name known only at deploy time names a column that cannot be written at synth.
        costCategories: config.costCategoryNames.filter((name) => !isUnresolved(name)).map((name) => ({
          id: `cost-by-cost-category-${legacyCostCategoryColumn(name).replace(/_/g, '-').replace(/^cost-category-/, '')}`,
          select: [`'${name.replace(/'/g, "''")}' AS cost_category`, `${legacyCostCategoryColumn(name)} AS cost_category_value`],
          join: '',
          column: legacyCostCategoryColumn(name),
        })),
      };
    case 'cur2':
      return {
        cost: 'line_item_unblended_cost',
        account: 'line_item_usage_account_id',
        service: 'line_item_product_code',
        periodStart: 'bill_billing_period_start_date',
        currentPeriod: CURRENT_BILLING_PERIOD,
        costCategories: [{ id: 'cost-by-cost-category', select: CATEGORY_DIMENSIONS, join: ' CROSS JOIN UNNEST(cost_category) AS categories(category, category_value)', column: 'cost_category' }],
      };
    case 'focus':
      return {
        cost: 'billedcost',
        account: 'subaccountid',
        service: 'servicename',
        periodStart: 'billingperiodstart',
        currentPeriod: CURRENT_BILLING_PERIOD,
        costCategories: [{ id: 'cost-by-cost-category', select: CATEGORY_DIMENSIONS, join: ' CROSS JOIN UNNEST(x_costcategories) AS categories(category, category_value)', column: 'x_costcategories' }],
      };
    default:
      return undefined;
  }
}

/**
 * The seed's questions as Athena queries over one report's table: cost by service, by account and
 * by cost category in the current billing period, and month over month; for recommendations, the
 * largest savings of the latest refresh. A query that reads a column the table lacks (an export
 * whose `columns` leave it out) is left out, and listed in `skipped`.
 */
export function namedQueriesOf(
  config: ExportConfig,
  table: string,
  tableColumns: readonly string[],
): { queries: NamedQuerySpec[]; skipped: NamedQuerySpec[] } {
  const all = allNamedQueriesOf(config, table);
  const available = new Set(tableColumns);
  const readable = (query: NamedQuerySpec) => query.columns.every((column) => available.has(column));
  return { queries: all.filter(readable), skipped: all.filter((query) => !readable(query)) };
}

function allNamedQueriesOf(config: ExportConfig, table: string): NamedQuerySpec[] {
  if (config.kind === 'costOptimization') {
    // Each daily refresh delivers every current recommendation again: summing more than the latest
    // partition would count each one many times. The last week bounds the partitions scanned.
    const partition = `"${RECOMMENDATIONS_PARTITION}"`;
    return [{
      id: 'top-savings',
      description: 'Estimated monthly savings by recommended action and resource type in the latest refresh, largest first',
      sql: [
        'WITH latest AS (',
        `  SELECT max(${partition}) AS refresh_date FROM ${table}`,
        `  WHERE ${partition} >= date_format(date_add('day', -7, current_date), '%Y-%m-%d')`,
        ')',
        'SELECT action_type, current_resource_type, count(*) AS recommendations,',
        '  round(sum(estimated_monthly_savings_after_discount), 2) AS estimated_monthly_savings',
        `FROM ${table} JOIN latest ON ${partition} = refresh_date`,
        'GROUP BY 1, 2',
        'ORDER BY estimated_monthly_savings DESC',
      ].join('\n'),
      columns: ['action_type', 'current_resource_type', 'estimated_monthly_savings_after_discount'],
    }];
  }
  const columns = costColumnsOf(config)!;
  const byDimensions = (id: string, description: string, dimensions: string[], read: string[], join = ''): NamedQuerySpec => ({
    id,
    description,
    sql: [
      `SELECT ${dimensions.join(', ')}, round(sum(${columns.cost}), 2) AS cost`,
      `FROM ${table}${join}`,
      `WHERE ${columns.currentPeriod}`,
      `GROUP BY ${dimensions.map((_, index) => index + 1).join(', ')}`,
      'ORDER BY cost DESC',
    ].join('\n'),
    columns: [columns.cost, ...read],
  });
  return [
    byDimensions('cost-by-service', 'Cost by service in the current billing period', [`${columns.service} AS service`], [columns.service]),
    byDimensions('cost-by-account', 'Cost by account in the current billing period', [`${columns.account} AS account_id`], [columns.account]),
    ...columns.costCategories.map((category) =>
      byDimensions(category.id, 'Cost by cost category value in the current billing period', [...category.select], [category.column], category.join)),
    {
      id: 'month-over-month',
      description: 'Cost per billing period and the change from the period before',
      sql: [
        'WITH monthly AS (',
        `  SELECT date_trunc('month', ${columns.periodStart}) AS billing_period_start, sum(${columns.cost}) AS cost`,
        `  FROM ${table}`,
        '  GROUP BY 1',
        ')',
        'SELECT billing_period_start, round(cost, 2) AS cost,',
        '  round(cost - lag(cost) OVER (ORDER BY billing_period_start), 2) AS change,',
        '  round(100 * (cost / nullif(lag(cost) OVER (ORDER BY billing_period_start), 0) - 1), 1) AS change_percent',
        'FROM monthly',
        'ORDER BY billing_period_start',
      ].join('\n'),
      columns: [columns.cost, columns.periodStart],
    },
  ];
}

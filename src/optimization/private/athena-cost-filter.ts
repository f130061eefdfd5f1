import { CostExpression, KeyedValues } from '../../core/private/expression';
import { RuleViolation } from '../../core/validation';

/** A `?` of an Athena cost query: a period bound the run fills in, or a value fixed at synth. */
export type AthenaQueryParameter = 'FIRST_BILLING_PERIOD' | 'LAST_BILLING_PERIOD' | 'FIRST_DAY' | 'DAY_AFTER_LAST' | { readonly value: string };

/** A WHERE condition with its `?` parameters in order, and the columns it reads. */
export interface AthenaCondition {
  readonly sql: string;
  readonly parameters: AthenaQueryParameter[];
  readonly columns: string[];
}

/** Where the Athena mode reads a tag's or a cost category's value: a map column and the key in it. */
export interface AthenaMapKey {
  readonly column: string;
  readonly key: string;
}

/** How the Athena mode names the column or map entry of a Cost Explorer dimension, tag or cost category in the table it queries. */
export interface AthenaFilterColumns {
  /** How messages name the table: "CUR 2.0", "FOCUS". */
  readonly tableLabel: string;
  /** The dimensions the table has a column for. */
  readonly dimensions: readonly string[];
  /** The column SERVICE values match: a product code such as "AmazonEC2". */
  readonly serviceColumn: string;
  readonly dimensionColumn: (dimension: string) => string | undefined;
  readonly tagKey: (tagKey: string) => AthenaMapKey | RuleViolation;
  readonly costCategoryKey: (categoryName: string) => AthenaMapKey | RuleViolation;
}

/**
 * A cost filter as a WHERE condition over a CUR 2.0 or FOCUS table: every value, tag key and cost category
 * name is a `?` parameter, never SQL text. Cost Explorer's And / Or / Not, dimension values (EQUALS),
 * tag and cost category values (EQUALS) and absent tags map to columns; other match options
 * (STARTS_WITH, CONTAINS, case options...) and dimensions without a column are refused.
 */
export function athenaFilterCondition(expression: CostExpression, columns: AthenaFilterColumns): AthenaCondition | RuleViolation[] {
  if (expression.And !== undefined || expression.Or !== undefined) {
    const operands = (expression.And ?? expression.Or)!.map((operand) => athenaFilterCondition(operand, columns));
    const violations = operands.filter(Array.isArray).flat();
    if (violations.length > 0) {
      return violations;
    }
    const conditions = operands as AthenaCondition[];
    return combine(conditions, expression.And !== undefined ? ' AND ' : ' OR ');
  }
  if (expression.Not !== undefined) {
    const operand = athenaFilterCondition(expression.Not, columns);
    return Array.isArray(operand) ? operand : { ...operand, sql: `NOT ${operand.sql}` };
  }
  if (expression.Dimensions !== undefined) {
    const column = columns.dimensionColumn(expression.Dimensions.Key);
    if (column === undefined) {
      return [{
        value: `filter on ${expression.Dimensions.Key}`,
        rule: `the Athena mode filters on the dimensions it has a ${columns.tableLabel} column for (${columns.dimensions.join(', ')}), tags and cost categories`,
        fix: 'filter on one of these, or use the Cost Explorer mode',
      }];
    }
    const costExplorerNames = expression.Dimensions.Key === 'SERVICE' ? (expression.Dimensions.Values ?? []).filter((value) => /\s/.test(value)) : [];
    if (costExplorerNames.length > 0) {
      return [{
        value: costExplorerNames,
        rule: `the Athena mode matches SERVICE against the ${columns.tableLabel} product code (${columns.serviceColumn}, e.g. "AmazonEC2"), not Cost Explorer's service names`,
        fix: 'name the services by product code in an Athena-mode filter',
      }];
    }
    return equalsCondition(expression.Dimensions, column, [], [column]);
  }
  const keyed = expression.Tags ?? expression.CostCategories;
  if (keyed !== undefined) {
    const entry = expression.Tags !== undefined ? columns.tagKey(keyed.Key) : columns.costCategoryKey(keyed.Key);
    if (!('column' in entry)) {
      return [entry];
    }
    const lookup = `element_at(${entry.column}, ?)`;
    if (sameOptions(keyed.MatchOptions, ['ABSENT'])) {
      return { sql: `(${lookup} IS NULL)`, parameters: [{ value: entry.key }], columns: [entry.column] };
    }
    return equalsCondition(keyed, lookup, [{ value: entry.key }], [entry.column]);
  }
  return [{ value: Object.keys(expression), rule: 'a cost filter is And, Or, Not, Dimensions, Tags or CostCategories', fix: 'make it with CostFilter\'s static methods' }];
}

function equalsCondition(keyed: KeyedValues, operand: string, leading: AthenaQueryParameter[], columns: string[]): AthenaCondition | RuleViolation[] {
  const values = keyed.Values ?? [];
  if (!(keyed.MatchOptions === undefined || sameOptions(keyed.MatchOptions, ['EQUALS'])) || values.length === 0) {
    return [{
      value: `${keyed.Key} ${JSON.stringify(keyed.MatchOptions ?? [])}`,
      rule: 'the Athena mode filters on values that equal one of the given values (EQUALS), or on an absent tag',
      fix: 'list the exact values, or use the Cost Explorer mode for STARTS_WITH, ENDS_WITH, CONTAINS and case options',
    }];
  }
  return {
    sql: `(${operand} IN (${values.map(() => '?').join(', ')}))`,
    parameters: [...leading, ...values.map((value) => ({ value }))],
    columns,
  };
}

function combine(conditions: readonly AthenaCondition[], operator: string): AthenaCondition {
  return {
    sql: `(${conditions.map((condition) => condition.sql).join(operator)})`,
    parameters: conditions.flatMap((condition) => condition.parameters),
    columns: conditions.flatMap((condition) => condition.columns),
  };
}

function sameOptions(options: readonly string[] | undefined, expected: readonly string[]): boolean {
  return options !== undefined && options.length === expected.length && options.every((option, index) => option === expected[index]);
}

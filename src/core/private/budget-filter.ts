import { MatchOption } from '../cost-filter';
import { CostExpression, KeyedValues } from './expression';

/**
 * The two forms in which AWS Budgets takes a cost filter. Exactly one member is set.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-budgetdata.html
 */
export interface BudgetFilterForm {
  /** The classic `CostFilters` map (`{ Service: [...], LinkedAccount: [...] }`), easy to review. */
  readonly costFilters?: Record<string, string[]>;
  /** The `FilterExpression` form, for what the map cannot say (or/not, match options, cost categories). */
  readonly filterExpression?: Record<string, any>;
}

/**
 * Cost Explorer dimensions and their `CostFilters` key in AWS Budgets.
 * https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create-filters.html
 */
const COST_FILTER_KEYS: Readonly<Record<string, string>> = {
  AZ: 'AZ',
  INSTANCE_TYPE: 'InstanceType',
  LINKED_ACCOUNT: 'LinkedAccount',
  OPERATION: 'Operation',
  PURCHASE_TYPE: 'PurchaseType',
  REGION: 'Region',
  SERVICE: 'Service',
  USAGE_TYPE: 'UsageType',
  USAGE_TYPE_GROUP: 'UsageTypeGroup',
};

/**
 * Renders a cost expression for AWS Budgets: the `CostFilters` map when the expression is a plain
 * conjunction of exact matches on dimensions the map knows and tags, otherwise `FilterExpression`.
 */
export function renderBudgetFilter(expression: CostExpression): BudgetFilterForm {
  const costFilters = asCostFilters(expression);
  return costFilters ? { costFilters } : { filterExpression: toCamelCaseExpression(expression) };
}

function asCostFilters(expression: CostExpression): Record<string, string[]> | undefined {
  const operands = expression.And ?? [expression];
  const map: Record<string, string[]> = {};
  for (const operand of operands) {
    const entry = asCostFilterEntry(operand);
    if (!entry || map[entry.key] !== undefined) {
      return undefined;
    }
    map[entry.key] = entry.values;
  }
  return map;
}

function asCostFilterEntry(expression: CostExpression): { key: string; values: string[] } | undefined {
  if (expression.Dimensions && isExactMatch(expression.Dimensions)) {
    const key = COST_FILTER_KEYS[expression.Dimensions.Key];
    return key ? { key, values: expression.Dimensions.Values ?? [] } : undefined;
  }
  if (expression.Tags && isExactMatch(expression.Tags)) {
    // Budgets name a user-defined tag "user:<key>" and join key and value with "$".
    const tagKey = expression.Tags.Key;
    return { key: 'TagKeyValue', values: (expression.Tags.Values ?? []).map((value) => `user:${tagKey}$${value}`) };
  }
  return undefined;
}

function isExactMatch(leaf: KeyedValues): boolean {
  return (leaf.MatchOptions ?? [MatchOption.EQUALS]).every((option) => option === MatchOption.EQUALS);
}

/** The L1 `FilterExpression` property takes camelCase keys; CloudFormation gets PascalCase. */
function toCamelCaseExpression(expression: CostExpression): Record<string, any> {
  const rendered: Record<string, any> = {};
  if (expression.And) rendered.and = expression.And.map(toCamelCaseExpression);
  if (expression.Or) rendered.or = expression.Or.map(toCamelCaseExpression);
  if (expression.Not) rendered.not = toCamelCaseExpression(expression.Not);
  if (expression.Dimensions) rendered.dimensions = toCamelCaseLeaf(expression.Dimensions);
  if (expression.Tags) rendered.tags = toCamelCaseLeaf(expression.Tags);
  if (expression.CostCategories) rendered.costCategories = toCamelCaseLeaf(expression.CostCategories);
  return rendered;
}

function toCamelCaseLeaf(leaf: KeyedValues): Record<string, any> {
  return { key: leaf.Key, values: leaf.Values, matchOptions: leaf.MatchOptions };
}

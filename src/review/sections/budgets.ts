import { CostExpression, describeExpression } from '../../core/private/expression';
import { ReviewItem } from '../item';
import { conditionFact, readable, SynthesizedStack } from '../template';
import { describeSubscribers } from './subscribers';

const SECTION = 'Budgets';

/** The review of every AWS::Budgets::Budget of a stack, with its notifications and actions. */
export function reviewBudgets(stack: SynthesizedStack): string[] {
  const items = budgetItems(stack);
  return items.length === 0 ? [] : [`### ${SECTION} (${items.length})`, '', ...items.flatMap(budgetLines)];
}

/** A budget in Markdown: name, kind and construct path, then its facts; alerts and actions read "alert: <when> → <who>". */
function budgetLines(budget: ReviewItem): string[] {
  return [
    `- **${budget.name}** (${budget.kind}) \`${budget.path}\``,
    ...Object.entries(budget.facts).map(([label, values]) => {
      const [, notice, when] = /^(alert|action) (.*)$/.exec(label) ?? [];
      return notice ? `  - ${notice}: ${when} → ${values.join(', ') || 'nobody'}` : `  - ${label}: ${values.join(', ')}`;
    }),
    '',
  ];
}

/** Every budget of a stack as facts: limit, filter, then its alerts and actions (sorted by threshold) with their subscribers. */
export function budgetItems(stack: SynthesizedStack): ReviewItem[] {
  const actions = stack.resources.filter((resource) => resource.type === 'AWS::Budgets::BudgetsAction');
  return stack.resources
    .filter((resource) => resource.type === 'AWS::Budgets::Budget')
    .map((budget) => {
      const data = budget.properties.Budget ?? {};
      const notifications = listOf(budget.properties.NotificationsWithSubscribers);
      const ofBudget = actions.filter((action) => action.properties.BudgetName?.Ref === budget.logicalId);
      return {
        section: SECTION,
        stackName: stack.stackName,
        path: budget.path,
        name: readable(data.BudgetName ?? budget.logicalId),
        kind: `${readable(data.BudgetType)}, ${readable(data.TimeUnit)}`,
        facts: Object.fromEntries([
          ...Object.entries(conditionFact(budget)),
          ['limit', [describeLimit(data)]],
          ['filter', [describeFilter(data)]],
          ...byThreshold(notifications, (entry) => entry?.Notification?.Threshold)
            .map((entry) => [`alert ${describeNotification(entry?.Notification ?? {})}`, describeSubscribers(stack, entry?.Subscribers)]),
          ...byThreshold(ofBudget, (action) => action.properties.ActionThreshold?.Value)
            .map((action) => [`action ${describeAction(action.properties)}`, describeSubscribers(stack, action.properties.Subscribers)]),
        ]),
      };
    });
}

/** A list property, or nothing when it is not a list in the template (a condition, say, which the review notes apart). */
function listOf(value: unknown): any[] {
  if (value !== undefined && !Array.isArray(value)) {
    throw new Error(`NotificationsWithSubscribers is ${readable(value)}, not a list`);
  }
  return value ?? [];
}

/** Sorted by threshold, lowest first: the order in which they fire. */
function byThreshold<T>(entries: readonly T[], threshold: (entry: T) => unknown): T[] {
  return [...entries].sort((a, b) => Number(threshold(a)) - Number(threshold(b)));
}

function describeLimit(data: any): string {
  if (data.BudgetLimit) {
    return `${formatAmount(data.BudgetLimit.Amount)} ${readable(data.BudgetLimit.Unit)}`;
  }
  if (data.PlannedBudgetLimits) {
    const periods = Object.entries<any>(data.PlannedBudgetLimits).map(
      ([start, spend]) => `${Number.isFinite(Number(start)) ? new Date(Number(start) * 1000).toISOString().slice(0, 10) : start}: ${formatAmount(spend?.Amount)} ${readable(spend?.Unit)}`,
    );
    return `planned (${periods.join('; ')})`;
  }
  if (data.AutoAdjustData) {
    const lookback = data.AutoAdjustData.HistoricalOptions?.BudgetAdjustmentPeriod;
    return `auto-adjusting (${readable(data.AutoAdjustData.AutoAdjustType)}${lookback ? `, ${readable(lookback)} periods` : ''})`;
  }
  return '100% (utilization/coverage target)';
}

function describeFilter(data: any): string {
  if (data.CostFilters) {
    return typeof data.CostFilters === 'object' && !Object.keys(data.CostFilters).some((key) => key.startsWith('Fn::') || key === 'Ref')
      ? describeCostFilters(data.CostFilters)
      : readable(data.CostFilters);
  }
  if (data.FilterExpression) {
    return describeExpression(data.FilterExpression);
  }
  return 'all costs';
}

/**
 * The classic CostFilters map in the words of a cost expression: `TagKeyValue: ["user:team$platform"]`
 * reads `tag team is "platform"`, `LinkedAccount` reads `LINKED_ACCOUNT is ...`. Budgets name a
 * user-defined tag "user:<key>" and join key and value with "$" (see src/core/private/budget-filter.ts).
 */
export function describeCostFilters(costFilters: Record<string, unknown>): string {
  return Object.entries(costFilters)
    .map(([key, values]) => {
      if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
        return `${key} is ${readable(values)}`;
      }
      return key === 'TagKeyValue' ? describeTagFilter(values) : describeExpression({ Dimensions: { Key: dimensionOf(key), Values: values } } as CostExpression);
    })
    .join(' and ');
}

function describeTagFilter(values: string[]): string {
  const valuesByTag = new Map<string, string[]>();
  for (const value of values) {
    const [, tagKey, tagValue] = /^(?:user:)?([^$]*)\$(.*)$/.exec(value) ?? [undefined, value, ''];
    valuesByTag.set(tagKey!, [...(valuesByTag.get(tagKey!) ?? []), tagValue!]);
  }
  return [...valuesByTag]
    .map(([tagKey, tagValues]) => describeExpression({ Tags: { Key: tagKey, Values: tagValues } } as CostExpression))
    .join(' and ');
}

/** `LinkedAccount` → `LINKED_ACCOUNT`: the Cost Explorer dimension a CostFilters key stands for. */
function dimensionOf(costFilterKey: string): string {
  return costFilterKey.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function describeNotification(notification: any): string {
  const unit = notification.ThresholdType === 'ABSOLUTE_VALUE' ? ' USD' : '%';
  const comparison = { GREATER_THAN: '>', LESS_THAN: '<', EQUAL_TO: '=' }[notification.ComparisonOperator as string] ?? readable(notification.ComparisonOperator);
  return `${readable(notification.NotificationType)} ${comparison} ${readable(notification.Threshold)}${unit}`;
}

function describeAction(action: any): string {
  const threshold = `${readable(action.ActionThreshold?.Value)}${action.ActionThreshold?.Type === 'ABSOLUTE_VALUE' ? ' USD' : '%'}`;
  const definition = action.Definition ?? {};
  const what = definition.IamActionDefinition
    ? `attach ${readable(definition.IamActionDefinition.PolicyArn)} to ${readable([...(definition.IamActionDefinition.Roles ?? []), ...(definition.IamActionDefinition.Groups ?? []), ...(definition.IamActionDefinition.Users ?? [])])}`
    : definition.ScpActionDefinition
      ? `attach SCP ${readable(definition.ScpActionDefinition.PolicyId)} to ${readable(definition.ScpActionDefinition.TargetIds)}`
      : `${readable(definition.SsmActionDefinition?.Subtype)} ${readable(definition.SsmActionDefinition?.InstanceIds)} in ${readable(definition.SsmActionDefinition?.Region)}`;
  return `${readable(action.NotificationType)} > ${threshold}: ${what} (${readable(action.ApprovalModel)} approval)`;
}

function formatAmount(amount: unknown): string {
  return typeof amount === 'number' ? amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : readable(amount);
}

import { describeExpression } from '../../core/private/expression';
import { readable, referencedResource, SynthesizedStack, TemplateResource } from '../template';

/** The review of every AWS::Budgets::Budget of a stack, with its notifications and actions. */
export function reviewBudgets(stack: SynthesizedStack): string[] {
  const budgets = stack.resources.filter((resource) => resource.type === 'AWS::Budgets::Budget');
  if (budgets.length === 0) {
    return [];
  }
  const actions = stack.resources.filter((resource) => resource.type === 'AWS::Budgets::BudgetsAction');
  return [`### Budgets (${budgets.length})`, '', ...budgets.flatMap((budget) => reviewBudget(stack, budget, actions))];
}

function reviewBudget(stack: SynthesizedStack, budget: TemplateResource, allActions: TemplateResource[]): string[] {
  const data = budget.properties.Budget ?? {};
  const notifications: any[] = budget.properties.NotificationsWithSubscribers ?? [];
  const actions = allActions.filter((action) => action.properties.BudgetName?.Ref === budget.logicalId);
  return [
    `- **${readable(data.BudgetName ?? budget.logicalId)}** (${data.BudgetType}, ${data.TimeUnit})`,
    `  - limit: ${describeLimit(data)}`,
    `  - filter: ${describeFilter(data)}`,
    ...notifications.map((entry) => `  - alert: ${describeNotification(entry.Notification)} → ${describeSubscribers(stack, entry.Subscribers)}`),
    ...actions.map((action) => `  - action: ${describeAction(action.properties)} → ${describeSubscribers(stack, action.properties.Subscribers)}`),
    '',
  ];
}

function describeLimit(data: any): string {
  if (data.BudgetLimit) {
    return `${formatAmount(data.BudgetLimit.Amount)} ${data.BudgetLimit.Unit}`;
  }
  if (data.PlannedBudgetLimits) {
    const periods = Object.entries<any>(data.PlannedBudgetLimits).map(
      ([start, spend]) => `${new Date(Number(start) * 1000).toISOString().slice(0, 10)}: ${formatAmount(spend.Amount)} ${spend.Unit}`,
    );
    return `planned (${periods.join('; ')})`;
  }
  if (data.AutoAdjustData) {
    const lookback = data.AutoAdjustData.HistoricalOptions?.BudgetAdjustmentPeriod;
    return `auto-adjusting (${data.AutoAdjustData.AutoAdjustType}${lookback ? `, ${lookback} periods` : ''})`;
  }
  return '100% (utilization/coverage target)';
}

function describeFilter(data: any): string {
  if (data.CostFilters) {
    return Object.entries<any>(data.CostFilters).map(([key, values]) => `${key} = ${readable(values)}`).join('; ');
  }
  if (data.FilterExpression) {
    return describeExpression(data.FilterExpression);
  }
  return 'all costs';
}

function describeNotification(notification: any): string {
  const unit = notification.ThresholdType === 'ABSOLUTE_VALUE' ? '' : '%';
  const comparison = { GREATER_THAN: '>', LESS_THAN: '<', EQUAL_TO: '=' }[notification.ComparisonOperator as string] ?? notification.ComparisonOperator;
  return `${notification.NotificationType} ${comparison} ${notification.Threshold}${unit}`;
}

function describeSubscribers(stack: SynthesizedStack, subscribers: any[] = []): string {
  return subscribers
    .map((subscriber) => {
      const kind = subscriber.SubscriptionType ?? subscriber.Type;
      const topic = referencedResource(stack, subscriber.Address);
      return kind === 'SNS' ? `SNS ${topic ? topic.logicalId : readable(subscriber.Address)}` : `email ${readable(subscriber.Address)}`;
    })
    .join(', ');
}

function describeAction(action: any): string {
  const threshold = `${action.ActionThreshold?.Value}${action.ActionThreshold?.Type === 'ABSOLUTE_VALUE' ? '' : '%'}`;
  const definition = action.Definition ?? {};
  const what = definition.IamActionDefinition
    ? `attach ${readable(definition.IamActionDefinition.PolicyArn)} to ${readable([...(definition.IamActionDefinition.Roles ?? []), ...(definition.IamActionDefinition.Groups ?? []), ...(definition.IamActionDefinition.Users ?? [])])}`
    : definition.ScpActionDefinition
      ? `attach SCP ${definition.ScpActionDefinition.PolicyId} to ${readable(definition.ScpActionDefinition.TargetIds)}`
      : `${definition.SsmActionDefinition?.Subtype} ${readable(definition.SsmActionDefinition?.InstanceIds)} in ${readable(definition.SsmActionDefinition?.Region)}`;
  return `${action.NotificationType} > ${threshold}: ${what} (${action.ApprovalModel} approval)`;
}

function formatAmount(amount: unknown): string {
  return typeof amount === 'number' ? amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : readable(amount);
}

import { CfnResource } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/** Every budget has at least one notification with subscribers. */
export function budgetNotifiesSomeone(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnBudget)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const notifications = resolved(node, node.notificationsWithSubscribers);
  if (notifications === undefined || (Array.isArray(notifications) && notifications.length === 0)) {
    return NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.COMPLIANT;
}

export const BUDGET_NOTIFIES: FinOpsRuleDefinition = {
  suffix: 'BudgetNotifies',
  info: 'The budget notifies nobody: it has no NotificationsWithSubscribers.',
  explanation:
    'A budget that sends no alert is only visible to whoever opens the console. ' +
    'Fix: add a notification (e.g. ACTUAL > 80%, FORECASTED > 100%) with an email or SNS subscriber. ' +
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-budgets-budget.html#cfn-budgets-budget-notificationswithsubscribers',
  level: NagMessageLevel.ERROR,
  check: budgetNotifiesSomeone,
};

import { CfnResource } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { FinOpsRuleDefinition, RuleContext } from '../private/rule';

/**
 * The app declares at least one AWS::Budgets::Budget. An app-wide fact, checked by a
 * per-resource rule: the finding lands on one resource only, the app's anchor (its first
 * CfnResource in construct-tree order); every other resource is not applicable. Because cdk-nag
 * and aws-cdk-lib look for acknowledgements on the resource and all its parents, an app whose
 * budgets live elsewhere acknowledges the finding once, on the app or the stack.
 */
export function appDeclaresBudget(node: CfnResource, context: RuleContext): NagRuleResult {
  const scan = context.appScan(node.node.root);
  if (scan.anchor !== node) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return scan.resourceTypes.has(CfnBudget.CFN_RESOURCE_TYPE_NAME) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

export const BUDGET_DECLARED: FinOpsRuleDefinition = {
  suffix: 'BudgetDeclared',
  info: 'The app declares no AWS::Budgets::Budget (reported once, on the first resource of the app).',
  explanation:
    'Without a budget nobody hears about spend until the invoice arrives. ' +
    'Fix: declare a budget for the resources of this app (e.g. FinOpsBudget with a cost filter on its tags), ' +
    'or acknowledge the rule on the app when its budgets are declared in another app. ' +
    'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html',
  level: NagMessageLevel.ERROR,
  check: appDeclaresBudget,
};

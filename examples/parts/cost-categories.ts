import { Stack } from 'aws-cdk-lib';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { BudgetLimit, CostCategoryOrg, CostCategoryRule, CostFilter, FinOpsBudget, SplitChargeRule } from '../../src';

/** The seed's "OrganizationUnits" category, by business unit: the anomaly part filters on its Production value. */
export const BUSINESS_UNIT_CATEGORY = 'business-unit';

/** The member accounts of each business unit; the first value an account is listed under wins. */
export const BUSINESS_UNIT_ACCOUNTS: { [businessUnit: string]: string[] } = {
  'Production': ['222222222222', '333333333333'],
  'Development': ['444444444444'],
  'Shared Services': ['555555555555'],
};

/**
 * The cost-categories part of the example FinOps app: the business-unit category (accounts per
 * unit, dev-tagged spend of other accounts to Development, other spend by its cost-center tag),
 * shared services split over the units that use them, the tags it relies on activated, and a
 * budget of the Production unit.
 */
export function addCostCategories(stack: Stack): CostCategoryOrg {
  const businessUnit = new CostCategoryOrg(stack, 'BusinessUnitCategory', {
    costCategoryName: BUSINESS_UNIT_CATEGORY,
    accountsByValue: BUSINESS_UNIT_ACCOUNTS,
    rules: [
      CostCategoryRule.value('Development', CostFilter.tag('environment', ['dev', 'test'])),
      CostCategoryRule.inheritFromTag('cost-center'),
    ],
    defaultValue: 'Unallocated',
    splitChargeRules: [SplitChargeRule.proportional('Shared Services', ['Production', 'Development'])],
    activateTags: ['team', 'cost-center', 'environment'],
  });

  const productionBudget = new FinOpsBudget(stack, 'ProductionBusinessUnitBudget', {
    budgetName: 'business-unit-production-monthly',
    limit: BudgetLimit.fixedAmount(20000),
    costFilter: businessUnit.filterFor('Production'),
    alerts: [{ thresholds: [80, 100] }],
    alertEmails: ['production-leads@example.com'],
  });
  // The unit's leads get the emails; the FinOps team reads every alert from the budget's topic.
  productionBudget.alertTopic.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));
  // The budget names the category: create it after the category exists.
  productionBudget.node.addDependency(businessUnit);
  return businessUnit;
}

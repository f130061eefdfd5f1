import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { BudgetLimit, CostFilter, FinOpsBudget, NotificationType } from '../../src';
import { acknowledgeUnreadAlertTopics, INTEG_TEST_OPTIONS } from '../support/integ-resources';

// A monthly cost budget with an escalation handled by the alert handler, an email at 80% of the
// actual cost and a forecast alert. After deployment the budget and its notifications are read back.
const app = new App();
const stack = new Stack(app, 'FinOpsBudgetInteg');
acknowledgeUnreadAlertTopics(stack);

const budget = new FinOpsBudget(stack, 'ComputeBudget', {
  budgetName: 'integ-finops-budget-compute',
  limit: BudgetLimit.fixedAmount(100),
  costFilter: CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
  alerts: [
    { thresholds: [80], emails: ['finops@example.com'] },
    { thresholds: [90, 95] },
    { thresholds: [100], notificationType: NotificationType.FORECASTED },
  ],
  alertHandler: {
    tiers: [
      { name: 'optimize', minUtilization: 90 },
      { name: 'emergency', minUtilization: 95 },
    ],
  },
});

const integ = new IntegTest(app, 'FinOpsBudgetTest', { testCases: [stack], ...INTEG_TEST_OPTIONS });

// integ-tests grants `budgets:<ApiName>`, but "The actions in this table are not APIs, but are instead
// permissions that grant access to the [...] APIs that access budgets"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbudgetservice.html):
// the budgets are read with budgets:ViewBudget.
function allowViewBudget(call: IApiCall): IApiCall {
  call.provider.addToRolePolicy({ Effect: 'Allow', Action: ['budgets:ViewBudget'], Resource: [budget.budgetArn] });
  return call;
}

allowViewBudget(integ.assertions
  .awsApiCall('Budgets', 'describeBudget', { AccountId: stack.account, BudgetName: budget.budgetName }))
  .expect(ExpectedResult.objectLike({
    Budget: Match.objectLike({
      BudgetName: 'integ-finops-budget-compute',
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      CostFilters: { Service: ['Amazon Elastic Compute Cloud - Compute'] },
    }),
  }));

// Notifications come back in no stated order: each is looked for on its own.
const expectedNotifications = [
  { NotificationType: 'ACTUAL', Threshold: 80 },
  { NotificationType: 'ACTUAL', Threshold: 90 },
  { NotificationType: 'ACTUAL', Threshold: 95 },
  { NotificationType: 'FORECASTED', Threshold: 100 },
];
for (const notification of expectedNotifications) {
  allowViewBudget(integ.assertions
    .awsApiCall('Budgets', 'describeNotificationsForBudget', { AccountId: stack.account, BudgetName: budget.budgetName }))
    .expect(ExpectedResult.objectLike({
      Notifications: Match.arrayWith([Match.objectLike({ ...notification, ComparisonOperator: 'GREATER_THAN', ThresholdType: 'PERCENTAGE' })]),
    }));
}

app.synth();

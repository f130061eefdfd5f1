import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertPublisher, AlertTopic, BudgetLimit, FinOpsBudget } from '../../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** Budgets sharing one alert topic, as apps with many budgets write them. */
function budgetsSharingTopic(stack: Stack, count: number): sns.ITopic {
  const topic = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] }).topic;
  for (let index = 0; index < count; index++) {
    new FinOpsBudget(stack, `Budget${index}`, { budgetName: `budget-${index}`, limit: BudgetLimit.fixedAmount(100), alertTopic: topic });
  }
  return topic;
}

function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.resolve((construct.node.defaultChild as CfnElement).logicalId);
}

test('the stack works out the shared topic\'s logical ID a few times per synth, not once per budget that names it', () => {
  const stack = newStack();
  const topic = budgetsSharingTopic(stack, 20);
  const allocations = jest.spyOn(Stack.prototype as any, 'allocateLogicalId');
  Template.fromStack(stack);
  const topicAllocations = allocations.mock.calls.filter(([element]) => element === topic.node.defaultChild).length;
  allocations.mockRestore();
  // 20 budgets with 3 notifications each name the topic 60 times, in each of several passes.
  expect(topicAllocations).toBeGreaterThan(0);
  expect(topicAllocations).toBeLessThanOrEqual(2);
});

test('a rename of the topic\'s logical ID made after the budgets is applied to the topic and to every reference', () => {
  const stack = newStack();
  const topic = budgetsSharingTopic(stack, 2);
  const generated = logicalIdOf(stack, topic);
  stack.renameLogicalId(generated, 'CostAlertTopic');
  const template = Template.fromStack(stack);
  template.hasResource('AWS::SNS::Topic', {});
  expect(Object.keys(template.findResources('AWS::SNS::Topic'))).toEqual(['CostAlertTopic']);
  const subscribers = Object.values(template.findResources('AWS::Budgets::Budget'))
    .flatMap((budget: any) => budget.Properties.NotificationsWithSubscribers)
    .map((notification: any) => notification.Subscribers[0].Address);
  expect(subscribers.length).toBeGreaterThan(0);
  subscribers.forEach((address) => expect(address).toEqual({ Ref: 'CostAlertTopic' }));
});

test('a logical ID overridden by the user after construction wins, in the resource and in references to it', () => {
  const stack = newStack();
  budgetsSharingTopic(stack, 1);
  const budget = stack.node.findChild('Budget0') as FinOpsBudget;
  (budget.node.defaultChild as budgets.CfnBudget).overrideLogicalId('TeamBudget');
  new sns.CfnTopic(stack, 'NamedAfterBudget', { displayName: budget.budgetName });
  const template = Template.fromStack(stack);
  expect(Object.keys(template.findResources('AWS::Budgets::Budget'))).toEqual(['TeamBudget']);
  template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: { Ref: 'TeamBudget' } });
});

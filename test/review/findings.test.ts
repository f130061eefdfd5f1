import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { withoutBuiltinValidation } from '../../src/core/builtin-validation';
import { findingsOfStacks, reviewFindings } from '../../src/review/findings';
import { readAssembly, stackFromTemplate } from '../../src/review/template';

let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'finops-findings-'));
});
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

function synthesizedStacks(build: (stack: Stack) => void) {
  const app = new App(withoutBuiltinValidation({ outdir }));
  build(new Stack(app, 'Workload'));
  app.synth();
  return readAssembly(outdir);
}

describe('findingsOfStacks', () => {
  test('an assembly without a budget gets FinOps-BudgetDeclared once, on its first resource', () => {
    const stacks = synthesizedStacks((stack) => {
      new s3.Bucket(stack, 'First', { lifecycleRules: [{ expiration: Duration.days(30) }] });
      new s3.Bucket(stack, 'Second', { lifecycleRules: [{ expiration: Duration.days(30) }] });
    });
    expect(findingsOfStacks(stacks).map((finding) => `${finding.ruleId} ${finding.logicalId}`)).toEqual([
      `FinOps-BudgetDeclared ${stacks[0].resources[0].logicalId}`,
    ]);
  });

  test('honours cdk_nag template metadata acknowledgements written with or without the "FinOps::" prefix', () => {
    const stacks = synthesizedStacks((stack) => {
      const bucket = new s3.CfnBucket(stack, 'Scratch');
      bucket.addMetadata('cdk_nag', {
        rules_to_suppress: [
          { id: 'FinOps-S3Lifecycle', reason: 'Emptied by the nightly job' },
          { id: 'FinOps::FinOps-BudgetDeclared', reason: 'Budgets live in the management account' },
        ],
      });
    });
    expect(findingsOfStacks(stacks).map((finding) => [finding.ruleId, finding.acknowledgedBecause])).toEqual([
      ['FinOps-BudgetDeclared', 'Budgets live in the management account'],
      ['FinOps-S3Lifecycle', 'Emptied by the nightly job'],
    ]);
  });

  test('reads nested stack templates: a budget in a nested stack counts, and its findings name the nested stack', () => {
    const stacks = synthesizedStacks((stack) => {
      new s3.Bucket(stack, 'Workload', { lifecycleRules: [{ expiration: Duration.days(30) }] });
      const nested = new NestedStack(stack, 'Budgets');
      new budgets.CfnBudget(nested, 'Silent', { budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } } });
    });
    const nestedStackId = stacks[0].resources.find((resource) => resource.type === 'AWS::CloudFormation::Stack')!.logicalId;
    expect(stacks.map((stack) => stack.stackName)).toEqual(['Workload', `Workload/${nestedStackId}`]);
    expect(findingsOfStacks(stacks).map((finding) => `${finding.ruleId} ${finding.stackName} ${finding.logicalId}`)).toEqual([
      `FinOps-BudgetNotifies Workload/${nestedStackId} Silent`,
    ]);
  });

  test('stacks read without a template file are not checked', () => {
    const stack = stackFromTemplate('InMemory', { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
    expect(findingsOfStacks([stack])).toEqual([]);
  });

  describe('FinOps-TopicSubscribed: a topic that nobody reads', () => {
    /** A budget publishing its alerts to the topic, so that only the topic finding is left to see. */
    function budgetPublishingTo(stack: Stack, topic: sns.ITopic) {
      new budgets.CfnBudget(stack, 'Budget', {
        budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } },
        notificationsWithSubscribers: [{
          notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80 },
          subscribers: [{ subscriptionType: 'SNS', address: topic.topicArn }],
        }],
      });
    }
    const topicFindings = (stacks: ReturnType<typeof synthesizedStacks>) =>
      findingsOfStacks(stacks).filter((finding) => finding.ruleId === 'FinOps-TopicSubscribed');

    test('a topic that AWS Budgets publishes to, without an AWS::SNS::Subscription, is a warning and the review says so', () => {
      const stacks = synthesizedStacks((stack) => budgetPublishingTo(stack, new sns.Topic(stack, 'Alerts')));
      const findings = topicFindings(stacks);
      expect(findings.map((finding) => [finding.severity, finding.logicalId, finding.resourceType])).toEqual([
        ['warning', stacks[0].resources.find((resource) => resource.type === 'AWS::SNS::Topic')!.logicalId, 'AWS::SNS::Topic'],
      ]);
      const review = reviewFindings(findingsOfStacks(stacks), stacks).join('\n');
      expect(review).not.toContain('Every resource passes');
      expect(review).toContain('### FinOps-TopicSubscribed (warning)');
    });

    test('a topic with a subscription is no finding', () => {
      const stacks = synthesizedStacks((stack) => {
        const topic = new sns.Topic(stack, 'Alerts');
        topic.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));
        budgetPublishingTo(stack, topic);
      });
      expect(topicFindings(stacks)).toEqual([]);
    });

    test('is acknowledged with cdk_nag template metadata', () => {
      const stacks = synthesizedStacks((stack) => {
        const topic = new sns.Topic(stack, 'Alerts');
        (topic.node.defaultChild as sns.CfnTopic).addMetadata('cdk_nag', {
          rules_to_suppress: [{ id: 'FinOps::FinOps-TopicSubscribed', reason: 'The on-call stack subscribes to it' }],
        });
        budgetPublishingTo(stack, topic);
      });
      expect(topicFindings(stacks).map((finding) => finding.acknowledgedBecause)).toEqual(['The on-call stack subscribes to it']);
    });
  });
});

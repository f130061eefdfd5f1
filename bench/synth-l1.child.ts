// The yardstick of synth-library.child.ts: the same resources in raw L1 classes, in an app that
// loads aws-cdk-lib only; with --api-shape, in the shape of the library's public API (see
// SynthAppArguments.apiShape). Run in its own process by synth.ts.
import { statSync } from 'fs';
import { join } from 'path';
import { App, Aws, CfnDeletionPolicy, Fn, NestedStack, Resource, Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { accountId, ALERT_EMAIL, ALERT_THRESHOLDS, budgetAmount, cpuMilliseconds, parseSynthAppArguments, SynthAppOutput } from './synth-inputs';

/** The aws-cdk-lib context key with which OrganizationBudgets writes its nested templates compact. */
const SUPPRESS_TEMPLATE_INDENTATION_CONTEXT = '@aws-cdk/core:suppressTemplateIndentation';

/** The condition of both policies: AWS Budgets of this account only. */
function budgetsOfThisAccount() {
  return {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': Fn.join('', ['arn:', Aws.PARTITION, ':budgets::', Aws.ACCOUNT_ID, ':*']) },
  };
}

/** The alert topic as AlertTopic declares it: customer-managed key, TLS-only, published by Budgets of this account. Returns its ARN. */
function alertTopic(scope: Construct): string {
  const key = new kms.CfnKey(scope, 'AlertsKey', {
    description: 'Encrypts the cost alert topic',
    enableKeyRotation: true,
    keyPolicy: {
      Statement: [
        { Action: 'kms:*', Effect: 'Allow', Principal: { AWS: Fn.join('', ['arn:', Aws.PARTITION, ':iam::', Aws.ACCOUNT_ID, ':root']) }, Resource: '*' },
        {
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Condition: budgetsOfThisAccount(),
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Resource: '*',
          Sid: 'AllowBudgetsToEncrypt',
        },
      ],
      Version: '2012-10-17',
    },
  });
  key.cfnOptions.deletionPolicy = key.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
  const topic = new sns.CfnTopic(scope, 'AlertsTopic', { kmsMasterKeyId: key.attrArn });
  new sns.CfnTopicPolicy(scope, 'AlertsTopicPolicy', {
    topics: [topic.ref],
    policyDocument: {
      Statement: [
        {
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Effect: 'Deny',
          Principal: '*',
          Resource: topic.ref,
          Sid: 'AllowPublishThroughSSLOnly',
        },
        {
          Action: 'sns:Publish',
          Condition: budgetsOfThisAccount(),
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Resource: topic.ref,
          Sid: 'AllowBudgetsToPublish',
        },
      ],
      Version: '2012-10-17',
    },
  });
  return topic.ref;
}

/** The same key, topic and policies in the L2 classes that AlertTopic exposes (`encryptionKey`, `topic`). Returns the topic's ARN. */
function l2AlertTopic(scope: Construct): string {
  const key = new kms.Key(scope, 'AlertsKey', { description: 'Encrypts the cost alert topic', enableKeyRotation: true });
  const topic = new sns.Topic(scope, 'AlertsTopic', { masterKey: key, enforceSSL: true });
  const budgetsService = new iam.ServicePrincipal('budgets.amazonaws.com');
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsToPublish',
    principals: [budgetsService],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: budgetsOfThisAccount(),
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsToEncrypt',
    principals: [budgetsService],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions: budgetsOfThisAccount(),
  }));
  return topic.topicArn;
}

/** A construct that holds one budget, as a FinOpsBudget (a Resource) does. */
class BudgetHolder extends Resource {}

/**
 * One monthly cost budget of one account, notifying the topic and the email at every threshold;
 * in the API's shape, inside a construct of its own as a FinOpsBudget holds it.
 */
function accountBudget(scope: Construct, index: number, topicArn: string, apiShape: boolean): void {
  const subscribers = [{ subscriptionType: 'SNS', address: topicArn }, { subscriptionType: 'EMAIL', address: ALERT_EMAIL }];
  const [budgetScope, budgetId] = apiShape ? [new BudgetHolder(scope, `Budget${index}`), 'Resource'] : [scope, `Budget${index}`];
  new budgets.CfnBudget(budgetScope, budgetId, {
    budget: {
      budgetName: `budget-${index}`,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      budgetLimit: { amount: budgetAmount(index), unit: 'USD' },
      costFilters: { LinkedAccount: [accountId(index)] },
    },
    notificationsWithSubscribers: ALERT_THRESHOLDS.map(([notificationType, threshold]) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    })),
  });
}

const { shape, count, budgetsPerNestedStack, apiShape } = parseSynthAppArguments(process.argv.slice(2));
const app = new App();
const stack = new Stack(app, 'Bench');
const topicArn = apiShape ? l2AlertTopic(stack) : alertTopic(stack);
const nestedStacks: NestedStack[] = [];
if (shape === 'budgets') {
  for (let index = 0; index < count; index++) {
    accountBudget(stack, index, topicArn, apiShape);
  }
} else {
  const accounts = new Construct(stack, 'Accounts');
  accounts.node.setContext(SUPPRESS_TEMPLATE_INDENTATION_CONTEXT, true);
  let index = 0;
  budgetsPerNestedStack.forEach((size, stackIndex) => {
    const nested = new NestedStack(accounts, `Budgets${stackIndex + 1}`);
    nestedStacks.push(nested);
    for (const end = index + size; index < end; index++) {
      accountBudget(nested, index, topicArn, apiShape);
    }
  });
}
const assembly = app.synth();
const output: SynthAppOutput = {
  templateBytes: statSync(assembly.getStackByName(stack.stackName).templateFullPath).size,
  budgetsPerNestedStack,
  largestNestedTemplateBytes: Math.max(0, ...nestedStacks.map((nested) => statSync(join(assembly.directory, nested.templateFile)).size)),
  cpuMs: cpuMilliseconds(),
};
process.stdout.write(JSON.stringify(output));

import { statSync } from 'fs';
import { join } from 'path';
import { App, Aws, Fn, Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { median, Measurement, timed } from './measure';
import { AlertPublisher, AlertTopic, BudgetLimit, CostFilter, FinOpsBudget, NotificationType, OrganizationBudgets } from '../src';

/** Escalating alerts: three ACTUAL thresholds and one FORECASTED. */
const ESCALATION = [{ thresholds: [50, 80, 100] }, { thresholds: [100], notificationType: NotificationType.FORECASTED }];
const THRESHOLDS: Array<[string, number]> = [['ACTUAL', 50], ['ACTUAL', 80], ['ACTUAL', 100], ['FORECASTED', 100]];
const EMAIL = 'finops@example.com';

function accountId(index: number): string {
  return String(100_000_000_000 + index);
}

function newStack(): Stack {
  return new Stack(new App(), 'Bench');
}

/** The library: one shared AlertTopic and one FinOpsBudget per account. */
export function libraryStack(count: number): Stack {
  const stack = newStack();
  const topic = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] }).topic;
  for (let index = 0; index < count; index++) {
    new FinOpsBudget(stack, `Budget${index}`, {
      budgetName: `budget-${index}`,
      limit: BudgetLimit.fixed(1000 + index),
      costFilter: CostFilter.linkedAccounts([accountId(index)]),
      alerts: ESCALATION,
      alertEmails: [EMAIL],
      alertTopic: topic,
    });
  }
  return stack;
}

/**
 * The same resources with aws-cdk-lib L1 classes only: key, topic, topic policy, budgets.
 * With `sameConstructPaths`, each L1 sits at the construct path the library gives it (so the
 * logical IDs are the library's): what remains between the two is the library's own work.
 */
export function l1Stack(count: number, sameConstructPaths = false): Stack {
  const stack = newStack();
  const at = (flatId: string, libraryPath: string): [Construct, string] => (sameConstructPaths ? constructPath(stack, libraryPath) : [stack, flatId]);
  const budgetsOfThisAccount = {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': Fn.join('', ['arn:', Aws.PARTITION, ':budgets::', Aws.ACCOUNT_ID, ':*']) },
  };
  const key = new kms.CfnKey(...at('AlertsKey', 'Alerts/Key/Resource'), {
    description: 'Encrypts the cost alert topic Bench/Alerts',
    enableKeyRotation: true,
    keyPolicy: {
      Statement: [
        { Action: 'kms:*', Effect: 'Allow', Principal: { AWS: Fn.join('', ['arn:', Aws.PARTITION, ':iam::', Aws.ACCOUNT_ID, ':root']) }, Resource: '*' },
        {
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Condition: budgetsOfThisAccount,
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Resource: '*',
          Sid: 'AllowBudgetsToEncrypt',
        },
      ],
      Version: '2012-10-17',
    },
  });
  key.cfnOptions.deletionPolicy = key.cfnOptions.updateReplacePolicy = 'Retain' as any;
  const topic = new sns.CfnTopic(...at('AlertsTopic', 'Alerts/Topic/Resource'), { kmsMasterKeyId: key.attrArn });
  new sns.CfnTopicPolicy(...at('AlertsTopicPolicy', 'Alerts/Topic/Policy/Resource'), {
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
          Condition: budgetsOfThisAccount,
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Resource: topic.ref,
          Sid: 'AllowBudgetsToPublish',
        },
      ],
      Version: '2012-10-17',
    },
  });
  const subscribers = [{ subscriptionType: 'SNS', address: topic.ref }, { subscriptionType: 'EMAIL', address: EMAIL }];
  for (let index = 0; index < count; index++) {
    new budgets.CfnBudget(...at(`Budget${index}`, `Budget${index}/Resource`), {
      budget: {
        budgetName: `budget-${index}`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: 1000 + index, unit: 'USD' },
        costFilters: { LinkedAccount: [accountId(index)] },
      },
      notificationsWithSubscribers: THRESHOLDS.map(([notificationType, threshold]) => ({
        notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
        subscribers,
      })),
    });
  }
  return stack;
}

/** The scope and id that put a construct at `path` under `stack`, creating the constructs between. */
function constructPath(stack: Stack, path: string): [Construct, string] {
  const ids = path.split('/');
  const scope = ids.slice(0, -1).reduce<Construct>((parent, id) => (parent.node.tryFindChild(id) as Construct) ?? new Construct(parent, id), stack);
  return [scope, ids[ids.length - 1]];
}

/** Builds the app and writes its cloud assembly; returns the time taken and the template's bytes. */
function synthesize(build: () => Stack): { ms: number; bytes: number } {
  let bytes = 0;
  const ms = timed(() => {
    const stack = build();
    const assembly = (stack.node.root as App).synth();
    bytes = Buffer.byteLength(JSON.stringify(assembly.getStackByName(stack.stackName).template, undefined, 1));
  });
  return { ms, bytes };
}

/**
 * Library against L1 at each size (fresh apps, runs interleaved so that machine load hits all
 * alike), the medians of `repeats` runs.
 */
export function librarySynthRatios(sizes: number[], repeats: number): Measurement[] {
  synthesize(() => libraryStack(10));
  synthesize(() => l1Stack(10));
  return sizes.flatMap((size) => {
    const library: number[] = [];
    const l1: number[] = [];
    const l1SamePaths: number[] = [];
    let libraryBytes = 0;
    let l1Bytes = 0;
    let l1SamePathsBytes = 0;
    for (let run = 0; run < repeats; run++) {
      const libraryRun = synthesize(() => libraryStack(size));
      const l1Run = synthesize(() => l1Stack(size));
      library.push(libraryRun.ms);
      l1.push(l1Run.ms);
      const l1SamePathsRun = synthesize(() => l1Stack(size, true));
      l1SamePaths.push(l1SamePathsRun.ms);
      l1SamePathsBytes = l1SamePathsRun.bytes;
      libraryBytes = libraryRun.bytes;
      l1Bytes = l1Run.bytes;
    }
    return [
      { name: `synth.library.budgets_${size}.time`, value: median(library), unit: 'ms' },
      { name: `synth.l1.budgets_${size}.time`, value: median(l1), unit: 'ms' },
      { name: `synth.ratio.budgets_${size}.time`, value: median(library) / median(l1), unit: 'ratio' },
      { name: `synth.l1_at_library_paths.budgets_${size}.time`, value: median(l1SamePaths), unit: 'ms' },
      { name: `synth.ratio_to_l1_at_library_paths.budgets_${size}.time`, value: median(library) / median(l1SamePaths), unit: 'ratio' },
      { name: `synth.library.budgets_${size}.template`, value: libraryBytes, unit: 'bytes' },
      { name: `synth.l1.budgets_${size}.template`, value: l1Bytes, unit: 'bytes' },
      { name: `synth.ratio.budgets_${size}.template`, value: libraryBytes / l1Bytes, unit: 'ratio' },
      { name: `synth.ratio_to_l1_at_library_paths.budgets_${size}.template`, value: libraryBytes / l1SamePathsBytes, unit: 'ratio' },
    ];
  });
}

/** 5,000 account budgets with escalating alerts through OrganizationBudgets, limits checked. */
export function organizationSynth(count: number, suffix: string): Measurement[] {
  let stacks = 0;
  let largestTemplate = 0;
  const ms = timed(() => {
    const stack = newStack();
    const org = new OrganizationBudgets(stack, 'Accounts', {
      budgets: Array.from({ length: count }, (_, index) => ({ accountId: accountId(index), amount: 1000 + index })),
      alerts: ESCALATION,
      alertEmails: [EMAIL],
    });
    const assembly = (stack.node.root as App).synth();
    stacks = org.stacks.length;
    largestTemplate = Math.max(...org.stacks.map((nested) => statSync(join(assembly.directory, nested.templateFile)).size));
  });
  return [
    { name: `synth.organization.budgets_${count}.time${suffix}`, value: ms, unit: 'ms' },
    { name: `synth.organization.budgets_${count}.nested_stacks${suffix}`, value: stacks, unit: 'count' },
    { name: `synth.organization.budgets_${count}.largest_template${suffix}`, value: largestTemplate, unit: 'bytes' },
  ];
}

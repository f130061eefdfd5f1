import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { SNSEvent } from 'aws-lambda';
import {
  AlertPublisher, AlertTopic, BudgetLimit, FinOpsBudget,
  OptimizationPipeline, OptimizationPipelineProps, Optimizer, OptimizerKind, OrganizationTargets,
} from '../../src';
import { handler } from '../../src/budgets/alert-handler.lambda';
import { runTimeOf } from '../../src/runtime/optimization-handlers/environment';
import {
  AwsLoopback, awsJsonError, awsJsonReply, lambdaInvokeReply, queryError, queryReply, restJsonReply, setEnvironment, useLoopbackEnvironment,
} from '../support/aws-loopback';
import { DeployedTemplate } from '../support/deployed';
import { awsSolutionsFindings } from '../support/nag';

const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const ACCOUNT = '111111111111';
const EMERGENCY_FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:emergency-responder`;
const actualNotification = fs.readFileSync(path.join(__dirname, '../runtime/budget-alerts/fixtures/budget-notification.actual.txt'), 'utf-8');

function snsEvent(...messages: string[]): SNSEvent {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `arn:aws:sns:us-east-1:${ACCOUNT}:budget-alerts:sub`,
      Sns: {
        Type: 'Notification',
        MessageId: `message-${index}`,
        TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:budget-alerts`,
        Subject: 'AWS Budgets: ec2-compute-monthly has exceeded your alert threshold',
        Message: message,
        Timestamp: '2026-11-26T10:00:00.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://example.invalid/cert.pem',
        UnsubscribeUrl: 'https://example.invalid/unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

const publishReply = () => queryReply('Publish', '<MessageId>5f4e9a1c-0000-4000-8000-000000000001</MessageId>', SNS_XMLNS);

/** The ec2-compute-monthly budget with the seed's three tiers, as synthesized, and the handler environment it deploys with. */
function deployedBudget() {
  const stack = new Stack(new App(), 'Budgets', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const analyze = new sns.Topic(stack, 'Analyze', { topicName: 'analyze' });
  const optimize = new sns.Topic(stack, 'Optimize', { topicName: 'optimize' });
  const budget = new FinOpsBudget(stack, 'Ec2Compute', {
    budgetName: 'ec2-compute-monthly',
    limit: BudgetLimit.fixedAmount(10000),
    alertHandler: {
      tiers: [
        { name: 'analyze', minUtilization: 70, topic: analyze },
        { name: 'optimize', minUtilization: 80, topic: optimize },
        { name: 'emergency', minUtilization: 90, targetFunction: lambda.Function.fromFunctionArn(stack, 'Emergency', EMERGENCY_FUNCTION) },
      ],
    },
  });
  const deployed = DeployedTemplate.of(stack);
  return { environment: deployed.functionEnvironment(budget.alertHandler!), optimizeTopicArn: deployed.resolve(stack.resolve(optimize.topicArn)) };
}

/** Runs the handler with a deployed function's environment, as Lambda would. */
async function runWithEnvironment<T>(environment: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const restore = setEnvironment(environment);
  try {
    return await run();
  } finally {
    restore();
  }
}

let loopback: AwsLoopback;
let restoreEnvironment: () => void;
const { environment, optimizeTopicArn } = deployedBudget();
const runHandler = (event: unknown) => runWithEnvironment(environment, () => handler(event));

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);
});

afterAll(async () => {
  restoreEnvironment();
  await loopback.stop();
});

beforeEach(() => {
  loopback.requests.length = 0;
});

describe('budget alert handler, through the real SNS and Lambda clients, with the environment the template gives it', () => {
  test('publishes the escalation of an 83.12% notification to the optimize tier topic', async () => {
    loopback.queue('Publish', publishReply());

    await expect(runHandler(snsEvent(actualNotification))).resolves.toEqual({ escalated: 1, skipped: 0, optimizerRunsStarted: 0 });

    const [publish] = loopback.requestsFor('Publish');
    expect(publish.input.TopicArn).toBe(optimizeTopicArn);
    expect(publish.input.Subject).toBe('[optimize] Budget ec2-compute-monthly at 83.12% (ACTUAL)');
    expect(publish.input['MessageAttributes.entry.1.Name']).toBe('tier');
    expect(publish.input['MessageAttributes.entry.1.Value.StringValue']).toBe('optimize');
    expect(JSON.parse(publish.input.Message)).toEqual({
      tier: 'optimize',
      budgetName: 'ec2-compute-monthly',
      alertType: 'ACTUAL',
      accountId: ACCOUNT,
      budgetedAmount: '10000.00',
      observedAmount: '8312.47',
      unit: 'USD',
      utilizationPercent: '83.12',
      remainingAmount: '1687.53',
    });
  });

  test('retries a throttled publish and succeeds', async () => {
    loopback.queue('Publish', queryError('Throttling', 'Rate exceeded', 400), publishReply());

    await expect(runHandler(snsEvent(actualNotification))).resolves.toEqual({ escalated: 1, skipped: 0, optimizerRunsStarted: 0 });
    expect(loopback.requestsFor('Publish')).toHaveLength(2);
  });

  test('invokes the emergency tier function asynchronously', async () => {
    loopback.queue('Invoke', lambdaInvokeReply(undefined));
    const overspent = actualNotification.replace('ACTUAL Amount: $8,312.47', 'ACTUAL Amount: $9,512.00');

    await runHandler(snsEvent(overspent));

    const [invoke] = loopback.requestsFor('Invoke');
    expect(invoke.path).toBe(`/2015-03-31/functions/${EMERGENCY_FUNCTION}/invocations`);
    expect(invoke.headers['x-amz-invocation-type']).toBe('Event');
    expect(JSON.parse(invoke.rawBody)).toMatchObject({ tier: 'emergency', utilizationPercent: '95.12', remainingAmount: '488' });
    expect(loopback.requestsFor('Publish')).toHaveLength(0);
  });

  test('skips messages that are not budget notifications or below every tier, calling nothing', async () => {
    const belowTiers = actualNotification.replace('ACTUAL Amount: $8,312.47', 'ACTUAL Amount: $1,000.00');

    await expect(runHandler(snsEvent('You have chosen to subscribe to the topic', belowTiers))).resolves.toEqual({ escalated: 0, skipped: 2, optimizerRunsStarted: 0 });
    expect(loopback.requests).toHaveLength(0);
  });

  test('fails the invocation when delivery is refused, so that Lambda retries the event', async () => {
    loopback.queue('Publish', queryError('AuthorizationError', 'User is not authorized to perform: SNS:Publish', 403));

    await expect(runHandler(snsEvent(actualNotification))).rejects.toThrow(/not authorized/);
  });
});

describe('malformed input is logged and skipped, never escalated', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  test.each([
    ['an event without Records', {}],
    ['no event at all', undefined],
    ['Records that are not a list', { Records: 'none' }],
    ['a record without Sns', { Records: [{ EventSource: 'aws:sns' }] }],
    ['a record whose message is not text', { Records: [{ Sns: { MessageId: 'm', Message: { amount: 1 } } }] }],
  ])('%s', async (_name, event) => {
    await expect(runHandler(event)).resolves.toEqual({ escalated: 0, skipped: 1, optimizerRunsStarted: 0 });
    expect(loopback.requests).toHaveLength(0);
    // An object, not a JSON string: Lambda's JSON log format keeps it as the message's fields.
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.any(String) }));
  });

  test.each([
    ['an observed amount of "$,"', 'ACTUAL Amount: $,'],
    ['an observed amount of "$1,2,3,4" (not 1234)', 'ACTUAL Amount: $1,2,3,4'],
    ['an observed amount with a misplaced separator, "$9,51,2.00"', 'ACTUAL Amount: $9,51,2.00'],
    ['an observed amount without digits, "$."', 'ACTUAL Amount: $.'],
  ])('%s', async (_name, observedLine) => {
    const malformed = actualNotification.replace('ACTUAL Amount: $8,312.47', observedLine);

    await expect(runHandler(snsEvent(malformed))).resolves.toEqual({ escalated: 0, skipped: 1, optimizerRunsStarted: 0 });
    expect(loopback.requests).toHaveLength(0);
    expect(log).toHaveBeenCalledWith({ skipped: 'message-0', reason: 'not a well-formed budget notification' });
  });

  test('a malformed record does not stop the well-formed one after it', async () => {
    loopback.queue('Publish', publishReply());
    const event = { Records: [{ EventSource: 'aws:sns' }, ...snsEvent(actualNotification).Records] };

    await expect(runHandler(event)).resolves.toEqual({ escalated: 1, skipped: 1, optimizerRunsStarted: 0 });
    expect(loopback.requestsFor('Publish')).toHaveLength(1);
  });
});

describe('several budgets sharing one alert topic, each with the alert handler', () => {
  test('one notification is escalated exactly once, by the handler of the budget it names', async () => {
    const stack = new Stack(new App(), 'Teams', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const shared = new AlertTopic(stack, 'TeamAlerts', { publishers: [AlertPublisher.BUDGETS] });
    const budgets = ['team-data-monthly', 'team-web-monthly'].map((budgetName) => new FinOpsBudget(stack, budgetName, {
      budgetName,
      limit: BudgetLimit.fixedAmount(10000),
      alertTopic: shared.topic,
      alertHandler: {},
    }));
    const deployed = DeployedTemplate.of(stack);
    // SNS delivers every message of the topic to every subscribed handler.
    const handlerEnvironments = budgets.map((budget) => deployed.functionEnvironment(budget.alertHandler!));
    expect(Object.values<any>(deployed.template.Resources).filter((resource) => resource.Type === 'AWS::SNS::Subscription'
      && resource.Properties.Protocol === 'lambda')).toHaveLength(2);
    loopback.on('Publish', publishReply);
    const dataNotification = actualNotification.replace(/ec2-compute-monthly/g, 'team-data-monthly');

    const results = [];
    for (const handlerEnvironment of handlerEnvironments) {
      results.push(await runWithEnvironment(handlerEnvironment, () => handler(snsEvent(dataNotification))));
    }

    expect(results).toEqual([{ escalated: 1, skipped: 0, optimizerRunsStarted: 0 }, { escalated: 0, skipped: 1, optimizerRunsStarted: 0 }]);
    const publishes = loopback.requestsFor('Publish');
    expect(publishes).toHaveLength(1);
    expect(publishes[0].input.TopicArn).toBe(deployed.resolve(stack.resolve(budgets[0].escalationTopic!.topicArn)));
    expect(JSON.parse(publishes[0].input.Message)).toMatchObject({ budgetName: 'team-data-monthly', tier: 'optimize' });
  });

  test('a handler without BUDGET_NAME refuses to run rather than escalate every budget of a shared topic', async () => {
    const { BUDGET_NAME: _omitted, ...withoutBudgetName } = environment;
    const previous = process.env.BUDGET_NAME;
    delete process.env.BUDGET_NAME;
    try {
      await expect(runWithEnvironment(withoutBudgetName, () => handler(snsEvent(actualNotification)))).rejects.toThrow(/BUDGET_NAME/);
    } finally {
      if (previous !== undefined) process.env.BUDGET_NAME = previous;
    }
    expect(loopback.requests).toHaveLength(0);
  });
});

describe('a budget tier that starts the optimization pipeline, deployed as the template says', () => {
  const NOTIFIED_AT = '2026-11-26T10:00:00.000Z';

  /** A pipeline and the ec2-compute-monthly budget whose optimize tier (80%) starts it. */
  function deployedLink(pipelineProps: OptimizationPipelineProps, optimizerKinds?: OptimizerKind[]) {
    const stack = new Stack(new App(), 'Linked', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const pipeline = new OptimizationPipeline(stack, 'Optimization', pipelineProps);
    const budget = new FinOpsBudget(stack, 'Ec2Compute', {
      budgetName: 'ec2-compute-monthly',
      limit: BudgetLimit.fixedAmount(10000),
      alertHandler: {
        tiers: [
          { name: 'analyze', minUtilization: 70 },
          { name: 'optimize', minUtilization: 80, startOptimizers: pipeline, optimizerKinds },
        ],
      },
    });
    const deployed = DeployedTemplate.of(stack);
    return { stack, pipeline, budget, deployed, environment: deployed.functionEnvironment(budget.alertHandler!) };
  }

  test('an 83.12% notification escalates and invokes each optimizer asynchronously, its run about the notification\'s moment', async () => {
    const { pipeline, deployed, environment: linkedEnvironment } = deployedLink({ optimizers: [Optimizer.costAnalysis(), Optimizer.storage()] });
    loopback.queue('Publish', publishReply());
    loopback.on('Invoke', () => lambdaInvokeReply(undefined));

    const result = await runWithEnvironment(linkedEnvironment, () => handler(snsEvent(actualNotification)));

    expect(result).toEqual({ escalated: 1, skipped: 0, optimizerRunsStarted: 2 });
    expect(loopback.requestsFor('Publish')).toHaveLength(1);
    const invokes = loopback.requestsFor('Invoke');
    expect(invokes.map((invoke) => invoke.path)).toEqual([OptimizerKind.COST_ANALYSIS, OptimizerKind.STORAGE]
      .map((kind) => `/2015-03-31/functions/${deployed.functionArn(pipeline.functionFor(kind)!)}/invocations`));
    invokes.forEach((invoke) => expect(invoke.headers['x-amz-invocation-type']).toBe('Event'));
    const payload = JSON.parse(invokes[1].rawBody);
    expect(payload).toMatchObject({ scheduledTime: NOTIFIED_AT, trigger: { tier: 'optimize', budgetName: 'ec2-compute-monthly', utilizationPercent: '83.12' } });
    // The optimizer reads the run's moment as it reads a schedule's: its report is named after the notification.
    expect(runTimeOf(payload, new Date('2026-11-26T10:05:00Z')).toISOString()).toBe(NOTIFIED_AT);
  });

  test('below the linked tier nothing starts; optimizerKinds narrows what does', async () => {
    const { pipeline, deployed, environment: linkedEnvironment } = deployedLink(
      { optimizers: [Optimizer.costAnalysis(), Optimizer.storage()] }, [OptimizerKind.STORAGE]);
    loopback.on('Publish', publishReply);
    loopback.on('Invoke', () => lambdaInvokeReply(undefined));
    const at75 = actualNotification.replace('ACTUAL Amount: $8,312.47', 'ACTUAL Amount: $7,500.00');

    await expect(runWithEnvironment(linkedEnvironment, () => handler(snsEvent(at75))))
      .resolves.toEqual({ escalated: 1, skipped: 0, optimizerRunsStarted: 0 });
    expect(loopback.requestsFor('Invoke')).toHaveLength(0);

    await expect(runWithEnvironment(linkedEnvironment, () => handler(snsEvent(actualNotification))))
      .resolves.toMatchObject({ optimizerRunsStarted: 1 });
    expect(loopback.requestsFor('Invoke').map((invoke) => invoke.path))
      .toEqual([`/2015-03-31/functions/${deployed.functionArn(pipeline.functionFor(OptimizerKind.STORAGE)!)}/invocations`]);
  });

  test('with organization scope the storage optimizer starts the organization state machine, once per notification', async () => {
    const { stack, pipeline, environment: linkedEnvironment } = deployedLink({
      optimizers: [Optimizer.storage()],
      organization: { targets: OrganizationTargets.organizationalUnits(['ou-abcd-11111111']), regions: ['us-east-1'] },
    });
    const stateMachineArn = DeployedTemplate.of(stack).resolve(stack.resolve(pipeline.organizationStateMachine!.stateMachineArn));
    loopback.on('Publish', publishReply);
    loopback.queue('StartExecution', awsJsonReply({ executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:budget-alert-message-0`, startDate: 1795600000 }));
    // SNS redelivers the same message after the first execution closed: the run exists, nothing fails.
    loopback.queue('StartExecution', awsJsonError('ExecutionAlreadyExists', 'Execution Already Exists: budget-alert-message-0'));

    for (let delivery = 0; delivery < 2; delivery++) {
      await expect(runWithEnvironment(linkedEnvironment, () => handler(snsEvent(actualNotification))))
        .resolves.toMatchObject({ optimizerRunsStarted: 1 });
    }

    const starts = loopback.requestsFor('StartExecution');
    expect(starts.map((start) => [start.input.stateMachineArn, start.input.name])).toEqual([
      [stateMachineArn, 'budget-alert-message-0'],
      [stateMachineArn, 'budget-alert-message-0'],
    ]);
    expect(JSON.parse(starts[0].input.input)).toMatchObject({ scheduledTime: NOTIFIED_AT });
    expect(loopback.requestsFor('Invoke')).toHaveLength(0);
  });

  test('a refused start fails the invocation, so that Lambda retries the event', async () => {
    const { environment: linkedEnvironment } = deployedLink({ optimizers: [Optimizer.storage()] });
    loopback.on('Publish', publishReply);
    loopback.queue('Invoke', restJsonReply({ Type: 'User', message: 'not authorized to perform: lambda:InvokeFunction' }, 403, { 'x-amzn-errortype': 'AccessDeniedException' }));

    await expect(runWithEnvironment(linkedEnvironment, () => handler(snsEvent(actualNotification)))).rejects.toThrow(/not authorized/);
  });

  test('the handler may start exactly the linked optimizers: invoke on their functions, start on the organization run', () => {
    const plain = deployedLink({ optimizers: [Optimizer.costAnalysis(), Optimizer.storage(), Optimizer.commitments()] }, [OptimizerKind.STORAGE]);
    const template = Template.fromStack(plain.stack);
    const storageArn = plain.stack.resolve(plain.pipeline.functionFor(OptimizerKind.STORAGE)!.functionArn);
    const handlerPolicy = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .find((policy) => JSON.stringify(policy.Properties.Roles).includes('AlertHandlerRole'));
    const invokeStatements = handlerPolicy.Properties.PolicyDocument.Statement
      .filter((statement: any) => statement.Action === 'lambda:InvokeFunction');
    expect(invokeStatements).toEqual([{
      Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [storageArn, { 'Fn::Join': ['', [storageArn, ':*']] }],
    }]);
    expect(JSON.parse(plain.environment.ALERT_TIERS)[1].optimizerRuns)
      .toEqual([{ kind: 'storage', functionArn: plain.deployed.functionArn(plain.pipeline.functionFor(OptimizerKind.STORAGE)!) }]);

    const organization = deployedLink({
      optimizers: [Optimizer.storage()],
      organization: { targets: OrganizationTargets.organizationalUnits(['ou-abcd-11111111']), regions: ['us-east-1'] },
    });
    Template.fromStack(organization.stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('AlertHandlerRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'states:StartExecution', Effect: 'Allow', Resource: organization.stack.resolve(organization.pipeline.organizationStateMachine!.stateMachineArn),
        }]),
      },
    });
  });

  test('the linked budget and pipeline leave cdk-nag AwsSolutions clean', () => {
    const { stack } = deployedLink({ optimizers: [Optimizer.costAnalysis(), Optimizer.storage()] });
    expect(awsSolutionsFindings(stack.node.root as App)).toBe('');
  });

  test('optimizerKinds without a pipeline, or naming an optimizer the pipeline does not run, fail at synth', () => {
    const stack = new Stack(new App(), 'Invalid', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const pipeline = new OptimizationPipeline(stack, 'Optimization', { optimizers: [Optimizer.costAnalysis()] });
    expect(() => new FinOpsBudget(stack, 'NoPipeline', {
      limit: BudgetLimit.fixedAmount(100),
      alertHandler: { tiers: [{ name: 'optimize', minUtilization: 80, optimizerKinds: [OptimizerKind.STORAGE] }] },
    })).toThrow(/Invalid\/NoPipeline: .* breaks the rule: alert tier "optimize" names optimizerKinds without a pipeline to start them in/);
    expect(() => new FinOpsBudget(stack, 'NotRun', {
      limit: BudgetLimit.fixedAmount(100),
      alertHandler: { tiers: [{ name: 'optimize', minUtilization: 80, startOptimizers: pipeline, optimizerKinds: [OptimizerKind.STORAGE] }] },
    })).toThrow(/Invalid\/Optimization: "storage" breaks the rule: a run can be started only for an optimizer the pipeline runs \(cost-analysis\)\. Fix: add Optimizer\.storage\(\)/);
  });
});

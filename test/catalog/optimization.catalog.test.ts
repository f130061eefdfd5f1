/**
 * Catalog of OptimizationPipeline / Optimizer inputs drawn from AWS's documents: every invalid case
 * must fail at synth with a message naming the path, the value, the rule and the fix; every valid
 * boundary case, tokens of every kind included, must synthesize.
 */
import { App, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { describeValue } from '../../src/core/validation';
import { OptimizationPipeline, OptimizationPipelineProps, Optimizer } from '../../src/optimization';
import { pipelineViolations } from '../../src/optimization/private/pipeline-rules';
import { awsSolutionsFindings } from '../support/nag';

type PropsOf = (stack: Stack) => OptimizationPipelineProps;

function synthesize(props: PropsOf): Template {
  const stack = new Stack(new App(), 'Stack');
  new OptimizationPipeline(stack, 'Pipeline', props(stack));
  return Template.fromStack(stack);
}

const cron = (expression: string) => scheduler.ScheduleExpression.expression(expression);
const storageOn = (expression: string): OptimizationPipelineProps => ({ optimizers: [Optimizer.storage({ schedule: cron(expression) })] });

// [case, props, the value as the message shows it, the rule's words]
const INVALID: Array<[string, OptimizationPipelineProps, string, RegExp]> = [
  // EventBridge Scheduler: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
  // "A cron expression consists of six fields separated by white spaces"
  ['a five-field cron', storageOn('cron(0 8 * * MON)'), '"cron(0 8 * * MON)"', /a cron expression has six fields .* this one has 5/],
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
  // "You can't use * in both the Day-of-month and Day-of-week fields. If you use it in one, you must use ? in the other."
  ['a cron without ? in a day field', storageOn('cron(0 8 * * * *)'), '"cron(0 8 * * * *)"', /has "\?" in its day-of-month or its day-of-week field/],
  ['a cron with values in both day fields', storageOn('cron(0 8 1 * MON *)'), '"cron(0 8 1 * MON *)"', /has "\?" in its day-of-month/],
  // "A rate expression consists of a value as a positive integer, and a unit with the following options: minute | minutes | hour | hours | day | days"
  ['a zero rate', storageOn('rate(0 days)'), '"rate(0 days)"', /a rate expression's value is a positive integer/],
  ['a rate in weeks', storageOn('rate(1 week)'), '"rate(1 week)"', /a schedule expression is rate\(value unit\)/],
  // "at expression - at(yyyy-mm-ddThh:mm:ss)"
  ['an at() without time', storageOn('at(2030-01-01)'), '"at(2030-01-01)"', /a schedule expression is rate\(value unit\).*at\(yyyy-mm-ddThh:mm:ss\)/],
  ['a unix crontab', storageOn('0 8 * * 1'), '"0 8 * * 1"', /a schedule expression is/],
  // S3: https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html "The value must be a non-zero positive integer."
  ['a 0-day report retention', { reportRetention: Duration.days(0) }, '"Duration.days(0)"', /S3 lifecycle expiration is a whole number of days, at least 1/],
  ['a 36-hour report retention', { reportRetention: Duration.hours(36) }, '"Duration.hours(36)"', /S3 lifecycle expiration is a whole number of days/],
  // Step Functions: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_stepfunctions.Timeout.html (a positive integer of seconds)
  ['a 0-day decision timeout', { approval: { decisionTimeout: Duration.days(0) } }, '"Duration.days(0)"', /a whole number of seconds, at least 1/],
  ['a half-second decision timeout', { approval: { decisionTimeout: Duration.millis(500) } }, '"Duration.millis(500)"', /a whole number of seconds, at least 1/],
  // https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (a Standard execution lasts at most one year)
  ['a 366-day decision timeout', { approval: { decisionTimeout: Duration.days(366) } }, '"Duration.days(366)"', /lasts at most 365 days/],
  // CloudWatch: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
  ['an AWS/ namespace', { metricNamespace: 'AWS/EC2' }, '"AWS/EC2"', /reserved for AWS services/],
  ['a 256-character namespace', { metricNamespace: 'n'.repeat(256) }, describeValue('n'.repeat(256)), /1-255 characters/],
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
  ['a dashboard name with a dot', { dashboardName: 'finops.dash' }, '"finops.dash"', /a dashboard name contains only/],
  ['a 256-character dashboard name', { dashboardName: 'd'.repeat(256) }, describeValue('d'.repeat(256)), /a dashboard name is 1-255 characters/],
  // S3 keys: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html (at most 1,024 bytes)
  ['a report prefix past the key limit', { reportPrefix: 'p'.repeat(974) }, describeValue('p'.repeat(974)), /an S3 key is at most 1024 bytes/],
  // Lambda: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
  ['a 901-second optimizer', { optimizers: [Optimizer.rightsizing({ timeout: Duration.seconds(901) })] }, '901', /timeout in seconds must be between 1 and 900/],
  ['10,241 MB of memory', { optimizers: [Optimizer.rightsizing({ memorySize: 10241 })] }, '10241', /memory in MB must be between 128 and 10240/],
  // EC2 tags: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
  ['an aws: protection tag', { optimizers: [Optimizer.storage({ protectionTagKey: 'AWS:keep' })] }, '"AWS:keep"', /reserved for AWS/],
  // Cost Explorer: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostForecast.html (PredictionIntervalLevel 51-99)
  ['a 100% prediction interval', { optimizers: [Optimizer.costAnalysis({ predictionIntervalLevel: 100 })] }, '100', /must be between 51 and 99/],
  ['an email without a domain', { alertEmails: ['finops@'] }, '"finops@"', /every entry of alertEmails is an email address/],
];

describe('invalid input fails at synth with path, value, rule and fix', () => {
  test.each(INVALID)('%s', (_name, props, value, rule) => {
    const escapedValue = value.replace(/[()[\]?.+*^$|{}]/g, (c) => `\\${c}`);
    expect(() => synthesize(() => props)).toThrow(new RegExp(`^Stack/Pipeline: ${escapedValue} breaks the rule: `));
    expect(() => synthesize(() => props)).toThrow(rule);
    expect(() => synthesize(() => props)).toThrow(/\. Fix: .+\.$/);
  });

  test('every violation of one pipeline is found, not only the first', () => {
    const violations = pipelineViolations({
      kinds: [],
      optimizerViolations: [],
      reportPrefix: '/reports',
      metricNamespace: 'AWS/Mine',
      dashboardName: 'a b',
      reportRetention: Duration.days(0),
      alertEmails: ['x', 'y'],
    });
    expect(violations.map((violation) => violation.value)).toEqual([[], '/reports', 'AWS/Mine', 'a b', 'Duration.days(0)', 'x', 'y']);
  });

  test('every violation of one optimizer is found', () => {
    const optimizer = Optimizer.storage({ schedule: cron('rate(0 days)'), memorySize: 1, snapshotRetentionDays: 0 });
    expect(optimizer._config.violations.map((violation) => violation.value)).toEqual(['rate(0 days)', 1, 0]);
  });
});

const number = (stack: Stack, id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
const text = (stack: Stack, id: string) => new CfnParameter(stack, id).valueAsString;
const list = (stack: Stack, id: string) => new CfnParameter(stack, id, { type: 'CommaDelimitedList' }).valueAsList;

const VALID: Array<[string, PropsOf]> = [
  // Boundaries of the documents above.
  ['cron with ? in day-of-week', () => storageOn('cron(0 8 1 * ? *)')],
  ['cron with ? in day-of-month and a time zone', () => ({
    optimizers: [Optimizer.storage({ schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '8', weekDay: 'MON-FRI' }) })],
  })],
  ['rate(1 minute)', () => storageOn('rate(1 minute)')],
  ['rate(2 hours)', () => storageOn('rate(2 hours)')],
  ['at(...)', () => storageOn('at(2030-01-01T06:00:00)')],
  ['ScheduleExpression.rate', () => ({ optimizers: [Optimizer.storage({ schedule: scheduler.ScheduleExpression.rate(Duration.days(7)) })] })],
  ['a 1-day report retention', () => ({ reportRetention: Duration.days(1) })],
  ['a 1-second decision timeout', () => ({ approval: { decisionTimeout: Duration.seconds(1) } })],
  ['a 365-day decision timeout', () => ({ approval: { decisionTimeout: Duration.days(365) } })],
  ['a 255-character namespace and dashboard name', () => ({ metricNamespace: 'n'.repeat(255), dashboardName: 'd'.repeat(255) })],
  ['the longest report prefix', () => ({ reportPrefix: 'p'.repeat(968) })],
  ['900 seconds and 10,240 MB', () => ({ optimizers: [Optimizer.rightsizing({ timeout: Duration.seconds(900), memorySize: 10240 })] })],
  ['a 128-character protection tag', () => ({ optimizers: [Optimizer.storage({ protectionTagKey: 'k'.repeat(128) })] })],
  // Tokens: string, number, list, duration.
  ['string tokens', (stack) => ({
    reportPrefix: text(stack, 'Prefix'),
    metricNamespace: text(stack, 'Namespace'),
    dashboardName: text(stack, 'Dashboard'),
    alertEmails: [text(stack, 'Email')],
    optimizers: [Optimizer.storage({ protectionTagKey: text(stack, 'Tag'), schedule: cron(text(stack, 'Schedule')) })],
  })],
  ['number tokens', (stack) => ({
    approval: { autoApproveBelowMonthlySavings: number(stack, 'Auto'), decisionTimeout: Duration.seconds(number(stack, 'Wait')) },
    reportRetention: Duration.days(number(stack, 'Retention')),
    optimizers: [
      Optimizer.storage({ minMonthlySavings: number(stack, 'StorageMin'), snapshotRetentionDays: number(stack, 'Snapshots'), memorySize: number(stack, 'Memory') }),
      Optimizer.rightsizing({ minMonthlySavings: number(stack, 'RightMin'), minSavingsPercentage: number(stack, 'Pct'), timeout: Duration.seconds(number(stack, 'Timeout')) }),
      Optimizer.costAnalysis({ lookbackMonths: number(stack, 'Lookback'), predictionIntervalLevel: number(stack, 'Interval') }),
      Optimizer.commitments({ reservedInstancesMinMonthlySavings: number(stack, 'RiMin') }),
    ],
  })],
  ['list tokens of emails', (stack) => ({ alertEmails: list(stack, 'Alerts'), approval: { approverEmails: Fn.split(',', text(stack, 'Approvers')) } })],
  ['a list token among addresses', (stack) => ({ alertEmails: ['finops@example.com', ...list(stack, 'More')] })],
];

describe('valid input synthesizes', () => {
  test.each(VALID)('%s', (_name, props) => {
    expect(() => synthesize(props)).not.toThrow();
  });

  test('a token report prefix keeps the pipeline clean under cdk-nag', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new OptimizationPipeline(stack, 'Pipeline', { reportPrefix: text(stack, 'Prefix') });
    expect(awsSolutionsFindings(app)).toBe('');
  });
});

describe('library grants leave the grantee clean under cdk-nag AwsSolutions', () => {
  test.each([
    ['grantReadReports', (pipeline: OptimizationPipeline, role: iam.Role) => pipeline.grantReadReports(role)],
    ['grantApprovalDecisions', (pipeline: OptimizationPipeline, role: iam.Role) => pipeline.grantApprovalDecisions(role)],
  ])('%s', (_name, grant) => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const pipeline = new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.storage()], approval: {} });
    grant(pipeline, new iam.Role(stack, 'User', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(awsSolutionsFindings(app)).toBe('');
  });
});

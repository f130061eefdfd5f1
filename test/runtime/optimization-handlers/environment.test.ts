import { priorityScore, seedPriorityScore } from '../../../src/runtime/optimization';
import { accountIdOfFunctionArn, readOptimizerEnvironment, regionOfFunctionArn, runTimeOf } from '../../../src/runtime/optimization-handlers/environment';
import { analysisPeriod, forecastPeriod } from '../../../src/runtime/optimization-handlers/periods';

const BASE = { OPTIMIZER: 'storage', REPORT_BUCKET: 'b', ALERT_TOPIC_ARN: 't', METRIC_NAMESPACE: 'FinOps/Optimization' };

describe('readOptimizerEnvironment', () => {
  test('applies the policy overrides to the seed defaults', () => {
    const environment = readOptimizerEnvironment({ ...BASE, OPTIMIZATION_POLICY: JSON.stringify({ storage: { snapshotRetentionDays: 45 } }) });
    expect(environment.policy.storage).toEqual({ minMonthlySavings: '0', gp2ToGp3MinMonthlySavings: '0', snapshotRetentionDays: 45, protectionTagKey: 'finops:retain' });
    expect(environment.policy.rightsizing.minMonthlySavings).toBe('50');
    expect(environment.approvalStateMachineArn).toBeUndefined();
  });

  test('names a missing variable and a malformed policy', () => {
    expect(() => readOptimizerEnvironment({ ...BASE, REPORT_BUCKET: undefined })).toThrow('The environment variable REPORT_BUCKET is not set');
    expect(() => readOptimizerEnvironment({ ...BASE, OPTIMIZATION_POLICY: '{' })).toThrow(/OPTIMIZATION_POLICY is not JSON/);
  });

  test('ranks with the formula PRIORITY_FORMULA names, the risk-adjusted savings unless set', () => {
    expect(readOptimizerEnvironment(BASE).priorityScorer).toBe(priorityScore);
    expect(readOptimizerEnvironment({ ...BASE, PRIORITY_FORMULA: 'seed' }).priorityScorer).toBe(seedPriorityScore);
    expect(() => readOptimizerEnvironment({ ...BASE, PRIORITY_FORMULA: 'fastest' })).toThrow('The priority formula is one of');
  });
});

test('account and region come from the invoked function ARN', () => {
  expect(accountIdOfFunctionArn('arn:aws:lambda:eu-west-1:111122223333:function:f')).toBe('111122223333');
  expect(regionOfFunctionArn('arn:aws:lambda:eu-west-1:111122223333:function:f')).toBe('eu-west-1');
  expect(() => accountIdOfFunctionArn('not-an-arn')).toThrow(/Cannot read the account/);
});

describe('periods', () => {
  test('whole months back to yesterday (end exclusive), and the forecast to the end of the month', () => {
    const now = new Date('2026-03-15T06:00:00Z');
    expect(analysisPeriod(now, 6)).toEqual({ start: '2025-09-01', end: '2026-03-15' });
    expect(forecastPeriod(now, 1)).toEqual({ start: '2026-03-15', end: '2026-04-01' });
    expect(forecastPeriod(new Date('2026-12-31T23:00:00Z'), 2)).toEqual({ start: '2026-12-31', end: '2027-02-01' });
  });
});

test('a run is about its scheduled time, or now when invoked by hand', () => {
  const now = new Date('2026-12-01T00:05:00Z');
  expect(runTimeOf({ scheduledTime: '2026-11-30T23:59:00Z' }, now).toISOString()).toBe('2026-11-30T23:59:00.000Z');
  expect(runTimeOf({}, now)).toBe(now);
  expect(() => runTimeOf({ scheduledTime: 'yesterday' }, now)).toThrow('The event\'s scheduledTime is not a date: "yesterday"');
});

test('runTimeOf refuses a scheduledTime in the future beyond clock skew: a hand-made event cannot age snapshots', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  expect(runTimeOf({ scheduledTime: '2026-12-01T00:04:00Z' }, now).toISOString()).toBe('2026-12-01T00:04:00.000Z');
  expect(() => runTimeOf({ scheduledTime: '2027-01-15T00:00:00Z' }, now)).toThrow(/scheduledTime 2027-01-15T00:00:00.000Z is in the future/);
});

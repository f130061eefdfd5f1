import * as logs from 'aws-cdk-lib/aws-logs';
import { findings, newStack } from './utils';

describe('FinOps-LogGroupRetention', () => {
  test('non-compliant: a log group that never expires its events', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE });
    new logs.CfnLogGroup(stack, 'L1');
    expect(findings(stack, 'FinOps-LogGroupRetention')).toEqual([
      'FinOps-LogGroupRetention Test/Forever/Resource',
      'FinOps-LogGroupRetention Test/L1',
    ]);
  });

  test('compliant: a log group with retention', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Default');
    new logs.LogGroup(stack, 'OneMonth', { retention: logs.RetentionDays.ONE_MONTH });
    expect(findings(stack, 'FinOps-LogGroupRetention')).toEqual([]);
  });
});

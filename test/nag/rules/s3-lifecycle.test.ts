import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findings, newStack } from './utils';

describe('FinOps-S3Lifecycle', () => {
  test('non-compliant: a bucket without lifecycle rules, or with only disabled ones', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'NoRules');
    new s3.Bucket(stack, 'DisabledRule', { lifecycleRules: [{ enabled: false, expiration: Duration.days(30) }] });
    expect(findings(stack, 'FinOps-S3Lifecycle')).toEqual([
      'FinOps-S3Lifecycle Test/NoRules/Resource',
      'FinOps-S3Lifecycle Test/DisabledRule/Resource',
    ]);
  });

  test('compliant: a bucket that expires objects or aborts incomplete uploads', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Expiring', { lifecycleRules: [{ expiration: Duration.days(365) }] });
    new s3.Bucket(stack, 'Cleanup', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }] });
    expect(findings(stack, 'FinOps-S3Lifecycle')).toEqual([]);
  });
});

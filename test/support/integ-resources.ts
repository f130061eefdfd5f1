import { Annotations, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * A private, encrypted, TLS-only bucket that is emptied and deleted with its integration test
 * stack, for constructs that write to a bucket (a retained bucket would outlive every test run).
 */
export function disposableBucket(scope: Construct, id: string): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
}

/**
 * An integration test checks its deployment with assertions: nobody acts on the alerts its topics
 * receive, so the library's warning about topics without subscribers is acknowledged for the stack.
 */
export function acknowledgeUnreadAlertTopics(stack: Stack): void {
  Annotations.of(stack).acknowledgeWarning(
    '@finops-as-code/cdk-finops:alertTopicWithoutSubscriber',
    'An integration test: its assertions check the deployment, nobody acts on the alerts',
  );
}

/**
 * What every integration test shares: it deploys to us-east-1, where the Billing and Cost Management
 * APIs its assertions call answer, and has no update workflow. `regions` is a TestOptions of newer
 * aws-cdk-lib cloud assembly schemas than the library's aws-cdk-lib floor knows, so it is spread into
 * IntegTestProps from this plain object (no excess-property check); integ-tests-alpha writes it to
 * the integ manifest whatever the aws-cdk-lib.
 */
export const INTEG_TEST_OPTIONS = { regions: ['us-east-1'], stackUpdateWorkflow: false };

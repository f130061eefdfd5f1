import { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/** Every bucket has at least one enabled lifecycle rule (expiration, transition or incomplete-upload cleanup). */
export function bucketHasLifecycle(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnBucket)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const rules: any[] = resolved(node, node.lifecycleConfiguration)?.rules ?? [];
  const enabled = Array.isArray(rules) && rules.some((rule) => rule?.status !== 'Disabled');
  return enabled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

export const S3_LIFECYCLE: FinOpsRuleDefinition = {
  suffix: 'S3Lifecycle',
  info: 'The S3 bucket has no enabled lifecycle rule.',
  explanation:
    'Objects, noncurrent versions and incomplete multipart uploads are billed until someone deletes them. ' +
    'Fix: add lifecycle rules (s3.Bucket lifecycleRules) that expire or transition objects and abort incomplete uploads. ' +
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
  level: NagMessageLevel.ERROR,
  check: bucketHasLifecycle,
};

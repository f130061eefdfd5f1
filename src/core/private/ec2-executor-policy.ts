import * as iam from 'aws-cdk-lib/aws-iam';

/** The changes an executor of approved storage actions makes: what protected resources are denied. */
export const EXECUTOR_CHANGES = ['ec2:ModifyVolume', 'ec2:DeleteSnapshot'];

/** A tag that protects a resource: the key with one of its values (without case), or the key with any value. */
export interface ProtectingTag {
  readonly key: string;
  readonly values?: string[];
}

/**
 * Denies the executor's changes on resources carrying the tag, under one condition key: the global
 * "aws:ResourceTag/${TagKey}" or EC2's own "ec2:ResourceTag/${TagKey}", both listed among the
 * condition keys of EC2's resource types in https://docs.aws.amazon.com/IAM/latest/UserGuide/list_amazonec2.html
 * (one statement per tag and key, since conditions within a statement all must hold).
 */
export function protectedTagDenial(sid: string, tag: ProtectingTag, prefix: 'aws' | 'ec2'): iam.PolicyStatement {
  const conditionKey = `${prefix}:ResourceTag/${tag.key}`;
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    actions: EXECUTOR_CHANGES,
    resources: ['*'],
    conditions: tag.values === undefined || tag.values.length === 0
      ? { Null: { [conditionKey]: 'false' } }
      : { StringEqualsIgnoreCase: { [conditionKey]: tag.values } },
  });
}

/**
 * Lets the executor snapshot a volume before changing it, only as a snapshot tagged
 * finops:action=backup-before-gp3, and tag it in the same call. "In the IAM policy definition for
 * the ec2:CreateTags action, use the Condition element with the ec2:CreateAction condition key to
 * give tagging permissions to the action that creates the resource."
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html
 */
export function backupSnapshotStatements(volumesArn: string, snapshotsArn: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'SnapshotVolumesBeforeChange', actions: ['ec2:CreateSnapshot'], resources: [volumesArn] }),
    new iam.PolicyStatement({
      sid: 'CreateBackupSnapshotsOnly',
      actions: ['ec2:CreateSnapshot'],
      resources: [snapshotsArn],
      conditions: { StringEquals: { 'aws:RequestTag/finops:action': 'backup-before-gp3' } },
    }),
    new iam.PolicyStatement({
      sid: 'TagBackupSnapshotsOnCreation',
      actions: ['ec2:CreateTags'],
      resources: [snapshotsArn],
      conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSnapshot' } },
    }),
  ];
}

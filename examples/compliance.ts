import { Stack, Validations } from 'aws-cdk-lib';

/** The compliance packs of cdk-nag that the example app runs besides AwsSolutions. */
export const COMPLIANCE_PACKS = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'] as const;

/**
 * The findings of the HIPAA Security, NIST 800-53 rev 5 and PCI DSS 3.2.1 packs that this FinOps
 * app accepts, each with the reason a reviewer at a bank or a hospital would read. Everything the
 * packs find that is not listed here fails the example's compliance test.
 */
export const ACCEPTED_COMPLIANCE_FINDINGS: Readonly<Record<string, string>> = {
  IAMNoInlinePolicy:
    'CDK grants write least-privilege statements scoped to this app\'s own resources as policies owned by one role: they cannot be attached elsewhere and are deleted with the role',
  CloudWatchLogGroupEncrypted:
    'The handlers log cost figures, resource IDs and request counts, never PHI or cardholder data; CloudWatch Logs encrypts every log group at rest',
  LambdaInsideVPC:
    'The functions call only AWS APIs (Cost Explorer, Cost Optimization Hub, EC2, SNS, S3, CloudWatch) and have no network path to workloads; a VPC would add NAT gateways without reducing exposure',
  LambdaDLQ:
    'Scheduled optimizers retry through their on-failure destination and error alarms; the budget alert handler is re-run by SNS and its failures are visible in its error metric',
  LambdaConcurrency:
    'Each function runs once per schedule or alert; reserving concurrency would fail deployment in accounts with the default low concurrency quota',
  S3DefaultEncryptionKMS:
    'AWS billing delivery writes with SSE-S3; reports and query results hold cost data, not PHI or cardholder data, and are encrypted at rest with SSE-S3',
  S3BucketReplicationEnabled:
    'Cost and usage reports are delivered again by AWS billing and query results are disposable; the optimization reports, which record approved '
    + 'changes, are versioned in their bucket and every decision is also in the approval workflow\'s execution history and log group. '
    + 'A second region would double storage cost for a single-region app',
  S3BucketLoggingEnabled:
    'Only AWS billing services, Athena and this app\'s functions write to these buckets and reads are granted to named roles only; the example keeps '
    + 'no access logs (CurReport.serverAccessLogsBucket and a reportBucket of your own with logging turn them on)',
  S3BucketVersioningEnabled:
    'Athena query results are disposable and expire by lifecycle: versioning would keep every superseded result',
};

/** Acknowledges the accepted findings of the compliance packs on the whole stack. */
export function acknowledgeComplianceFindings(stack: Stack): void {
  for (const pack of COMPLIANCE_PACKS) {
    for (const [rule, reason] of Object.entries(ACCEPTED_COMPLIANCE_FINDINGS)) {
      Validations.of(stack).acknowledge({ id: `${pack}::${pack}-${rule}`, reason });
    }
  }
}

import { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/** Every log group sets RetentionInDays (CloudWatch Logs keeps events forever otherwise). */
export function logGroupHasRetention(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnLogGroup)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return resolved(node, node.retentionInDays) === undefined ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}

export const LOG_GROUP_RETENTION: FinOpsRuleDefinition = {
  suffix: 'LogGroupRetention',
  info: 'The log group keeps its events forever: RetentionInDays is not set.',
  explanation:
    'Log storage is billed per GB-month, and without retention it only grows. ' +
    'Fix: set retention (logs.LogGroup retention, or RetentionInDays) to what audits require. ' +
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
  level: NagMessageLevel.ERROR,
  check: logGroupHasRetention,
};

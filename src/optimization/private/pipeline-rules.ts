import { Duration } from 'aws-cdk-lib';
import { decisionTimeoutViolation, governanceViolations } from './approval-governance';
import {
  DASHBOARD_NAME_MAX_LENGTH,
  DASHBOARD_NAME_PATTERN,
  METRIC_NAMESPACE_MAX_LENGTH,
  REPORT_KEY_SUFFIX_BYTES,
  RESERVED_METRIC_NAMESPACE_PREFIX,
  S3_LIFECYCLE_MIN_DAYS,
  S3_OBJECT_KEY_MAX_BYTES,
} from '../../core/limits/optimization';
import { checkLength, isEmailAddress, isUnresolved, RuleViolation, violationsOf } from '../../core/validation';
import { ApprovalOptions } from '../approval-options';
import { OptimizerKind } from '../optimizer-kind';

/** What the pipeline rules look at. */
export interface PipelineRuleInput {
  readonly kinds: OptimizerKind[];
  readonly optimizerViolations: RuleViolation[];
  readonly reportPrefix: string;
  readonly metricNamespace: string;
  readonly dashboardName?: string;
  /** Only when the pipeline creates the report bucket. */
  readonly reportRetention?: Duration;
  readonly alertEmails: string[];
  readonly approval?: ApprovalOptions;
}

/** Every rule of an OptimizationPipeline's props, in the order a user reads them. */
export function pipelineViolations(input: PipelineRuleInput): RuleViolation[] {
  return [
    ...optimizerSetViolations(input.kinds),
    ...input.optimizerViolations,
    ...violationsOf(
      reportPrefixViolation(input.reportPrefix),
      metricNamespaceViolation(input.metricNamespace),
      input.dashboardName === undefined ? undefined : dashboardNameViolation(input.dashboardName),
      input.reportRetention === undefined ? undefined : reportRetentionViolation(input.reportRetention),
    ),
    ...emailViolations(input.alertEmails, 'alertEmails'),
    ...(input.approval ? approvalViolations(input.approval, input.kinds) : []),
  ];
}

function optimizerSetViolations(kinds: OptimizerKind[]): RuleViolation[] {
  if (kinds.length === 0) {
    return [{ value: kinds, rule: 'a pipeline runs at least one optimizer', fix: 'add e.g. Optimizer.costAnalysis(), or omit optimizers for all four' }];
  }
  const repeated = kinds.filter((kind, index) => kinds.indexOf(kind) !== index);
  return repeated.length === 0 ? [] : [{
    value: repeated,
    rule: 'a pipeline runs each optimizer kind once (two would write the same report keys)',
    fix: 'keep one optimizer of each kind, or use a second OptimizationPipeline with another reportPrefix',
  }];
}

function reportPrefixViolation(prefix: string): RuleViolation | undefined {
  if (isUnresolved(prefix)) return undefined;
  const maxBytes = S3_OBJECT_KEY_MAX_BYTES - REPORT_KEY_SUFFIX_BYTES;
  if (Buffer.byteLength(prefix) > maxBytes) {
    return { value: prefix, rule: `an S3 key is at most ${S3_OBJECT_KEY_MAX_BYTES} bytes, leaving ${maxBytes} for the report prefix`, fix: 'use a shorter reportPrefix' };
  }
  if (prefix === '' || prefix.startsWith('/') || prefix.endsWith('/')) {
    return { value: prefix, rule: 'the report prefix is a non-empty key prefix without leading or trailing "/"', fix: 'use e.g. "reports" or "finops/reports"' };
  }
  return undefined;
}

function metricNamespaceViolation(namespace: string): RuleViolation | undefined {
  if (isUnresolved(namespace)) return undefined;
  if (namespace.startsWith(RESERVED_METRIC_NAMESPACE_PREFIX)) {
    return { value: namespace, rule: 'CloudWatch namespaces starting with "AWS/" are reserved for AWS services', fix: 'use e.g. "FinOps/Optimization"' };
  }
  return checkLength(namespace, 1, METRIC_NAMESPACE_MAX_LENGTH, 'a CloudWatch metric namespace', 'use a shorter metricNamespace');
}

function dashboardNameViolation(name: string): RuleViolation | undefined {
  if (isUnresolved(name)) return undefined;
  if (!DASHBOARD_NAME_PATTERN.test(name)) {
    return { value: name, rule: 'a dashboard name contains only A-Z, a-z, 0-9, "-" and "_"', fix: 'replace other characters with "-"' };
  }
  return checkLength(name, 1, DASHBOARD_NAME_MAX_LENGTH, 'a dashboard name', 'use a shorter dashboardName');
}

/** S3 lifecycle expiration counts whole days, at least one. */
function reportRetentionViolation(retention: Duration): RuleViolation | undefined {
  if (retention.isUnresolved()) {
    return retention.unitLabel() === 'days' ? undefined : {
      value: `${retention.unitLabel()} from a token`,
      rule: 'S3 lifecycle expiration counts days, and a token duration converts to days only when given in days',
      fix: 'pass Duration.days(token)',
    };
  }
  const days = retention.toDays({ integral: false });
  return Number.isInteger(days) && days >= S3_LIFECYCLE_MIN_DAYS ? undefined : {
    value: retention.toString(),
    rule: 'S3 lifecycle expiration is a whole number of days, at least 1',
    fix: `set reportRetention to Duration.days(${Math.max(S3_LIFECYCLE_MIN_DAYS, Math.ceil(days))}) or more`,
  };
}

function emailViolations(emails: string[], what: string): RuleViolation[] {
  return emails
    .filter((email) => !isUnresolved(email) && !isEmailAddress(email))
    .map((email) => ({ value: email, rule: `every entry of ${what} is an email address`, fix: 'use an address like finops@example.com' }));
}

function approvalViolations(approval: ApprovalOptions, kinds: OptimizerKind[]): RuleViolation[] {
  const threshold = approval.autoApproveBelowMonthlySavings;
  return [
    ...violationsOf(
      kinds.includes(OptimizerKind.STORAGE) ? undefined : {
        value: kinds,
        rule: 'approval routes storage actions, so it needs the storage optimizer',
        fix: 'add Optimizer.storage() or remove approval',
      },
      approval.decisionTimeout === undefined ? undefined : decisionTimeoutViolation(approval.decisionTimeout),
      threshold === undefined || isUnresolved(threshold) || (Number.isFinite(threshold) && threshold > 0) ? undefined : {
        value: threshold,
        rule: 'autoApproveBelowMonthlySavings is a positive amount of USD per month',
        fix: 'set a positive amount, or omit it so a person decides every action',
      },
    ),
    ...emailViolations(approval.approverEmails ?? [], 'approverEmails'),
    ...governanceViolations(approval),
  ];
}

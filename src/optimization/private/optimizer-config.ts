import { Duration } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { AthenaCostPlan } from './athena-cost-queries';
import { RuleViolation } from '../../core/validation';
import type { CurReport } from '../../cur/cur-report';
import type { OptimizerKind } from '../optimizer-kind';

/** What the pipeline needs from an optimizer. */
export interface OptimizerConfig {
  readonly kind: OptimizerKind;
  readonly schedule: scheduler.ScheduleExpression;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** The OptimizationPolicyOverrides the handler applies, as JSON-able data. */
  readonly policy: Record<string, Record<string, string | number>>;
  /** Optimizer-specific settings, all strings. */
  readonly settings: Record<string, string>;
  /**
   * Billed Cost Explorer requests in a run when every answer fits in one page: what the handler
   * calls (see src/optimization/*.lambda.ts). Pages beyond the first add one each.
   */
  readonly costExplorerRequestsPerRun: number;
  /** The read actions of the optimizer's sources, when its options replace what its handler calls by default. */
  readonly sourceActions?: string[];
  /** The cost analysis in Athena mode: the report, its table and the queries to save and grant. */
  readonly athena?: AthenaCostPlan & { readonly report: CurReport };
  /** Read actions the optimizer's options add to what its handler always calls. */
  readonly additionalSourceActions?: string[];
  /** Why `additionalSourceActions` need `Resource: *` (cdk-nag acknowledgement); Compute Optimizer's reason when unset. */
  readonly additionalSourceActionsReason?: string;
  readonly protectionTagKey?: string;
  /** The cost analysis's unexpected-increase alarm threshold, percent. */
  readonly costIncreaseAlarmThresholdPercentage?: number;
  readonly violations: RuleViolation[];
}


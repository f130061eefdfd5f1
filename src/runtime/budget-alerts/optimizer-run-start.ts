import type { SnsMessage } from './sns-event';

/** What an optimizer run started by a budget notification receives, and the name of its execution. */
export interface OptimizerRunStart {
  /**
   * The optimizer's event: `scheduledTime` is what a schedule passes (the moment the run is about,
   * which names its report), here the moment SNS published the notification; `trigger` says why it ran.
   */
  readonly input: { readonly scheduledTime: string; readonly trigger: object };
  /**
   * The Step Functions execution name: derived from the SNS message ID, so that a redelivered
   * notification names the same execution. StartExecution's `name` (as the SDK references
   * reproduce it, e.g. https://docs.rs/rusoto_stepfunctions/0.33.0/rusoto_stepfunctions/struct.StartExecutionInput.html):
   * "This name must be unique for your AWS account and region for 90 days", and "When you make
   * multiple StartExecution calls with the same name, the new execution doesn't run"; it must not
   * contain whitespace, brackets, wildcards or special characters such as `:` and `/`. Only
   * letters, digits, `-` and `_` are kept.
   */
  readonly executionName: string;
}

/**
 * The start of an optimizer run for a budget notification. Without a publication time in the
 * record (never the case for SNS deliveries), the run is about `now`.
 */
export function optimizerRunStart(snsMessage: SnsMessage, trigger: object, now: Date): OptimizerRunStart {
  return {
    input: { scheduledTime: snsMessage.timestamp ?? now.toISOString(), trigger },
    executionName: `budget-alert-${snsMessage.messageId.replace(/[^A-Za-z0-9_-]/g, '-')}`,
  };
}

import {
  DEFAULT_PRIORITY_FORMULA, priorityScorerNamed, resolvePolicy, type OptimizationPolicy, type OptimizationPolicyOverrides, type PriorityScorer,
} from '../optimization';

/**
 * Names of the environment variables the construct sets and the handlers read: one list, so
 * both sides spell them the same.
 */
export const ENVIRONMENT = {
  optimizer: 'OPTIMIZER',
  reportBucket: 'REPORT_BUCKET',
  reportPrefix: 'REPORT_PREFIX',
  alertTopicArn: 'ALERT_TOPIC_ARN',
  metricNamespace: 'METRIC_NAMESPACE',
  policy: 'OPTIMIZATION_POLICY',
  priorityFormula: 'PRIORITY_FORMULA',
  settings: 'OPTIMIZER_SETTINGS',
  approvalStateMachineArn: 'APPROVAL_STATE_MACHINE_ARN',
  autoApprovalMaxMonthlySavings: 'AUTO_APPROVAL_MAX_MONTHLY_SAVINGS',
  protectionTagKey: 'PROTECTION_TAG_KEY',
} as const;

/** What every optimizer run needs to know. */
export interface OptimizerEnvironment {
  readonly optimizer: string;
  readonly reportBucket: string;
  readonly reportPrefix: string;
  readonly alertTopicArn: string;
  readonly metricNamespace: string;
  readonly policy: OptimizationPolicy;
  /** How opportunities are ranked: the formula named by PRIORITY_FORMULA (`risk-adjusted-savings` unless set). */
  readonly priorityScorer: PriorityScorer;
  /** Optimizer-specific settings (lookback months, forecast months...), as strings. */
  readonly settings: Readonly<Record<string, string>>;
  readonly approvalStateMachineArn?: string;
  readonly autoApprovalMaxMonthlySavings?: string;
}

/** Reads and checks the environment; a missing variable is a deployment error, reported by name. */
export function readOptimizerEnvironment(env: Readonly<Record<string, string | undefined>>): OptimizerEnvironment {
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`The environment variable ${name} is not set`);
    return value;
  };
  const optional = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  return {
    optimizer: required(ENVIRONMENT.optimizer),
    reportBucket: required(ENVIRONMENT.reportBucket),
    reportPrefix: env[ENVIRONMENT.reportPrefix] ?? '',
    alertTopicArn: required(ENVIRONMENT.alertTopicArn),
    metricNamespace: required(ENVIRONMENT.metricNamespace),
    policy: resolvePolicy(parseJson<OptimizationPolicyOverrides>(optional(ENVIRONMENT.policy), ENVIRONMENT.policy)),
    priorityScorer: priorityScorerNamed(optional(ENVIRONMENT.priorityFormula) ?? DEFAULT_PRIORITY_FORMULA),
    settings: parseJson<Record<string, string>>(optional(ENVIRONMENT.settings), ENVIRONMENT.settings),
    approvalStateMachineArn: optional(ENVIRONMENT.approvalStateMachineArn),
    autoApprovalMaxMonthlySavings: optional(ENVIRONMENT.autoApprovalMaxMonthlySavings),
  };
}

/** The account of the running function, from `context.invokedFunctionArn`. */
export function accountIdOfFunctionArn(functionArn: string): string {
  const accountId = functionArn.split(':')[4];
  if (accountId === undefined || !/^\d{12}$/.test(accountId)) {
    throw new Error(`Cannot read the account from the function ARN ${JSON.stringify(functionArn)}`);
  }
  return accountId;
}

/** The region of the running function, from `context.invokedFunctionArn`. */
export function regionOfFunctionArn(functionArn: string): string {
  return functionArn.split(':')[3] ?? '';
}

function parseJson<T extends object>(text: string | undefined, name: string): T {
  if (text === undefined) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`The environment variable ${name} is not JSON: ${(error as Error).message}`);
  }
}

/** How far ahead of the function's clock a schedule's `scheduledTime` may be: clock skew, not more. */
export const MAX_SCHEDULED_TIME_SKEW_MS = 5 * 60 * 1000;

/**
 * The moment a run is about: the schedule's `scheduledTime` (EventBridge Scheduler's
 * `<aws.scheduler.scheduled-time>`, which the construct passes as the event), so a retry after
 * midnight still writes the scheduled day's report; the current time for a manual invocation.
 *
 * @throws when `scheduledTime` is present but not a date, or later than now plus a small clock
 *   skew: a run about the future would age snapshots past their retention before they are
 */
export function runTimeOf(event: unknown, now: Date = new Date()): Date {
  const scheduledTime = (event as { scheduledTime?: unknown } | undefined)?.scheduledTime;
  if (scheduledTime === undefined) return now;
  const moment = new Date(String(scheduledTime));
  if (Number.isNaN(moment.getTime())) {
    throw new Error(`The event's scheduledTime is not a date: ${JSON.stringify(scheduledTime)}`);
  }
  if (moment.getTime() > now.getTime() + MAX_SCHEDULED_TIME_SKEW_MS) {
    throw new Error(`The event's scheduledTime ${moment.toISOString()} is in the future (now ${now.toISOString()}): a run is about now or the past`);
  }
  return moment;
}

import { COST_EXPLORER_REQUEST_PRICE_USD } from '../../core/limits/optimization';
import { COST_EXPLORER_REQUESTS_TAG } from '../../optimization/private/tags';
import { readable, SynthesizedStack, TemplateResource } from '../template';

/** Days in the month the estimate assumes. */
const DAYS_PER_MONTH = 30;

/**
 * The review of the optimizers of a stack: schedule, thresholds, approval policy, and the
 * estimated Cost Explorer spend (requests per run, read from each function's tag, × runs per
 * month, read from its schedule, × 0.01 USD).
 */
export function reviewOptimization(stack: SynthesizedStack): string[] {
  const optimizers = stack.resources.filter((resource) => resource.type === 'AWS::Lambda::Function'
    && resource.properties.Environment?.Variables?.OPTIMIZER !== undefined);
  if (optimizers.length === 0) {
    return [];
  }
  const rows = optimizers.map((fn) => describeOptimizer(stack, fn));
  const monthlySpend = rows.reduce((sum, row) => sum + (row.monthlyCents ?? 0), 0);
  const unknown = rows.some((row) => row.monthlyCents === undefined);
  return [
    `### Optimization pipeline (${optimizers.length} optimizers)`,
    '',
    ...rows.flatMap((row) => row.lines),
    `- **Cost Explorer API spend**: about ${(monthlySpend / 100).toFixed(2)} USD a month${unknown ? ' plus schedules not estimated' : ''} `
      + `(${COST_EXPLORER_REQUEST_PRICE_USD} USD per request, one page per answer; every extra page costs one more request)`,
    ...describeApproval(stack, optimizers),
    '',
  ];
}

function describeOptimizer(stack: SynthesizedStack, fn: TemplateResource): { lines: string[]; monthlyCents?: number } {
  const variables = fn.properties.Environment.Variables;
  const schedule = stack.resources.find((resource) => resource.type === 'AWS::Scheduler::Schedule'
    && JSON.stringify(resource.properties.Target?.Arn ?? '').includes(`"${fn.logicalId}"`));
  const expression: string | undefined = schedule?.properties.ScheduleExpression;
  const requestsPerRun = Number((fn.properties.Tags ?? []).find((tag: any) => tag.Key === COST_EXPLORER_REQUESTS_TAG)?.Value ?? NaN);
  const runs = expression ? runsPerMonth(expression) : undefined;
  const monthlyCents = runs === undefined || Number.isNaN(requestsPerRun)
    ? undefined
    : Math.round(requestsPerRun * runs * COST_EXPLORER_REQUEST_PRICE_USD * 100);
  const cost = monthlyCents === undefined ? 'not estimated' : `${(monthlyCents / 100).toFixed(2)} USD/month`;
  return {
    lines: [
      `- **${variables.OPTIMIZER}**: ${expression ?? 'no schedule'}${runs === undefined ? '' : ` (≈ ${formatRuns(runs)} runs a month)`}`,
      `  - thresholds: ${describeThresholds(variables.OPTIMIZATION_POLICY, variables.OPTIMIZER_SETTINGS)}`,
      `  - Cost Explorer: ${Number.isNaN(requestsPerRun) ? '?' : requestsPerRun} requests per run → ${cost}`,
      `  - reports: s3://${readable(variables.REPORT_BUCKET)}/${variables.REPORT_PREFIX}/ · metrics: ${variables.METRIC_NAMESPACE}`,
    ],
    monthlyCents,
  };
}

function describeThresholds(policyJson: string | undefined, settingsJson: string | undefined): string {
  const flatten = (json: string | undefined): string[] => Object.entries<any>(JSON.parse(json ?? '{}')).flatMap(([area, values]) =>
    typeof values === 'object' ? Object.entries(values).map(([key, value]) => `${area}.${key}=${value}`) : [`${area}=${values}`]);
  const entries = [...flatten(policyJson), ...flatten(settingsJson)];
  return entries.length === 0 ? 'none' : entries.join(', ');
}

function describeApproval(stack: SynthesizedStack, optimizers: TemplateResource[]): string[] {
  const storage = optimizers.find((fn) => fn.properties.Environment.Variables.OPTIMIZER === 'storage');
  const variables = storage?.properties.Environment.Variables ?? {};
  if (variables.APPROVAL_STATE_MACHINE_ARN === undefined) {
    return ['- **Approval**: none; findings are reported, nothing in the account is changed'];
  }
  const machine = stack.resources.find((resource) => resource.type === 'AWS::StepFunctions::StateMachine');
  const timeoutSeconds = /TimeoutSeconds\\?":(\d+)/.exec(JSON.stringify(machine?.properties.DefinitionString ?? ''))?.[1];
  const auto = variables.AUTO_APPROVAL_MAX_MONTHLY_SAVINGS;
  return [
    '- **Approval**: gp2-to-gp3 volume changes and deletions of snapshots past retention only; rightsizing and purchases are never executed',
    `  - auto-approved: ${auto === undefined ? 'nothing' : `LOW-risk actions saving under ${auto} USD/month`}`,
    `  - others wait for a person${timeoutSeconds ? ` up to ${Number(timeoutSeconds) / 86400} days, then are rejected` : ''}`,
  ];
}

/** Runs a month of an EventBridge Scheduler rate() or cron() expression, undefined when it cannot tell. */
export function runsPerMonth(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const minutes = Number(rate[1]) * (rate[2].startsWith('minute') ? 1 : rate[2].startsWith('hour') ? 60 : 1440);
    return (DAYS_PER_MONTH * 1440) / minutes;
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) return undefined;
  const [, minutes, hours, dayOfMonth, month, dayOfWeek] = cron;
  const minuteCount = countOf(minutes, 60);
  const hourCount = countOf(hours, 24);
  if (minuteCount === undefined || hourCount === undefined || month !== '*') return undefined;
  const perDay = minuteCount * hourCount;
  if (/^[\d,]+$/.test(dayOfMonth) && dayOfWeek === '?') return perDay * dayOfMonth.split(',').length;
  if ((dayOfMonth === '*' || dayOfMonth === '?') && (dayOfWeek === '*' || dayOfWeek === '?')) return perDay * DAYS_PER_MONTH;
  if (dayOfMonth === '?' && /^[A-Z1-7,]+$/.test(dayOfWeek)) return (perDay * dayOfWeek.split(',').length * DAYS_PER_MONTH) / 7;
  return undefined;
}

function countOf(field: string, range: number): number | undefined {
  if (field === '*') return range;
  return /^[\d,]+$/.test(field) ? field.split(',').length : undefined;
}

function formatRuns(runs: number): string {
  return Number.isInteger(runs) ? String(runs) : runs.toFixed(2);
}

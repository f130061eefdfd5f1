import { COST_EXPLORER_REQUEST_PRICE_USD } from '../../core/limits/optimization';
import { COST_EXPLORER_REQUESTS_TAG } from '../../optimization/private/tags';
import { counted, formatCents, ReviewItem } from '../item';
import { readable, SynthesizedStack, TemplateResource } from '../template';

/** Days in the month the estimate assumes. */
const DAYS_PER_MONTH = 30;

/**
 * The review of the optimizers of a stack: schedule, thresholds, approval policy, and the
 * estimated Cost Explorer spend (requests per run, read from each function's tag, × runs per
 * month, read from its schedule, × 0.01 USD).
 */
export function reviewOptimization(stack: SynthesizedStack): string[] {
  return pipelinesOf(optimizerFunctions(stack)).flatMap(({ path, optimizers }, _index, pipelines) => {
    const rows = optimizers.map((fn) => describeOptimizer(stack, fn));
    const monthlySpend = rows.reduce((sum, row) => sum + (row.monthlyCents ?? 0), 0);
    const unknown = rows.some((row) => row.monthlyCents === undefined);
    return [
      `### Optimization pipeline${pipelines.length > 1 ? ` \`${path}\`` : ''} (${counted(optimizers.length, 'optimizer')})`,
      '',
      ...rows.flatMap((row) => row.lines),
      `- **Cost Explorer API spend**: about ${formatCents(monthlySpend)} USD a month${unknown ? ' plus schedules not estimated' : ''} `
        + `(${COST_EXPLORER_REQUEST_PRICE_USD} USD per request, one page per answer; every extra page costs one more request)`,
      ...describeApproval(stack, optimizers),
      '',
    ];
  });
}

/**
 * The optimizers grouped by pipeline: each pipeline writes to its own report bucket. A pipeline is
 * named by the construct path its optimizers share.
 */
function pipelinesOf(optimizers: TemplateResource[]): Array<{ path: string; optimizers: TemplateResource[] }> {
  const groups = new Map<string, TemplateResource[]>();
  for (const fn of optimizers) {
    const bucket = readable(fn.properties.Environment.Variables.REPORT_BUCKET);
    groups.set(bucket, [...groups.get(bucket) ?? [], fn]);
  }
  return [...groups.values()].map((members) => ({ path: sharedPath(members.map((fn) => fn.path)), optimizers: members }));
}

function sharedPath(paths: string[]): string {
  const parts = paths.map((path) => path.split('/'));
  // A pipeline's functions are its children: the shared prefix of one path is its parent.
  const shortest = Math.min(...parts.map((segments) => segments.length - 1));
  let length = 0;
  while (length < shortest && parts.every((segments) => segments[length] === parts[0][length])) length++;
  return parts[0].slice(0, length).join('/');
}

/** Every optimizer of a stack as facts (schedule, thresholds, Cost Explorer requests and spend, reports), with its estimated monthly Cost Explorer spend. */
export function optimizerItems(stack: SynthesizedStack): ReviewItem[] {
  return optimizerFunctions(stack).map((fn) => {
    const { facts, monthlyCents } = optimizerFacts(stack, fn);
    return {
      section: 'Optimizers',
      stackName: stack.stackName,
      path: fn.path,
      name: readable(fn.properties.Environment.Variables.OPTIMIZER),
      facts,
      ...(monthlyCents !== undefined ? { monthlyCostExplorerCents: monthlyCents } : {}),
    };
  });
}

function optimizerFunctions(stack: SynthesizedStack): TemplateResource[] {
  return stack.resources.filter((resource) => resource.type === 'AWS::Lambda::Function'
    && resource.properties.Environment?.Variables?.OPTIMIZER !== undefined);
}

function describeOptimizer(stack: SynthesizedStack, fn: TemplateResource): { lines: string[]; monthlyCents?: number } {
  const { facts, monthlyCents } = optimizerFacts(stack, fn);
  return {
    lines: [
      `- **${readable(fn.properties.Environment.Variables.OPTIMIZER)}**: ${facts.schedule[0]} \`${fn.path}\``,
      `  - thresholds: ${facts.thresholds[0]}`,
      `  - Cost Explorer: ${facts['Cost Explorer'][0]}`,
      `  - reports: ${facts.reports[0]}`,
      ...(facts.organization ? [`  - across the organization: ${facts.organization[0]}`] : []),
    ],
    monthlyCents,
  };
}

function optimizerFacts(stack: SynthesizedStack, fn: TemplateResource): { facts: Record<string, string[]>; monthlyCents?: number } {
  const variables = fn.properties.Environment.Variables;
  // An organization-wide optimizer is the last step of a state machine that its schedule starts.
  const organizationRun = stack.resources.find((resource) => resource.type === 'AWS::StepFunctions::StateMachine'
    && JSON.stringify(resource.properties.DefinitionString ?? '').includes(`"${fn.logicalId}"`)
    && organizationTargetsFunction(stack, resource) !== undefined);
  const scheduled = organizationRun ?? fn;
  const schedule = stack.resources.find((resource) => resource.type === 'AWS::Scheduler::Schedule'
    && JSON.stringify(resource.properties.Target?.Arn ?? '').includes(`"${scheduled.logicalId}"`));
  const scheduleExpression: unknown = schedule?.properties.ScheduleExpression;
  const expression = scheduleExpression === undefined ? undefined : readable(scheduleExpression);
  const requestsPerRun = Number((fn.properties.Tags ?? []).find((tag: any) => tag.Key === COST_EXPLORER_REQUESTS_TAG)?.Value ?? NaN);
  const runs = typeof scheduleExpression === 'string' ? runsPerMonth(scheduleExpression) : undefined;
  const monthlyCents = runs === undefined || Number.isNaN(requestsPerRun)
    ? undefined
    // Whole cents from here on, so sums and the --base difference are exact integers (decimal.js is not a runtime dependency of the CLI).
    : Math.round(requestsPerRun * runs * COST_EXPLORER_REQUEST_PRICE_USD * 100);
  const cost = monthlyCents === undefined ? 'not estimated' : `${formatCents(monthlyCents)} USD/month`;
  return {
    facts: {
      'schedule': [`${expression ?? 'no schedule'}${runs === undefined ? '' : ` (≈ ${counted(formatRuns(runs), 'run')} a month)`}`],
      'thresholds': [describeThresholds(variables.OPTIMIZATION_POLICY, variables.OPTIMIZER_SETTINGS)],
      'Cost Explorer': [`${Number.isNaN(requestsPerRun) ? 'unknown requests' : counted(requestsPerRun, 'request')} per run → ${cost}`],
      'reports': [`s3://${readable(variables.REPORT_BUCKET)}/${readable(variables.REPORT_PREFIX)}/ · metrics: ${readable(variables.METRIC_NAMESPACE)}`],
      ...(organizationRun === undefined ? {} : { organization: [describeOrganizationRun(stack, organizationRun)] }),
    },
    ...(monthlyCents !== undefined ? { monthlyCents } : {}),
  };
}

/** The function that lists an organization run's accounts: the one the state machine calls whose environment names the targets. */
function organizationTargetsFunction(stack: SynthesizedStack, machine: TemplateResource): TemplateResource | undefined {
  const definition = JSON.stringify(machine.properties.DefinitionString ?? '');
  return stack.resources.find((resource) => resource.type === 'AWS::Lambda::Function'
    && resource.properties.Environment?.Variables?.ORGANIZATION_TARGETS !== undefined
    && definition.includes(`"${resource.logicalId}"`));
}

/** Which accounts and Regions an organization run covers, in words. */
function describeOrganizationRun(stack: SynthesizedStack, machine: TemplateResource): string {
  const variables = organizationTargetsFunction(stack, machine)!.properties.Environment.Variables;
  const targets = parseJson(variables.ORGANIZATION_TARGETS);
  const regions = parseJson(variables.ORGANIZATION_REGIONS);
  const accounts = targets?.kind === 'ENTIRE_ORGANIZATION' || targets?.ids === undefined
    ? 'every active account of the organization'
    : `active accounts ${targets.kind === 'ACCOUNTS' ? '' : 'under '}${(targets.ids as unknown[]).map(readable).join(', ')}`;
  const inRegions = Array.isArray(regions) ? regions.map(readable).join(', ') : readable(variables.ORGANIZATION_REGIONS);
  return `${accounts}, in ${inRegions}, through each member account's read role (\`${machine.path}\`)`;
}

function parseJson(value: unknown): any {
  try {
    return typeof value === 'string' ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

function describeThresholds(policyJson: unknown, settingsJson: unknown): string {
  const entries = [...settingEntries(policyJson), ...settingEntries(settingsJson)];
  return entries.length === 0 ? 'none' : entries.join(', ');
}

/**
 * A setting's value in words: breakdowns by their key (`tag team`), Athena queries by what they
 * group, protected tags as `key in values`; anything else as JSON.
 */
function shown(value: unknown): string {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    // Some settings carry JSON of their own (the cost analysis's breakdowns).
    try {
      return shown(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return value.map(shown).join('; ');
  const fields = value as Record<string, unknown>;
  if (typeof fields.Type === 'string' && typeof fields.Key === 'string') {
    return fields.Type === 'DIMENSION' ? fields.Key : `${fields.Type.toLowerCase().replace('_', ' ')} ${fields.Key}`;
  }
  if (fields.groupBy !== undefined && fields.namedQueryId !== undefined) return `by ${shown(fields.groupBy)} (named query ${shown(fields.namedQueryId)})`;
  if (typeof fields.key === 'string') {
    return Array.isArray(fields.values) ? `${fields.key} in ${fields.values.join('/')}` : `${fields.key} (any value)`;
  }
  return JSON.stringify(value);
}

/**
 * `area.key=value` for each setting of a JSON environment variable. The value may be a CloudFormation
 * join (settings that name resources, such as Athena named query ids), read with its references as
 * `<LogicalId>`; a value that is not JSON is shown as it is rather than failing the review.
 */
function settingEntries(json: unknown): string[] {
  if (json === undefined) return [];
  const text = readable(json);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [text];
  }
  return Object.entries<unknown>(parsed as Record<string, unknown>).flatMap(([area, values]) =>
    (typeof values === 'object' && values !== null && !Array.isArray(values)
      ? Object.entries(values).map(([key, value]) => `${area}.${key}=${shown(value)}`)
      : [`${area}=${shown(values)}`]));
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

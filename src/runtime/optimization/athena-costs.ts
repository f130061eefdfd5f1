import type { GetCostAndUsageResponse, GroupDefinition, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { CostPeriod } from './cost-analysis';
import { parseAmount, toExactAmount } from './money';

/** One result row of a cost analysis query: its period (`YYYY-MM` or `YYYY-MM-DD`), group, exact amount and, for some groups, a name. */
export type AthenaCostRow = readonly [period: string, groupKey: string, amount: string, groupName?: string];

/** A `?` of a cost analysis query: a bound of the analysed period, or a value fixed at synth (a filter value, a tag key). */
export type AthenaCostParameter = 'FIRST_BILLING_PERIOD' | 'LAST_BILLING_PERIOD' | 'FIRST_DAY' | 'DAY_AFTER_LAST' | { readonly value: string };

/** The parameters of a query saved before queries listed theirs: the four period bounds. */
const PERIOD_PARAMETERS: readonly AthenaCostParameter[] = ['FIRST_BILLING_PERIOD', 'LAST_BILLING_PERIOD', 'FIRST_DAY', 'DAY_AFTER_LAST'];

/**
 * The execution parameters of a cost analysis query, in the order of its `?` placeholders: the
 * first and last billing period, the first day and the day after the last (exclusive, as Cost
 * Explorer's end), and fixed values. Each is a quoted SQL literal (execution parameters stand where
 * a literal would), a quote inside doubled as SQL escapes it.
 */
export function athenaCostParameters(period: CostPeriod, parameters: readonly AthenaCostParameter[] = PERIOD_PARAMETERS): string[] {
  const bounds = {
    FIRST_BILLING_PERIOD: period.start.slice(0, 7),
    LAST_BILLING_PERIOD: shiftDays(period.end, -1).slice(0, 7),
    FIRST_DAY: period.start,
    DAY_AFTER_LAST: period.end,
  };
  return parameters.map((parameter) => (typeof parameter === 'string' ? bounds[parameter] : parameter.value))
    .map((value) => `'${value.replace(/'/g, "''")}'`);
}

/**
 * The rows of one breakdown's query as the one GetCostAndUsage page Cost Explorer would answer for
 * the same question, so the breakdown section and the cost summary are built by the same code in
 * both modes. Every period of the analysis is listed, also one without rows; the one reaching the
 * analysis end (today, not final yet) is estimated, as Cost Explorer marks it.
 *
 * @throws when a row's period is outside the analysis or its amount is not a number
 */
export function costAndUsagePageFromRows(rows: readonly AthenaCostRow[], question: {
  readonly period: CostPeriod;
  readonly granularity: 'DAILY' | 'MONTHLY';
  readonly groupBy: GroupDefinition;
  readonly metric: string;
}): GetCostAndUsageResponse {
  const unit = question.metric === 'UsageQuantity' ? 'N/A' : 'USD';
  const periods = analysisPeriods(question.period, question.granularity);
  const byKey = new Map(periods.map((period) => [period.key, [] as NonNullable<ResultByTime['Groups']>]));
  const names = new Map<string, string>();
  const keyed = question.groupBy.Type === 'TAG' || question.groupBy.Type === 'COST_CATEGORY';
  for (const [periodKey, value, amount, groupName] of rows) {
    // Cost Explorer names tag and cost category groups `key$value`, `key$` for costs without one.
    const groupKey = keyed ? `${question.groupBy.Key}$${value}` : value;
    if (groupName !== undefined && groupName !== '') {
      names.set(groupKey, groupName);
    }
    const groups = byKey.get(periodKey);
    if (groups === undefined) {
      throw new Error(`An Athena row is for period ${JSON.stringify(periodKey)}, outside the analysis ${question.period.start} to ${question.period.end}`);
    }
    const exact = toExactAmount(parseAmount(amount, `${question.metric} of ${periodKey} ${groupKey}`));
    if (keyed && value === '' && isZero(exact)) {
      continue; // every cost carried the key: Cost Explorer lists no `key$` group
    }
    groups.push({ Keys: [groupKey], Metrics: { [question.metric]: { Amount: exact, Unit: unit } } });
  }
  return {
    GroupDefinitions: [{ ...question.groupBy }],
    // Where Cost Explorer says what a linked account is called.
    ...(names.size === 0 ? {} : {
      DimensionValueAttributes: [...names].map(([value, name]) => ({ Value: value, Attributes: { description: name } })),
    }),
    ResultsByTime: periods.map((period) => ({
      TimePeriod: { Start: period.start, End: period.end },
      Total: {},
      Groups: byKey.get(period.key)!,
      Estimated: period.end === question.period.end,
    })),
  };
}

/** The periods of the analysis at its granularity, cut to its start and end, each with the key its query rows carry. */
export function analysisPeriods(period: CostPeriod, granularity: 'DAILY' | 'MONTHLY'): Array<CostPeriod & { key: string }> {
  const periods: Array<CostPeriod & { key: string }> = [];
  let start = period.start;
  while (start < period.end) {
    const next = granularity === 'DAILY' ? shiftDays(start, 1) : firstOfNextMonth(start);
    const end = next < period.end ? next : period.end;
    periods.push({ start, end, key: granularity === 'DAILY' ? start : start.slice(0, 7) });
    start = end;
  }
  return periods;
}

function isZero(amount: string): boolean {
  return /^-?0(\.0*)?$/.test(amount);
}

function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function firstOfNextMonth(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

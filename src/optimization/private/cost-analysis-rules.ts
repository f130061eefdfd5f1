import { CostFilter } from '../../core/cost-filter';
import { COST_CATEGORY_NAME_MAX_LENGTH } from '../../core/limits/cost-categories';
import { COST_AND_USAGE_METRICS, GROUP_BY_DIMENSIONS } from '../../core/limits/cost-explorer';
import { TAG_KEY_MAX_LENGTH } from '../../core/limits/optimization';
import { expressionViolations } from '../../core/private/expression';
import { checkLength, describeList, isUnresolved, RuleViolation } from '../../core/validation';
import { CostBreakdown, CostBreakdownKind, CostGranularity, CostMetric } from '../cost-analysis-options';

/** The most groups a breakdown section lists before "other": a readable table, not an AWS limit. */
export const MAX_TOP_GROUPS = 100;

/** The choices of a cost analysis that Cost Explorer has rules for. */
export interface CostAnalysisChoices {
  readonly breakdowns: readonly CostBreakdown[];
  readonly metric: CostMetric;
  readonly granularity: CostGranularity;
  readonly filter?: CostFilter;
  readonly topGroupsCount: number;
}

/**
 * The rules of GetCostAndUsage that a cost analysis can break at synth. Each breakdown is its own
 * query with one GroupBy, so "up to two different groups" per request holds by construction.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
 */
export function costAnalysisViolations(choices: CostAnalysisChoices): RuleViolation[] {
  return [
    ...breakdownListViolations(choices.breakdowns),
    ...choices.breakdowns.flatMap(breakdownViolations),
    ...metricViolations(choices.metric),
    ...granularityViolations(choices.granularity),
    ...(choices.filter === undefined ? [] : expressionViolations(choices.filter.toCostExplorerExpression())),
    ...topGroupsViolations(choices.topGroupsCount),
  ];
}

function breakdownListViolations(breakdowns: readonly CostBreakdown[]): RuleViolation[] {
  if (breakdowns.length === 0) {
    return [{ value: breakdowns, rule: 'a cost analysis breaks costs down at least one way', fix: 'omit breakdowns (by service) or list at least one' }];
  }
  const labels = breakdowns.map((breakdown) => `${breakdown.kind} ${breakdown.key}`);
  const repeated = labels.filter((label, index) => labels.indexOf(label) !== index);
  return repeated.length === 0 ? [] : [{
    value: labels,
    rule: 'each breakdown is listed once (each one is a billed query)',
    fix: `remove the repeated ${describeList([...new Set(repeated)])}`,
  }];
}

function breakdownViolations(breakdown: CostBreakdown): RuleViolation[] {
  if (isUnresolved(breakdown.key)) {
    return [];
  }
  switch (breakdown.kind) {
    case CostBreakdownKind.DIMENSION:
      return GROUP_BY_DIMENSIONS.includes(breakdown.key) ? [] : [{
        value: breakdown.key,
        rule: `GetCostAndUsage groups by the dimensions ${GROUP_BY_DIMENSIONS.join(', ')}`,
        fix: 'break down by one of these dimensions, or filter by this one instead',
      }];
    case CostBreakdownKind.TAG:
      // A GroupDefinition key may be 1,024 characters (API_GroupDefinition.html), but no tag key is longer than 128.
      return present(checkLength(breakdown.key, 1, TAG_KEY_MAX_LENGTH, 'a tag key to break costs down by', 'use the cost allocation tag\'s key'));
    case CostBreakdownKind.COST_CATEGORY:
      return present(checkLength(breakdown.key, 1, COST_CATEGORY_NAME_MAX_LENGTH, 'a cost category name', 'use the cost category\'s name'));
    default:
      return [{ value: breakdown.kind, rule: 'a breakdown groups by a dimension, a tag or a cost category', fix: 'make it with CostBreakdown\'s static methods' }];
  }
}

function metricViolations(metric: CostMetric): RuleViolation[] {
  return COST_AND_USAGE_METRICS.includes(metric) ? [] : [{
    value: metric,
    rule: `the cost analysis sums one of the GetCostAndUsage metrics ${COST_AND_USAGE_METRICS.join(', ')}`,
    fix: 'pick a CostMetric',
  }];
}

function granularityViolations(granularity: CostGranularity): RuleViolation[] {
  // HOURLY data covers only the last 14 days and must be enabled first (ce-advanced-cost-analysis.html): not offered.
  return Object.values(CostGranularity).includes(granularity) ? [] : [{
    value: granularity,
    rule: 'a cost analysis compares DAILY or MONTHLY periods',
    fix: 'pick CostGranularity.DAILY or CostGranularity.MONTHLY',
  }];
}

function topGroupsViolations(count: number): RuleViolation[] {
  if (isUnresolved(count) || (Number.isInteger(count) && count >= 1 && count <= MAX_TOP_GROUPS)) {
    return [];
  }
  return [{ value: count, rule: `topGroupsCount is a whole number of 1-${MAX_TOP_GROUPS} groups listed before "other"`, fix: 'list 1-100 groups' }];
}

function present(violation: RuleViolation | undefined): RuleViolation[] {
  return violation === undefined ? [] : [violation];
}

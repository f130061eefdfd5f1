import { deduplicateOpportunities, DeduplicationOptions, Duplicate } from './dedupe';
import { approximateNumber, compareExact, ExactAmount, exactFromDecimal, roundedText } from './exact-amount';
import { fixedRoundedTextAs, parseFixedAmount } from './fixed-amount';
import { Opportunity, withTrailingFields } from './opportunity';
import { compareText } from './ordering';
import { applyPolicy, DEFAULT_POLICY, OptimizationPolicy, Rejection } from './policy';
import { exactDefaultScore, FIXED_SCORE_SCALE, fixedPriorityScore, priorityScore, PriorityScorer } from './priority';

/** An opportunity with its place in the ranking (1 is first). */
export interface RankedOpportunity extends Opportunity {
  readonly rank: number;
}

/**
 * Scores opportunities with `scorer` (default `priorityScore`; `seedPriorityScore` reproduces the
 * seed's order; `PRIORITY_SCORERS` names both) and ranks them, highest score first. Ties go to the
 * smaller id, so the order never depends on input order. Scores are compared at full precision and shown with two decimals.
 */
export function rankOpportunities(opportunities: readonly Opportunity[], scorer: PriorityScorer = priorityScore): RankedOpportunity[] {
  const scoredOpportunities = opportunities.map(opportunity => scored(opportunity, scorer));
  const order = rankedOrder(scoredOpportunities);
  const ranked: RankedOpportunity[] = [];
  for (let position = 0; position < order.length; position++) {
    ranked.push(withRank(scoredOpportunities[order[position]], position));
  }
  return ranked;
}

/**
 * The indices of the scored opportunities, highest score first, ties to the smaller id. When every
 * score is fixed (the default formula, the common case) the comparator reads the scores from one
 * typed array: integers below 2^51, so their difference is exact. When the ids already ascend in
 * input order (as a source lists them), the smaller index is the smaller id, and ties compare indices.
 */
function rankedOrder(scoredOpportunities: readonly ScoredOpportunity[]): number[] {
  const order = scoredOpportunities.map((_, index) => index);
  const fixedScores = new Float64Array(scoredOpportunities.length);
  for (let index = 0; index < scoredOpportunities.length; index++) {
    const fixedScore = scoredOpportunities[index].fixedScore;
    if (fixedScore === undefined) {
      return order.sort((first, second) => byScoreThenId(scoredOpportunities[first], scoredOpportunities[second]));
    }
    fixedScores[index] = fixedScore;
  }
  if (idsAscend(scoredOpportunities)) {
    return order.sort((first, second) => fixedScores[second] - fixedScores[first] || first - second);
  }
  const ids = scoredOpportunities.map(scoredOpportunity => scoredOpportunity.opportunity.id);
  return order.sort((first, second) => fixedScores[second] - fixedScores[first] || compareText(ids[first], ids[second]));
}

/** Whether no id is greater than the next one's: equal ids keep their input order, as the sort (stable) keeps them. */
function idsAscend(scoredOpportunities: readonly ScoredOpportunity[]): boolean {
  for (let index = 1; index < scoredOpportunities.length; index++) {
    if (scoredOpportunities[index - 1].opportunity.id > scoredOpportunities[index].opportunity.id) {
      return false;
    }
  }
  return true;
}

function byScoreThenId(first: ScoredOpportunity, second: ScoredOpportunity): number {
  return compareScores(second, first) || compareText(first.opportunity.id, second.opportunity.id);
}

/** The opportunity with its score and rank, written field by field: a spread copy of each of 20,000+ opportunities cost more than the sort. */
function withRank({ opportunity, scoreText }: ScoredOpportunity, index: number): RankedOpportunity {
  const ranked: Omit<RankedOpportunity, 'rank'> & { rank?: number } = withTrailingFields({
    id: opportunity.id,
    type: opportunity.type,
    resourceId: opportunity.resourceId,
    service: opportunity.service,
    region: opportunity.region,
    accountId: opportunity.accountId,
    currency: opportunity.currency,
    currentMonthlyCost: opportunity.currentMonthlyCost,
    optimizedMonthlyCost: opportunity.optimizedMonthlyCost,
    monthlySavings: opportunity.monthlySavings,
    savingsPercentage: opportunity.savingsPercentage,
    upfrontCost: opportunity.upfrontCost,
    effort: opportunity.effort,
    risk: opportunity.risk,
    priorityScore: scoreText,
    source: opportunity.source,
    action: opportunity.action,
  }, opportunity, opportunity.details);
  ranked.rank = index + 1;
  return ranked as RankedOpportunity;
}

interface ScoredOpportunity {
  readonly opportunity: Opportunity;
  /** The default score in units of 10^-9 (see `fixedPriorityScore`), exact, when it fits; then {@link score} is left out. */
  readonly fixedScore: number | undefined;
  readonly score: ExactAmount | undefined;
  /** The score's nearest double, which orders scores whenever two differ (see `compareAmountTexts`). */
  readonly approximateScore: number;
  /** The score as the report shows it: two decimals. */
  readonly scoreText: string;
}

/**
 * The default formula runs on fixed amounts when they fit (an integer product, no BigInt), else on
 * exact amounts; another scorer's Decimal is read exactly.
 */
function scored(opportunity: Opportunity, scorer: PriorityScorer): ScoredOpportunity {
  if (scorer === priorityScore) {
    const monthlySavings = parseFixedAmount(opportunity.monthlySavings);
    const upfrontCost = parseFixedAmount(opportunity.upfrontCost);
    const fixedScore = monthlySavings === undefined || upfrontCost === undefined
      ? undefined
      : fixedPriorityScore(monthlySavings, upfrontCost, opportunity.effort, opportunity.risk);
    if (fixedScore !== undefined) {
      return {
        opportunity,
        fixedScore,
        score: undefined,
        approximateScore: fixedScore / FIXED_SCORE_UNIT,
        scoreText: fixedRoundedTextAs(fixedScore, FIXED_SCORE_SCALE, opportunity.priorityScore),
      };
    }
  }
  const score = scorer === priorityScore ? exactDefaultScore(opportunity) : exactFromDecimal(scorer(opportunity));
  return { opportunity, fixedScore: undefined, score, approximateScore: approximateNumber(score), scoreText: roundedText(score) };
}

const FIXED_SCORE_UNIT = 10 ** FIXED_SCORE_SCALE;

function compareScores(first: ScoredOpportunity, second: ScoredOpportunity): number {
  if (first.fixedScore !== undefined && second.fixedScore !== undefined) {
    return first.fixedScore === second.fixedScore ? 0 : first.fixedScore < second.fixedScore ? -1 : 1;
  }
  if (first.approximateScore !== second.approximateScore) {
    return first.approximateScore < second.approximateScore ? -1 : 1;
  }
  return compareExact(exactScoreOf(first), exactScoreOf(second));
}

function exactScoreOf(scoredOpportunity: ScoredOpportunity): ExactAmount {
  return scoredOpportunity.score ?? { units: BigInt(scoredOpportunity.fixedScore!), scale: FIXED_SCORE_SCALE };
}

/** What {@link selectOpportunities} kept, and what it set aside and why. */
export interface Selection {
  readonly ranked: RankedOpportunity[];
  readonly duplicates: Duplicate[];
  readonly rejected: Rejection[];
}

/** Options for {@link selectOpportunities}. */
export interface SelectionOptions extends DeduplicationOptions {
  /** @default DEFAULT_POLICY */
  readonly policy?: OptimizationPolicy;
  /** @default priorityScore */
  readonly scorer?: PriorityScorer;
}

/**
 * Deduplicates, filters by policy, then ranks. Deduplication comes first so the policy judges
 * the best information about each resource, not a weaker copy that happens to pass.
 */
export function selectOpportunities(opportunities: readonly Opportunity[], options: SelectionOptions = {}): Selection {
  const deduplicated = deduplicateOpportunities(opportunities, options);
  const outcome = applyPolicy(deduplicated.kept, options.policy ?? DEFAULT_POLICY);
  return {
    ranked: rankOpportunities(outcome.kept, options.scorer ?? priorityScore),
    duplicates: deduplicated.duplicates,
    rejected: outcome.rejected,
  };
}

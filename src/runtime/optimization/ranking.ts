import { deduplicateOpportunities, DeduplicationOptions, Duplicate } from './dedupe';
import { toScore } from './money';
import { Opportunity } from './opportunity';
import { compareText } from './ordering';
import { applyPolicy, DEFAULT_POLICY, OptimizationPolicy, Rejection } from './policy';
import { priorityScore, PriorityScorer } from './priority';

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
  return opportunities
    .map(opportunity => ({ opportunity, score: scorer(opportunity) }))
    .sort((first, second) => second.score.comparedTo(first.score) || compareText(first.opportunity.id, second.opportunity.id))
    .map(({ opportunity, score }, index) => ({ ...opportunity, priorityScore: toScore(score), rank: index + 1 }));
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

import { EXACT_ZERO, ExactAmount, exactAmountText, exactFromDecimal, parseExactAmount, percentageText, roundedText, subtractExact } from './exact-amount';
import { fixedAmountText, fixedPercentageText, fixedRoundedText, parseFixedAmount } from './fixed-amount';
import { Decimal } from './money';
import { exactPriorityScore, FIXED_SCORE_SCALE, fixedPriorityScore } from './priority';

/** What kind of saving an opportunity is. */
export const OpportunityType = {
  /** Move an instance (or service capacity) to a smaller or cheaper size. */
  RIGHTSIZING: 'RIGHTSIZING',
  /** Stop, terminate or delete a resource that does no work. */
  IDLE_RESOURCE: 'IDLE_RESOURCE',
  /** Move a workload to Graviton (arm64) instances. */
  MIGRATE_TO_GRAVITON: 'MIGRATE_TO_GRAVITON',
  /** Buy Reserved Instances (or reserved nodes or capacity) for steady usage. */
  RESERVED_INSTANCES: 'RESERVED_INSTANCES',
  /** Commit to a Savings Plan for steady usage. */
  SAVINGS_PLANS: 'SAVINGS_PLANS',
  /** Change a gp2 EBS volume to gp3 with at least the same performance. */
  STORAGE_GP2_TO_GP3: 'STORAGE_GP2_TO_GP3',
  /** Change an EBS volume's type, size or provisioned performance otherwise. */
  STORAGE_VOLUME_RIGHTSIZING: 'STORAGE_VOLUME_RIGHTSIZING',
  /** Delete (after an optional snapshot) an EBS volume attached to nothing. */
  STORAGE_UNATTACHED_VOLUME: 'STORAGE_UNATTACHED_VOLUME',
  /** Delete an EBS snapshot older than the retention period. */
  STORAGE_OLD_SNAPSHOT: 'STORAGE_OLD_SNAPSHOT',
  /** A recommendation this library does not classify further (see the opportunity's details). */
  OTHER: 'OTHER',
} as const;
export type OpportunityType = (typeof OpportunityType)[keyof typeof OpportunityType];

/** How much work acting on an opportunity takes. */
export const Effort = {
  /** A purchase, an online change or a deletion. */
  LOW: 'LOW',
  /** A change with a restart or a short test. */
  MEDIUM: 'MEDIUM',
  /** A migration or re-architecture. */
  HIGH: 'HIGH',
} as const;
export type Effort = (typeof Effort)[keyof typeof Effort];

/** How likely acting on an opportunity hurts a workload or cannot be undone. */
export const Risk = {
  /** Online and reversible. */
  LOW: 'LOW',
  /** Needs a restart, or commits money for a year. */
  MEDIUM: 'MEDIUM',
  /** Irreversible (deletion, termination) or commits money for several years. */
  HIGH: 'HIGH',
} as const;
export type Risk = (typeof Risk)[keyof typeof Risk];

/** Where an opportunity was found. */
export const OpportunitySource = {
  /** Cost Explorer rightsizing and purchase recommendations. */
  COST_EXPLORER: 'COST_EXPLORER',
  /** Cost Optimization Hub recommendations (which aggregate Compute Optimizer and Cost Explorer). */
  COST_OPTIMIZATION_HUB: 'COST_OPTIMIZATION_HUB',
  /** This library's own analysis of EC2 DescribeVolumes and DescribeSnapshots. */
  EC2_INVENTORY: 'EC2_INVENTORY',
  /** AWS Compute Optimizer recommendations for EC2 instances, EBS volumes, Lambda functions and RDS databases. */
  COMPUTE_OPTIMIZER: 'COMPUTE_OPTIMIZER',
} as const;
export type OpportunitySource = (typeof OpportunitySource)[keyof typeof OpportunitySource];

/** Peak utilization over the lookback period, when the source measured it. Percentages as given. */
export interface Utilization {
  readonly maxCpuPercentage?: string;
  readonly maxMemoryPercentage?: string;
}

/**
 * One way to save money, in one shape whatever its source.
 *
 * Money fields are exact decimal strings in `currency` (USD for every source today), with at
 * least two decimals: the amounts the source sent, never rounded (`"0.004"` stays `"0.004"`), with
 * `currentMonthlyCost = optimizedMonthlyCost + monthlySavings` (unless the savings exceed the cost).
 * Totals add these exact amounts and round once, where they are shown (see `savingsTotals`);
 * renderers for people show each amount rounded half up to cents.
 */
export interface Opportunity {
  /** Unique and stable across runs for the same recommendation. */
  readonly id: string;
  readonly type: OpportunityType;
  /** The resource to change, or for a purchase a description of what to buy. */
  readonly resourceId: string;
  /** Short service name: EC2, EBS, RDS, Compute (for Compute Savings Plans)... */
  readonly service: string;
  /** Region code (`us-east-1`), or `global` for commitments that span regions. */
  readonly region: string;
  readonly accountId: string;
  readonly currency: string;
  readonly currentMonthlyCost: string;
  readonly optimizedMonthlyCost: string;
  readonly monthlySavings: string;
  /** `monthlySavings / currentMonthlyCost * 100`, or the source's own figure when the current cost is unknown. */
  readonly savingsPercentage: string;
  /** One-time cost to act (a commitment's upfront payment), `0.00` when none. */
  readonly upfrontCost: string;
  readonly effort: Effort;
  readonly risk: Risk;
  /** The default `priorityScore`, two decimals; `rankOpportunities` can re-score with another formula. */
  readonly priorityScore: string;
  readonly source: OpportunitySource;
  /** What to do, for a person. */
  readonly action: string;
  /** When the source generated the recommendation (ISO-8601), if it says. */
  readonly generatedAt?: string;
  readonly utilization?: Utilization;
  /** Source-specific facts (instance types, term, break-even...), for reports and debugging. */
  readonly details: Readonly<Record<string, string>>;
}

/**
 * An amount a normalizer passes: exact, as the decimal text the source sent (plain or exponent
 * notation, missing or blank is zero: read as `parseExactAmount` reads it; the fastest), as
 * parsed (`parseExactAmount`, `exactAmountFromNumber`) or as a decimal.js number.
 */
export type AmountInput = string | ExactAmount | Decimal;

/** What a normalizer knows; {@link createOpportunity} derives the rest. */
export interface OpportunityInput {
  readonly id: string;
  readonly type: OpportunityType;
  readonly resourceId: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** @default 'USD' */
  readonly currency?: string;
  readonly currentMonthlyCost: AmountInput;
  readonly monthlySavings: AmountInput;
  /** @default zero */
  readonly upfrontCost?: AmountInput;
  /** Used only when `currentMonthlyCost` is zero (unknown). */
  readonly sourceSavingsPercentage?: AmountInput;
  readonly effort: Effort;
  readonly risk: Risk;
  readonly source: OpportunitySource;
  readonly action: string;
  readonly generatedAt?: string;
  readonly utilization?: Utilization;
  readonly details?: Record<string, string | undefined>;
}

/**
 * Builds an opportunity: keeps money exact (see {@link Opportunity}), derives the optimized cost
 * and the savings percentage (two decimals), scores it with the default `priorityScore`, and drops empty details.
 *
 * The optimized cost is `current - savings`, never below zero: a source whose savings exceed
 * the cost it reports (it counts benefits this shape does not) still yields a valid opportunity.
 */
export function createOpportunity(input: OpportunityInput): Opportunity {
  return opportunityWithDetails(input, compactDetails(input.details ?? {}));
}

/**
 * {@link createOpportunity} for a normalizer that builds its details compact already: only
 * non-empty values, keys in code-unit order. Saves a second details object per opportunity.
 */
export function opportunityWithDetails(input: Omit<OpportunityInput, 'details'>, details: Opportunity['details']): Opportunity {
  const amounts = fixedAmountsOf(input) ?? exactAmountsOf(input);
  return withTrailingFields({
    id: input.id,
    type: input.type,
    resourceId: input.resourceId,
    service: input.service,
    region: input.region,
    accountId: input.accountId,
    currency: input.currency ?? 'USD',
    currentMonthlyCost: amounts.currentMonthlyCost,
    optimizedMonthlyCost: amounts.optimizedMonthlyCost,
    monthlySavings: amounts.monthlySavings,
    savingsPercentage: amounts.savingsPercentage,
    upfrontCost: amounts.upfrontCost,
    effort: input.effort,
    risk: input.risk,
    priorityScore: amounts.priorityScore,
    source: input.source,
    action: input.action,
  }, input, details);
}

/** An opportunity's money fields and its default score, as text. */
type AmountFields = Pick<Opportunity,
'currentMonthlyCost' | 'optimizedMonthlyCost' | 'monthlySavings' | 'savingsPercentage' | 'upfrontCost' | 'priorityScore'>;

/**
 * The money fields on fixed amounts (fixed-amount.ts), the common case: amounts as text with at
 * most six decimals and a known current cost. Undefined otherwise, for {@link exactAmountsOf}.
 */
function fixedAmountsOf(input: Omit<OpportunityInput, 'details'>): AmountFields | undefined {
  const currentMonthlyCost = fixedOf(input.currentMonthlyCost);
  const monthlySavings = fixedOf(input.monthlySavings);
  const upfrontCost = fixedOf(input.upfrontCost);
  if (currentMonthlyCost === undefined || currentMonthlyCost === 0 || monthlySavings === undefined || upfrontCost === undefined) {
    return undefined;
  }
  const savingsPercentage = fixedPercentageText(monthlySavings, currentMonthlyCost);
  const score = fixedPriorityScore(monthlySavings, upfrontCost, input.effort, input.risk);
  if (savingsPercentage === undefined || score === undefined) {
    return undefined;
  }
  const optimizedMonthlyCost = currentMonthlyCost - monthlySavings;
  return {
    currentMonthlyCost: fixedAmountText(currentMonthlyCost),
    optimizedMonthlyCost: fixedAmountText(optimizedMonthlyCost < 0 ? 0 : optimizedMonthlyCost),
    monthlySavings: fixedAmountText(monthlySavings),
    savingsPercentage,
    upfrontCost: fixedAmountText(upfrontCost),
    priorityScore: fixedRoundedText(score, FIXED_SCORE_SCALE),
  };
}

/** The money fields on exact amounts, whatever their length. */
function exactAmountsOf(input: Omit<OpportunityInput, 'details'>): AmountFields {
  const currentMonthlyCost = exactOf(input.currentMonthlyCost);
  const monthlySavings = exactOf(input.monthlySavings);
  const upfrontCost = exactOf(input.upfrontCost);
  const optimizedMonthlyCost = subtractExact(currentMonthlyCost, monthlySavings);
  return {
    currentMonthlyCost: exactAmountText(currentMonthlyCost),
    optimizedMonthlyCost: exactAmountText(optimizedMonthlyCost.units < 0n ? EXACT_ZERO : optimizedMonthlyCost),
    monthlySavings: exactAmountText(monthlySavings),
    savingsPercentage: currentMonthlyCost.units === 0n
      ? roundedText(exactOf(input.sourceSavingsPercentage))
      : percentageText(monthlySavings, currentMonthlyCost),
    upfrontCost: exactAmountText(upfrontCost),
    priorityScore: roundedText(exactPriorityScore(monthlySavings, upfrontCost, input.effort, input.risk)),
  };
}

/** An opportunity's fields that come last, in this order; the optional ones only when present. */
type TrailingFields = 'generatedAt' | 'utilization' | 'details';

/**
 * Completes an opportunity (or a ranked one) with its trailing fields, so every opportunity
 * lists its fields in one order, the order of the JSON report. Assigned one by one rather than
 * spread (`...(generatedAt === undefined ? {} : { generatedAt })`): objects built alike share
 * one shape, which keeps building and copying 20,000+ of them cheap. An optional field that is
 * missing stays absent, never an `undefined` property.
 */
export function withTrailingFields<T extends Omit<Opportunity, TrailingFields>>(
  leading: T,
  optional: Pick<Opportunity, 'generatedAt' | 'utilization'>,
  details: Opportunity['details'],
): T & Pick<Opportunity, TrailingFields> {
  const opportunity = leading as T & { -readonly [K in TrailingFields]: Opportunity[K] };
  if (optional.generatedAt !== undefined) {
    opportunity.generatedAt = optional.generatedAt;
  }
  if (optional.utilization !== undefined) {
    opportunity.utilization = optional.utilization;
  }
  opportunity.details = details;
  return opportunity;
}

/** An amount input as an exact amount; missing is zero. */
function exactOf(amount: AmountInput | undefined): ExactAmount {
  if (amount === undefined) {
    return EXACT_ZERO;
  }
  if (typeof amount === 'string') {
    return parseExactAmount(amount, 'amount');
  }
  return Decimal.isDecimal(amount) ? exactFromDecimal(amount) : amount;
}

/** An amount input as fixed micro-units when it is text that fits them; missing or blank is zero. */
function fixedOf(amount: AmountInput | undefined): number | undefined {
  if (amount === undefined) {
    return 0;
  }
  if (typeof amount !== 'string') {
    return undefined;
  }
  return amount === '' ? 0 : parseFixedAmount(amount);
}

function compactDetails(details: Record<string, string | undefined>): Record<string, string> {
  const compact: Record<string, string> = {};
  for (const key of sortedKeys(details)) {
    const value = details[key];
    if (value !== undefined && value !== '') {
      compact[key] = value;
    }
  }
  return compact;
}

/** The keys in code-unit order (as `sort()` orders them), sorting only when they are not in order already: normalizers list details alphabetically. */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  for (let index = 1; index < keys.length; index++) {
    if (keys[index - 1] > keys[index]) {
      return keys.sort();
    }
  }
  return keys;
}

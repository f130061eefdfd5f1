import { shortIdOf } from './compute-optimizer';
import { compareAmountTexts } from './exact-amount';
import { Opportunity, OpportunitySource, OpportunityType } from './opportunity';
import { compareText } from './ordering';

/**
 * Which source to believe about a change to a resource, best first: Cost Optimization Hub
 * says how hard and how reversible the change is (effort, restart, rollback) where the others
 * leave it to our guesses; Compute Optimizer, where most of the hub's rightsizing comes from,
 * gives the migration effort and performance risk of its option, Cost Explorer neither.
 */
export const RESOURCE_SOURCE_PREFERENCE: readonly OpportunitySource[] = [
  OpportunitySource.COST_OPTIMIZATION_HUB,
  OpportunitySource.COMPUTE_OPTIMIZER,
  OpportunitySource.COST_EXPLORER,
  OpportunitySource.EC2_INVENTORY,
];

/**
 * Which source to believe about a purchase, best first: Cost Explorer reports the upfront
 * cost, term and break-even that Cost Optimization Hub's listing leaves out.
 */
export const COMMITMENT_SOURCE_PREFERENCE: readonly OpportunitySource[] = [
  OpportunitySource.COST_EXPLORER,
  OpportunitySource.COST_OPTIMIZATION_HUB,
  OpportunitySource.EC2_INVENTORY,
  OpportunitySource.COMPUTE_OPTIMIZER,
];

const COMMITMENT_TYPES: ReadonlySet<OpportunityType> = new Set([OpportunityType.RESERVED_INSTANCES, OpportunityType.SAVINGS_PLANS]);

/** An opportunity dropped as a duplicate, and what was kept instead. */
export interface Duplicate {
  readonly opportunity: Opportunity;
  /** The id of the opportunity kept instead, or for a purchase plan the source kept. */
  readonly keptId: string;
  readonly reason: string;
}

/** Opportunities after deduplication. */
export interface DeduplicationOutcome {
  /** The kept opportunities, in input order. */
  readonly kept: Opportunity[];
  readonly duplicates: Duplicate[];
}

/** Options for {@link deduplicateOpportunities}. */
export interface DeduplicationOptions {
  /**
   * Also keep one change per resource across types (e.g. rightsizing or terminating the same
   * instance, resizing or deleting the same volume): those are alternatives, and counting both
   * would add up savings no one can have. The one saving most is kept.
   * @default true
   */
  readonly onePerResource?: boolean;
}

/** The same resource and type in the same account and Region (see {@link resourceKey}). */
export function dedupeKey(opportunity: Opportunity): string {
  return `${opportunity.type}|${resourceKey(opportunity)}`;
}

/** {@link dedupeKey} of each opportunity of a batch, a missing Region filled as {@link resourceKeys} does. */
export function dedupeKeys(opportunities: readonly Opportunity[]): string[] {
  const { shortIds, regions } = resourceKeyParts(opportunities);
  const keys: string[] = [];
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index];
    keys.push(`${opportunity.type}|${opportunity.accountId}|${regions[index]}|${shortIds[index]}`);
  }
  return keys;
}

/** Region values that name no one Region. */
const NO_REGION: ReadonlySet<string> = new Set(['', 'unknown', 'global']);

/**
 * One resource whichever source names it: the account, the Region and the resource's own id,
 * compared case-insensitively. Sources name a resource by id (Cost Explorer's `i-0abc`) or by ARN
 * (Compute Optimizer's `arn:aws:ec2:us-east-1:111122223333:instance/i-0abc`); an ARN is reduced
 * to its id (see `shortIdOf`), so the three sources meet on the same key. The Region stays in the
 * key because a reduced id is often a name, unique only within a Region: the Lambda function
 * `arn:aws:lambda:us-east-1:...:function:api` and `arn:aws:lambda:eu-west-1:...:function:api` are
 * two functions. Sources give the Region as a code (see `normalizeRegion`); one that names no
 * Region (`unknown`, `global`) leaves it out of the key.
 */
export function resourceKey(opportunity: Opportunity): string {
  return `${opportunity.accountId}|${regionOf(opportunity)}|${shortIdOf(opportunity.resourceId).toLowerCase()}`;
}

/**
 * {@link resourceKey} of each opportunity of a batch. An opportunity whose source could not tell
 * the Region (a Cost Explorer location missing from the region table) takes the Region of the
 * same account's resource of the same id when the other sources agree on one, so it still meets
 * the others; with none or several, it keeps its key without a Region.
 */
export function resourceKeys(opportunities: readonly Opportunity[]): string[] {
  const { shortIds, regions } = resourceKeyParts(opportunities);
  const keys: string[] = [];
  for (let index = 0; index < opportunities.length; index++) {
    keys.push(`${opportunities[index].accountId}|${regions[index]}|${shortIds[index]}`);
  }
  return keys;
}

/** The lower-case short id and the Region (filled as {@link resourceKeys} says) of each opportunity: its key without the account. */
function resourceKeyParts(opportunities: readonly Opportunity[]): ResourceKeyParts {
  const shortIds: string[] = [];
  const regions: string[] = [];
  let regionMissing = false;
  for (const opportunity of opportunities) {
    shortIds.push(shortIdOf(opportunity.resourceId).toLowerCase());
    const region = regionOf(opportunity);
    regions.push(region);
    regionMissing ||= region === '';
  }
  if (regionMissing) {
    fillMissingRegions(opportunities, shortIds, regions);
  }
  return { shortIds, regions, regionMissing };
}

interface ResourceKeyParts {
  readonly shortIds: string[];
  readonly regions: string[];
  /** Whether an opportunity had no Region before the filling. */
  readonly regionMissing: boolean;
}

/** Marks a resource that the sources place in more than one Region. */
const SEVERAL_REGIONS = '\u0000several';

/** Gives a missing Region the one Region the other sources agree on for the same account's resource. */
function fillMissingRegions(opportunities: readonly Opportunity[], shortIds: readonly string[], regions: string[]): void {
  const resourceOf = (index: number) => `${opportunities[index].accountId}|${shortIds[index]}`;
  const regionByResource = new Map<string, string>();
  regions.forEach((region, index) => {
    if (region === '') return;
    const known = regionByResource.get(resourceOf(index));
    regionByResource.set(resourceOf(index), known === undefined || known === region ? region : SEVERAL_REGIONS);
  });
  regions.forEach((region, index) => {
    const known = region === '' ? regionByResource.get(resourceOf(index)) : undefined;
    if (known !== undefined && known !== SEVERAL_REGIONS) {
      regions[index] = known;
    }
  });
}

function regionOf(opportunity: Opportunity): string {
  return NO_REGION.has(opportunity.region) ? '' : opportunity.region.toLowerCase();
}

/** The detail of a kept opportunity that names the other sources that found the same change. */
export const AGREEING_SOURCES_DETAIL = 'alsoFoundBy';

/**
 * Names, on each opportunity, the other sources that propose the same change to the same
 * resource ({@link dedupeKey}), in `details.alsoFoundBy` (`COST_EXPLORER, COMPUTE_OPTIMIZER`),
 * so the one {@link deduplicateOpportunities} keeps says which sources agreed with it.
 * Opportunities no other source confirms are returned as they are.
 */
export function withAgreeingSources(opportunities: readonly Opportunity[]): Opportunity[] {
  const keys = dedupeKeys(opportunities);
  const sourcesByKey = new Map<string, Set<OpportunitySource>>();
  keys.forEach((key, index) => {
    const sources = sourcesByKey.get(key) ?? new Set<OpportunitySource>();
    sources.add(opportunities[index].source);
    sourcesByKey.set(key, sources);
  });
  return opportunities.map((opportunity, index) => {
    const others = RESOURCE_SOURCE_PREFERENCE.filter(source => source !== opportunity.source && sourcesByKey.get(keys[index])!.has(source));
    if (others.length === 0 || COMMITMENT_TYPES.has(opportunity.type)) {
      return opportunity;
    }
    const details: Record<string, string> = { ...opportunity.details, [AGREEING_SOURCES_DETAIL]: others.join(', ') };
    return { ...opportunity, details: Object.fromEntries(Object.keys(details).sort().map(key => [key, details[key]])) };
  });
}

/**
 * Counts each opportunity once across sources.
 *
 * 1. Opportunities with the same {@link dedupeKey} are one: the kept one is from the preferred
 *    source (`RESOURCE_SOURCE_PREFERENCE`, or `COMMITMENT_SOURCE_PREFERENCE` for purchases), then
 *    the newer (`generatedAt`), then the smaller id, so the outcome never depends on input order.
 * 2. Purchases (RIs, Savings Plans) from two sources for the same account and service are two
 *    views of one purchase plan computed from the same usage, and their resource ids do not
 *    match across sources; buying both would over-commit. Only the preferred source's purchases
 *    of that type, account and service are kept.
 * 3. With `onePerResource`, one change per resource (see {@link DeduplicationOptions}).
 */
export function deduplicateOpportunities(opportunities: readonly Opportunity[], options: DeduplicationOptions = {}): DeduplicationOutcome {
  const parts = resourceKeyParts(opportunities);
  const keyNumbers = new KeyNumbers();
  const resources = resourceNumbers(opportunities, parts, keyNumbers);
  const sameKind = keepBest(opportunities, sameKindNumbers(opportunities, resources), isPreferred, 'the same resource and type from a preferred or newer source');
  const onePlan = keepPreferredPurchasePlan(sameKind.kept);
  const duplicates = [...sameKind.duplicates, ...onePlan.duplicates];
  if (options.onePerResource === false) {
    return { kept: onePlan.kept, duplicates };
  }
  const perResource = keepBest(
    onePlan.kept,
    perResourceNumbers(opportunities, onePlan.kept, parts.regionMissing ? undefined : resources, keyNumbers),
    savesMore,
    'a change to the same resource that saves more',
  );
  return { kept: perResource.kept, duplicates: [...duplicates, ...perResource.duplicates] };
}

/** A number per distinct text, from 0 up, in `numbers`. */
function numberOf(numbers: Map<string, number>, text: string): number {
  let number = numbers.get(text);
  if (number === undefined) {
    number = numbers.size;
    numbers.set(text, number);
  }
  return number;
}

/**
 * Keys as numbers, so both passes compare numbers: the same number for the same key text, from 0
 * up (resource keys `account|region|id`, then purchase keys `purchase|id`). A key of three parts
 * without `|` is looked up part by part rather than written out: building and hashing a key text
 * per opportunity cost more than three lookups of strings that keep their hash. Any other key goes
 * by its text. The two never meet: joined, three parts without `|` hold exactly two, and a text
 * with exactly two is always looked up by its parts.
 */
class KeyNumbers {
  private readonly byParts = new Map<string, Map<string, Map<string, number>>>();
  private readonly byText = new Map<string, number>();
  private count = 0;

  /** The number of the key `first|second|third`. */
  public numberOfParts(first: string, second: string, third: string): number {
    if (first.includes('|') || second.includes('|') || third.includes('|')) {
      return this.numberOfWholeText(`${first}|${second}|${third}`);
    }
    let bySecond = this.byParts.get(first);
    if (bySecond === undefined) {
      bySecond = new Map();
      this.byParts.set(first, bySecond);
    }
    let byThird = bySecond.get(second);
    if (byThird === undefined) {
      byThird = new Map();
      bySecond.set(second, byThird);
    }
    let number = byThird.get(third);
    if (number === undefined) {
      number = this.count++;
      byThird.set(third, number);
    }
    return number;
  }

  /** The number of a key text. */
  public numberOfText(key: string): number {
    const parts = key.split('|');
    return parts.length === 3 ? this.numberOfParts(parts[0], parts[1], parts[2]) : this.numberOfWholeText(key);
  }

  private numberOfWholeText(key: string): number {
    let number = this.byText.get(key);
    if (number === undefined) {
      number = this.count++;
      this.byText.set(key, number);
    }
    return number;
  }
}

/** The number of each opportunity's {@link resourceKey} (its Region filled as {@link resourceKeys} fills it). */
function resourceNumbers(opportunities: readonly Opportunity[], parts: ResourceKeyParts, keyNumbers: KeyNumbers): Int32Array {
  const numbers = new Int32Array(opportunities.length);
  for (let index = 0; index < opportunities.length; index++) {
    numbers[index] = keyNumbers.numberOfParts(opportunities[index].accountId, parts.regions[index], parts.shortIds[index]);
  }
  return numbers;
}

/** A number per {@link dedupeKey}: the type's number with the resource's. */
function sameKindNumbers(opportunities: readonly Opportunity[], resources: Int32Array): number[] {
  const typeNumbers = new Map<string, number>();
  const types: number[] = [];
  for (const opportunity of opportunities) {
    types.push(numberOf(typeNumbers, opportunity.type));
  }
  const keys: number[] = [];
  for (let index = 0; index < opportunities.length; index++) {
    keys.push(resources[index] * typeNumbers.size + types[index]);
  }
  return keys;
}

/**
 * A number per opportunity of `kept` for the one-change-per-resource pass: a purchase is its own
 * key, a change keys on its resource. `resources` (of `all`, which `kept` is an ordered subset of)
 * are reused when no Region was missing; otherwise the kept ones' Regions are filled anew, among themselves.
 */
function perResourceNumbers(
  all: readonly Opportunity[], kept: readonly Opportunity[], resources: Int32Array | undefined, keyNumbers: KeyNumbers,
): number[] {
  const keptResources = resources === undefined ? resourceKeys(kept) : undefined;
  const keys: number[] = [];
  let position = 0;
  for (let index = 0; index < kept.length; index++) {
    const opportunity = kept[index];
    if (COMMITMENT_TYPES.has(opportunity.type)) {
      keys.push(keyNumbers.numberOfText(`purchase|${opportunity.id}`));
    } else if (keptResources !== undefined) {
      keys.push(keyNumbers.numberOfText(keptResources[index]));
    } else {
      while (all[position] !== opportunity) position++;
      keys.push(resources![position]);
    }
  }
  return keys;
}

function keepPreferredPurchasePlan(opportunities: readonly Opportunity[]): DeduplicationOutcome {
  const planKey = (opportunity: Opportunity) => `${opportunity.type}|${opportunity.accountId}|${opportunity.service}`;
  const bestSourceByPlan = new Map<string, OpportunitySource>();
  for (const opportunity of opportunities.filter(candidate => COMMITMENT_TYPES.has(candidate.type))) {
    const current = bestSourceByPlan.get(planKey(opportunity));
    if (current === undefined || COMMITMENT_SOURCE_PREFERENCE.indexOf(opportunity.source) < COMMITMENT_SOURCE_PREFERENCE.indexOf(current)) {
      bestSourceByPlan.set(planKey(opportunity), opportunity.source);
    }
  }
  const kept: Opportunity[] = [];
  const duplicates: Duplicate[] = [];
  for (const opportunity of opportunities) {
    const bestSource = COMMITMENT_TYPES.has(opportunity.type) ? bestSourceByPlan.get(planKey(opportunity)) : undefined;
    if (bestSource === undefined || bestSource === opportunity.source) {
      kept.push(opportunity);
    } else {
      duplicates.push({
        opportunity,
        keptId: bestSource,
        reason: `${bestSource}'s purchase recommendations for the same account and service are kept`,
      });
    }
  }
  return { kept, duplicates };
}

/** True when `candidate` should be kept over `incumbent` for the same key. */
export function isPreferred(candidate: Opportunity, incumbent: Opportunity): boolean {
  const preference = COMMITMENT_TYPES.has(candidate.type) ? COMMITMENT_SOURCE_PREFERENCE : RESOURCE_SOURCE_PREFERENCE;
  const sourceOrder = preference.indexOf(candidate.source) - preference.indexOf(incumbent.source);
  if (sourceOrder !== 0) {
    return sourceOrder < 0;
  }
  const ageOrder = timestampOf(candidate) - timestampOf(incumbent);
  if (ageOrder !== 0) {
    return ageOrder > 0;
  }
  return compareText(candidate.id, incumbent.id) < 0;
}

function savesMore(candidate: Opportunity, incumbent: Opportunity): boolean {
  const order = compareAmountTexts(candidate.monthlySavings, incumbent.monthlySavings, 'monthlySavings');
  return order !== 0 ? order > 0 : isPreferred(candidate, incumbent);
}

/**
 * `keys[index]` is the key number of `opportunities[index]`, built once for both loops. Key
 * numbers are small and dense (see {@link numberOf}), so the best opportunity of each key is
 * found by index in a typed array rather than a map: 20,000+ lookups a pass.
 */
function keepBest(
  opportunities: readonly Opportunity[],
  keys: ArrayLike<number>,
  isBetter: (candidate: Opportunity, incumbent: Opportunity) => boolean,
  reason: string,
): DeduplicationOutcome {
  const bestIndexByKey = new Int32Array(largestOf(keys) + 1).fill(NONE);
  let distinctKeys = 0;
  for (let index = 0; index < opportunities.length; index++) {
    const bestIndex = bestIndexByKey[keys[index]];
    if (bestIndex === NONE) {
      distinctKeys++;
      bestIndexByKey[keys[index]] = index;
    } else if (isBetter(opportunities[index], opportunities[bestIndex])) {
      bestIndexByKey[keys[index]] = index;
    }
  }
  if (distinctKeys === opportunities.length) {
    return { kept: [...opportunities], duplicates: [] };
  }
  const kept: Opportunity[] = [];
  const duplicates: Duplicate[] = [];
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index];
    const best = opportunities[bestIndexByKey[keys[index]]];
    if (best === opportunity) {
      kept.push(opportunity);
    } else {
      duplicates.push({ opportunity, keptId: best.id, reason: `${reason} (${best.id}) is kept` });
    }
  }
  return { kept, duplicates };
}

/** No opportunity yet, in {@link keepBest}'s index of the best per key. */
const NONE = -1;

/** The largest of non-negative numbers; -1 for none. */
function largestOf(numbers: ArrayLike<number>): number {
  let largest = -1;
  for (let index = 0; index < numbers.length; index++) {
    if (numbers[index] > largest) {
      largest = numbers[index];
    }
  }
  return largest;
}

/** Milliseconds since the epoch of `generatedAt`; an opportunity without it counts as oldest. */
function timestampOf(opportunity: Opportunity): number {
  const timestamp = opportunity.generatedAt === undefined ? Number.NaN : Date.parse(opportunity.generatedAt);
  return Number.isNaN(timestamp) ? 0 : timestamp;
}

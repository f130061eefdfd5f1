import type { GetCostAndUsageResponse, ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { ListRecommendationsResponse, Recommendation } from '@aws-sdk/client-cost-optimization-hub';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A year of daily cost for `services` services, one GetCostAndUsage page per month as Cost Explorer pages it. */
export function yearOfDailyCost(services: number): GetCostAndUsageResponse[] {
  const start = Date.parse('2025-11-01T00:00:00Z');
  const byMonth = new Map<string, ResultByTime[]>();
  for (let day = 0; day < 365; day++) {
    const date = new Date(start + day * DAY_MS).toISOString().slice(0, 10);
    const next = new Date(start + (day + 1) * DAY_MS).toISOString().slice(0, 10);
    const groups = Array.from({ length: services }, (_, service) => ({
      Keys: [`Service ${String(service).padStart(3, '0')}`],
      Metrics: { UnblendedCost: { Amount: (((service * 7919 + day * 104729) % 100000) / 100 + 0.0123456).toFixed(10), Unit: 'USD' } },
    }));
    const month = date.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), { TimePeriod: { Start: date, End: next }, Total: {}, Groups: groups, Estimated: false }]);
  }
  return [...byMonth.values()].map((resultsByTime) => ({
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: resultsByTime,
    DimensionValueAttributes: [],
  }));
}

/** Savings in cents of synthetic recommendation `index`: 50.00 to 149.90 repeating, 49.99 every tenth, so many scores tie. */
export function syntheticSavingsCents(index: number): number {
  return index % 10 === 0 ? 4_999 : 5_000 + ((index * 7_919) % 1_000) * 10;
}

/** The EC2 instance of synthetic recommendation `index`. */
export function syntheticInstanceId(index: number): string {
  return `i-${index.toString(16).padStart(17, '0')}`;
}

/** The account of synthetic recommendation `index`: two accounts, alternating. */
export function syntheticAccountId(index: number): string {
  return index % 2 === 0 ? '111122223333' : '444455556666';
}

/** `count` Cost Optimization Hub recommendations in pages of 1,000 (see `syntheticSavingsCents`). */
export function hubRecommendations(count: number): ListRecommendationsResponse[] {
  const pages: ListRecommendationsResponse[] = [];
  for (let start = 0; start < count; start += 1000) {
    const items: Recommendation[] = [];
    for (let index = start; index < Math.min(start + 1000, count); index++) {
      const savings = syntheticSavingsCents(index) / 100;
      items.push({
        recommendationId: `rec-${String(index).padStart(5, '0')}`,
        accountId: syntheticAccountId(index),
        region: 'us-east-1',
        resourceId: syntheticInstanceId(index),
        currentResourceType: 'Ec2Instance',
        actionType: 'Rightsize',
        estimatedMonthlySavings: savings,
        estimatedMonthlyCost: savings * 2,
        currencyCode: 'USD',
        implementationEffort: 'Low',
        restartNeeded: false,
        rollbackPossible: true,
      });
    }
    pages.push({ items });
  }
  return pages;
}

/**
 * The pages of {@link hubRecommendations} with one more recommendation for every `every`-th
 * resource: the same instance and action under a longer id, so that deduplication has something
 * to set aside (of two equals from one source, the smaller id is kept). No timestamps: the
 * payload goes through JSON, where a Date would come back as a string.
 */
export function hubRecommendationsWithDuplicates(count: number, every: number = 10): ListRecommendationsResponse[] {
  return hubRecommendations(count).map((page) => ({
    items: (page.items ?? []).flatMap((item, index) => index % every === 0
      ? [item, { ...item, recommendationId: `${item.recommendationId}-copy` }]
      : [item]),
  }));
}

import { GetCostAndUsageCommand, type CostExplorerClient, type GetCostAndUsageRequest, type GetCostAndUsageResponse } from '@aws-sdk/client-cost-explorer';
import { readCostExplorerPages } from './cost-explorer-sources';
import { firstDayOfMonth } from './periods';
import { addExact, compareExact, compareText, parseExactAmount, type CostExplorerRequestCounter, type ExactAmount } from '../optimization';

/** The business unit of the accounts whose cost the category leaves without a value, or that had no cost last month. */
export const NO_BUSINESS_UNIT = '(no value)';

/** The metric the accounts' share of each value is measured with. */
const MAPPING_METRIC = 'UnblendedCost';

/**
 * ONE GetCostAndUsage request (paged) that maps every linked account of the organization to the
 * cost category's values: last full month, grouped by LINKED_ACCOUNT and the category, so the
 * number of requests does not grow with the number of accounts.
 *
 * A GroupDefinition's type: "Valid Values: DIMENSION | TAG | COST_CATEGORY"
 * (https://docs.aws.amazon.com/goto/WebAPI/ce-2017-10-25/GroupDefinition); a request takes at most
 * two of them (MAX_GROUP_BY_PER_REQUEST).
 */
export function businessUnitRequest(costCategoryName: string, now: Date): GetCostAndUsageRequest {
  return {
    TimePeriod: { Start: firstDayOfMonth(now, -1), End: firstDayOfMonth(now, 0) },
    Granularity: 'MONTHLY',
    Metrics: [MAPPING_METRIC],
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'COST_CATEGORY', Key: costCategoryName }],
  };
}

/**
 * Each account's business unit: the category value that carried most of its cost last month
 * (ties by value name, so the answer is stable). A category can split one account's cost over
 * several values (rules on services or tags); the account's line in the report goes to one.
 * A group key is the value itself or `<category>$<value>`; an empty value is no value.
 */
export function businessUnitsOfAccounts(pages: readonly GetCostAndUsageResponse[], costCategoryName: string): Map<string, string> {
  const costs = new Map<string, Map<string, ExactAmount>>();
  for (const result of pages.flatMap((page) => page.ResultsByTime ?? [])) {
    for (const group of result.Groups ?? []) {
      const [accountId, rawValue] = group.Keys ?? [];
      const value = categoryValueOf(rawValue ?? '', costCategoryName);
      if (accountId === undefined || value === '') continue;
      const amount = parseExactAmount(group.Metrics?.[MAPPING_METRIC]?.Amount, `${MAPPING_METRIC} of ${accountId} ${value}`);
      const values = costs.get(accountId) ?? new Map<string, ExactAmount>();
      values.set(value, values.has(value) ? addExact(values.get(value)!, amount) : amount);
      costs.set(accountId, values);
    }
  }
  const businessUnits = new Map<string, string>();
  for (const [accountId, values] of costs) {
    const [largest] = [...values.entries()].sort(([firstValue, firstCost], [secondValue, secondCost]) =>
      compareExact(secondCost, firstCost) || compareText(firstValue, secondValue));
    businessUnits.set(accountId, largest[0]);
  }
  return businessUnits;
}

/** The accounts' business units, read with one paged request, each page counted. */
export async function readBusinessUnits(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  costCategoryName: string,
  now: Date,
): Promise<Map<string, string>> {
  const request = businessUnitRequest(costCategoryName, now);
  const pages = await readCostExplorerPages(counter, 'GetCostAndUsage',
    (token) => client.send(new GetCostAndUsageCommand({ ...request, NextPageToken: token })));
  return businessUnitsOfAccounts(pages, costCategoryName);
}

function categoryValueOf(rawKey: string, costCategoryName: string): string {
  const prefix = `${costCategoryName}$`;
  return rawKey.startsWith(prefix) ? rawKey.slice(prefix.length) : rawKey;
}

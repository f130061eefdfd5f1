import { readAllPages } from './paging';
import { EBS_PRICES, EBS_PRODUCT_FAMILIES, ebsPricesFromPriceList, type EbsRegionPrices, type PriceListPage } from '../optimization';

/**
 * A GetProducts request of the Price List Query API, as its API reference gives it
 * (https://docs.amazonaws.cn/goto/WebAPI/pricing-2017-10-15/GetProducts): `ServiceCode`, `Filters`
 * of `{ Field, Type, Value }` (Type TERM_MATCH), `FormatVersion` aws_v1, `MaxResults` 1-100, `NextToken`.
 */
export interface PriceListRequest {
  readonly ServiceCode: string;
  readonly Filters: ReadonlyArray<{ readonly Type: 'TERM_MATCH'; readonly Field: string; readonly Value: string }>;
  readonly FormatVersion: 'aws_v1';
  readonly MaxResults: number;
  readonly NextToken?: string;
}

/**
 * What the storage run needs of the Price List Query API: one GetProducts page. With
 * `@aws-sdk/client-pricing` it is `{ getProducts: (request) => pricing.send(new GetProductsCommand(request)) }`.
 */
export interface PriceListQuery {
  getProducts(request: PriceListRequest): Promise<PriceListPage>;
}

/** The EBS prices a storage run uses, and a note for the report saying where they came from. */
export interface EbsPriceTable {
  readonly table: Readonly<Record<string, EbsRegionPrices>>;
  readonly note: string;
}

/** The hand-copied table's date, for the report's note (see ebs-prices.ts). */
export const TABLE_NOTE = 'EBS prices from the table copied from https://aws.amazon.com/ebs/pricing/ on 2026-11-26';

/** One region's prices read whole from the Price List, or why the table prices it instead. */
type RegionPriceRead = { readonly prices: EbsRegionPrices } | { readonly fallbackReason: string };

/** One paged GetProducts series per EBS product family, filtered to the region. */
async function readRegionPrices(query: PriceListQuery, region: string): Promise<RegionPriceRead> {
  try {
    const pages: PriceListPage[] = [];
    for (const family of EBS_PRODUCT_FAMILIES) {
      const request: PriceListRequest = {
        ServiceCode: 'AmazonEC2',
        Filters: [
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
          { Type: 'TERM_MATCH', Field: 'productFamily', Value: family },
        ],
        FormatVersion: 'aws_v1',
        MaxResults: 100,
      };
      pages.push(...await readAllPages((token) => query.getProducts({ ...request, NextToken: token }), (page) => page.NextToken));
    }
    const read = ebsPricesFromPriceList(pages);
    const prices = read.prices[region];
    if (prices !== undefined) return { prices };
    return { fallbackReason: `the Price List lacked ${read.incomplete[region]?.join(', ') ?? 'every price'} for ${region}` };
  } catch (error) {
    return { fallbackReason: `the Price List API failed (${(error as Error).name}: ${(error as Error).message})` };
  }
}

function priceTableOf(region: string, read: RegionPriceRead): EbsPriceTable {
  if ('fallbackReason' in read) return { table: EBS_PRICES, note: `${TABLE_NOTE}: ${read.fallbackReason}` };
  return { table: { ...EBS_PRICES, [region]: read.prices }, note: `EBS prices for ${region} from the AWS Price List API (GetProducts)` };
}

/**
 * The region's current EBS prices from the Price List (one paged GetProducts series per EBS product
 * family, filtered to the region), over the hand-copied table; the table alone when the query fails, or the region's prices are incomplete. The note names which was used.
 */
export async function ebsPricesFrom(query: PriceListQuery, region: string): Promise<EbsPriceTable> {
  return priceTableOf(region, await readRegionPrices(query, region));
}

/**
 * How long a container keeps a region's prices read from the Price List. An organization run sends
 * every account and Region to the same few warm containers, and without a cache each item paid the
 * same GetProducts series again for prices that change rarely. The bound is there because a container
 * can stay warm from one scheduled run to the next: an hour covers a run's scans, and a later run
 * reads the prices again, so a price change reaches the next report.
 */
export const PRICE_LIST_CACHE_MAX_AGE_MS = 60 * 60 * 1000;

/** Reads per query (one per container: its Price List client) and region, with when each began. */
const readsByQuery = new WeakMap<PriceListQuery, Map<string, { readonly readAt: number; readonly read: Promise<RegionPriceRead> }>>();

/**
 * {@link ebsPricesFrom}, read once per region for {@link PRICE_LIST_CACHE_MAX_AGE_MS} through the same
 * `query`; a call while the region's read is under way shares it. Only prices read whole are kept: a
 * failed or incomplete read falls back to the table and is forgotten, so the next call reads the
 * Price List again. `now` is the clock (milliseconds).
 */
export async function ebsPricesCachedFrom(query: PriceListQuery, region: string, now: () => number = Date.now): Promise<EbsPriceTable> {
  const reads = readsByQuery.get(query) ?? new Map();
  readsByQuery.set(query, reads);
  const kept = reads.get(region);
  if (kept !== undefined && now() - kept.readAt < PRICE_LIST_CACHE_MAX_AGE_MS) return priceTableOf(region, await kept.read);
  const entry = { readAt: now(), read: readRegionPrices(query, region) };
  reads.set(region, entry);
  const read = await entry.read;
  if ('fallbackReason' in read && reads.get(region) === entry) reads.delete(region);
  return priceTableOf(region, read);
}

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

/**
 * The region's current EBS prices from the Price List (one paged GetProducts series per EBS product
 * family, filtered to the region), over the hand-copied table; the table alone when the query fails, or the region's prices are incomplete. The note names which was used.
 */
export async function ebsPricesFrom(query: PriceListQuery, region: string): Promise<EbsPriceTable> {
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
    if (prices === undefined) {
      const missing = read.incomplete[region]?.join(', ') ?? 'every price';
      return { table: EBS_PRICES, note: `${TABLE_NOTE}: the Price List lacked ${missing} for ${region}` };
    }
    return { table: { ...EBS_PRICES, [region]: prices }, note: `EBS prices for ${region} from the AWS Price List API (GetProducts)` };
  } catch (error) {
    return { table: EBS_PRICES, note: `${TABLE_NOTE}: the Price List API failed (${(error as Error).name}: ${(error as Error).message})` };
  }
}

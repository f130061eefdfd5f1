import { EbsRegionPrices } from './ebs-prices';
import { Decimal } from './money';

/**
 * A page of the AWS Price List Query API's GetProducts, as its API reference gives it
 * (https://docs.amazonaws.cn/goto/WebAPI/pricing-2017-10-15/GetProducts):
 * `{ "FormatVersion": "string", "NextToken": "string", "PriceList": [ "string" ] }`, each PriceList
 * entry one product and its terms as JSON text.
 */
export interface PriceListPage {
  readonly FormatVersion?: string;
  readonly NextToken?: string;
  readonly PriceList?: readonly string[];
}

/**
 * The EBS product families of the AmazonEC2 price list that price a volume or a snapshot: storage
 * per GB-month, provisioned IOPS ("System Operation"), gp3 throughput and snapshot storage.
 */
export const EBS_PRODUCT_FAMILIES = ['Storage', 'System Operation', 'Provisioned Throughput', 'Storage Snapshot'] as const;

/** The fields of one region's prices that are a single price each (io2 IOPS tiers are set apart). */
type SinglePriceField = Exclude<keyof EbsRegionPrices, 'io2PerIopsMonthTiers'>;

/**
 * Which price each EBS usage type is, after the region prefix (`APS1-`; us-east-1 has none), as in
 * the price list's own example: `"usagetype":"APS1-EBS:VolumeUsage.piops"` for io1 storage
 * (https://docs.aws.amazon.com/code-library/latest/ug/pricing_example_pricing_GetProducts_section.html).
 */
const FIELDS_BY_USAGE_TYPE: Readonly<Record<string, SinglePriceField>> = {
  'EBS:VolumeUsage.gp2': 'gp2PerGbMonth',
  'EBS:VolumeUsage.gp3': 'gp3PerGbMonth',
  'EBS:VolumeP-IOPS.gp3': 'gp3PerIopsMonth',
  'EBS:VolumeP-Throughput.gp3': 'gp3PerMbpsMonth',
  'EBS:VolumeUsage.piops': 'io1PerGbMonth',
  'EBS:VolumeP-IOPS.piops': 'io1PerIopsMonth',
  'EBS:VolumeUsage.io2': 'io2PerGbMonth',
  'EBS:VolumeUsage.st1': 'st1PerGbMonth',
  'EBS:VolumeUsage.sc1': 'sc1PerGbMonth',
  'EBS:VolumeUsage': 'standardPerGbMonth',
  'EBS:SnapshotUsage': 'snapshotPerGbMonth',
};

/** io2 IOPS are priced in three tiers, each its own usage type. */
const IO2_TIER_BY_USAGE_TYPE: Readonly<Record<string, 0 | 1 | 2>> = {
  'EBS:VolumeP-IOPS.io2': 0,
  'EBS:VolumeP-IOPS.io2.tier2': 1,
  'EBS:VolumeP-IOPS.io2.tier3': 2,
};

/**
 * Units the gp3 throughput price may come in, as a divisor to MB/s-month: the price list gives it
 * per GiBps-month (1,024 MiB/s), the table per MB/s-month.
 */
const THROUGHPUT_UNIT_DIVISORS: Readonly<Record<string, number>> = { 'gibps-mo': 1024, 'mibps-mo': 1 };

/** Prices read from the Price List, per region, and what could not be read. */
export interface PriceListPrices {
  /** Regions whose every EBS price was found. */
  readonly prices: Record<string, EbsRegionPrices>;
  /** Regions with some prices missing, and which: such a region is priced from the hand-copied table. */
  readonly incomplete: Record<string, string[]>;
}

/**
 * EBS On-Demand USD prices per region from GetProducts pages of the AmazonEC2 price list. Each
 * price is the decimal text of its `pricePerUnit.USD`, exactly (trailing zeros dropped), except
 * gp3 throughput, divided from GiBps-month to MB/s-month. A product this table has no field for is
 * skipped; a region missing any field is reported incomplete rather than half-priced.
 */
export function ebsPricesFromPriceList(pages: readonly PriceListPage[]): PriceListPrices {
  const found = new Map<string, Partial<Record<SinglePriceField, string>> & { io2Tiers?: Array<string | undefined> }>();
  for (const entry of pages.flatMap(page => page.PriceList ?? [])) {
    const product = JSON.parse(entry) as PriceListProduct;
    const attributes = product.product?.attributes ?? {};
    const region = attributes.regionCode;
    const usageType = (attributes.usagetype ?? '').replace(/^[A-Z0-9]+-(?=EBS:)/, '');
    const price = onDemandPrice(product);
    if (region === undefined || price === undefined) continue;
    const prices = found.get(region) ?? {};
    found.set(region, prices);
    const tier = IO2_TIER_BY_USAGE_TYPE[usageType];
    if (tier !== undefined) {
      prices.io2Tiers = prices.io2Tiers ?? [undefined, undefined, undefined];
      prices.io2Tiers[tier] = price.amount.toString();
      continue;
    }
    const field = FIELDS_BY_USAGE_TYPE[usageType];
    if (field === undefined) continue;
    prices[field] = field === 'gp3PerMbpsMonth' ? throughputPerMbps(price) : price.amount.toString();
  }
  const result: PriceListPrices = { prices: {}, incomplete: {} };
  for (const [region, prices] of found) {
    const missing: string[] = Object.values(FIELDS_BY_USAGE_TYPE).filter(field => prices[field] === undefined);
    const { io2Tiers: tiers = [], ...singlePrices } = prices;
    if ([0, 1, 2].some(tier => tiers[tier] === undefined)) missing.push('io2PerIopsMonthTiers');
    if (missing.length > 0) {
      result.incomplete[region] = missing;
    } else {
      result.prices[region] = { ...singlePrices, io2PerIopsMonthTiers: [tiers[0]!, tiers[1]!, tiers[2]!] } as EbsRegionPrices;
    }
  }
  return result;
}

interface PriceListProduct {
  readonly product?: { readonly attributes?: Record<string, string | undefined> };
  readonly terms?: {
    readonly OnDemand?: Record<string, { readonly priceDimensions?: Record<string, PriceDimension> }>;
  };
}

interface PriceDimension {
  readonly unit?: string;
  readonly beginRange?: string;
  readonly pricePerUnit?: Record<string, string | undefined>;
}

/** The first-tier On-Demand USD price of a product (every EBS price has one tier starting at 0). */
function onDemandPrice(product: PriceListProduct): { amount: Decimal; unit: string } | undefined {
  const dimensions = Object.values(product.terms?.OnDemand ?? {}).flatMap(term => Object.values(term.priceDimensions ?? {}));
  const dimension = dimensions.find(candidate => (candidate.beginRange ?? '0') === '0');
  const usd = dimension?.pricePerUnit?.USD;
  if (dimension === undefined || usd === undefined || !/^\d+(\.\d+)?$/.test(usd)) return undefined;
  return { amount: new Decimal(usd), unit: dimension.unit ?? '' };
}

function throughputPerMbps(price: { amount: Decimal; unit: string }): string {
  const divisor = THROUGHPUT_UNIT_DIVISORS[price.unit.toLowerCase()];
  if (divisor === undefined) {
    throw new Error(`The gp3 throughput price is per ${JSON.stringify(price.unit)}, not per GiBps-mo or MiBps-mo`);
  }
  return price.amount.dividedBy(divisor).toString();
}

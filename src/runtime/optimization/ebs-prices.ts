/**
 * EBS On-Demand prices in USD, per region.
 *
 * Source: the Amazon EBS pricing page, https://aws.amazon.com/ebs/pricing/ ("Amazon EBS
 * Volumes" and "Amazon EBS Snapshots" tables), figures as published there, transcribed on
 * 2026-11-26 and cross-checked against public copies of that table. The build environment had
 * no network access, so the page itself could not be re-read that day: re-check it when a
 * region's figures matter, and update this table and the date together.
 *
 * Money is in strings so it enters decimal arithmetic exactly.
 */
export interface EbsRegionPrices {
  /** gp2 storage, per GB-month. */
  readonly gp2PerGbMonth: string;
  /** gp3 storage, per GB-month. */
  readonly gp3PerGbMonth: string;
  /** gp3 IOPS provisioned above the free 3,000, per IOPS-month. */
  readonly gp3PerIopsMonth: string;
  /** gp3 throughput provisioned above the free 125 MB/s, per MB/s-month. */
  readonly gp3PerMbpsMonth: string;
  /** io1 storage, per GB-month. */
  readonly io1PerGbMonth: string;
  /** io1 provisioned IOPS, per IOPS-month. */
  readonly io1PerIopsMonth: string;
  /** io2 storage, per GB-month. */
  readonly io2PerGbMonth: string;
  /** io2 provisioned IOPS per IOPS-month, by tier: up to 32,000; 32,001 to 64,000; above 64,000. */
  readonly io2PerIopsMonthTiers: readonly [string, string, string];
  /** st1 storage, per GB-month. */
  readonly st1PerGbMonth: string;
  /** sc1 storage, per GB-month. */
  readonly sc1PerGbMonth: string;
  /** Magnetic (standard) storage, per GB-month; its per-request charge depends on usage and is not included. */
  readonly standardPerGbMonth: string;
  /** Standard-tier snapshot storage, per GB-month. */
  readonly snapshotPerGbMonth: string;
}

/** The gp3 performance included in the storage price. */
export const GP3_BASELINE_IOPS = 3000;
/** The gp3 throughput, in MB/s, included in the storage price. */
export const GP3_BASELINE_THROUGHPUT_MBPS = 125;

/** The region whose prices stand in for a region missing from the table. */
export const FALLBACK_PRICE_REGION = 'us-east-1';

const US_STANDARD_PRICES: EbsRegionPrices = {
  gp2PerGbMonth: '0.10',
  gp3PerGbMonth: '0.08',
  gp3PerIopsMonth: '0.005',
  gp3PerMbpsMonth: '0.04',
  io1PerGbMonth: '0.125',
  io1PerIopsMonth: '0.065',
  io2PerGbMonth: '0.125',
  io2PerIopsMonthTiers: ['0.065', '0.0455', '0.032'],
  st1PerGbMonth: '0.045',
  sc1PerGbMonth: '0.015',
  standardPerGbMonth: '0.05',
  snapshotPerGbMonth: '0.05',
};

const ASIA_PACIFIC_PRICES: EbsRegionPrices = {
  gp2PerGbMonth: '0.12',
  gp3PerGbMonth: '0.096',
  gp3PerIopsMonth: '0.006',
  gp3PerMbpsMonth: '0.048',
  io1PerGbMonth: '0.138',
  io1PerIopsMonth: '0.072',
  io2PerGbMonth: '0.138',
  io2PerIopsMonthTiers: ['0.072', '0.0504', '0.0353'],
  st1PerGbMonth: '0.054',
  sc1PerGbMonth: '0.018',
  standardPerGbMonth: '0.08',
  snapshotPerGbMonth: '0.05',
};

/** Prices by region code. */
export const EBS_PRICES: Readonly<Record<string, EbsRegionPrices>> = {
  'us-east-1': US_STANDARD_PRICES,
  'us-east-2': US_STANDARD_PRICES,
  'us-west-2': US_STANDARD_PRICES,
  'eu-west-1': {
    gp2PerGbMonth: '0.11',
    gp3PerGbMonth: '0.088',
    gp3PerIopsMonth: '0.0055',
    gp3PerMbpsMonth: '0.044',
    io1PerGbMonth: '0.138',
    io1PerIopsMonth: '0.072',
    io2PerGbMonth: '0.138',
    io2PerIopsMonthTiers: ['0.072', '0.0504', '0.0353'],
    st1PerGbMonth: '0.05',
    sc1PerGbMonth: '0.0168',
    standardPerGbMonth: '0.055',
    snapshotPerGbMonth: '0.05',
  },
  'eu-central-1': {
    gp2PerGbMonth: '0.119',
    gp3PerGbMonth: '0.0952',
    gp3PerIopsMonth: '0.006',
    gp3PerMbpsMonth: '0.048',
    io1PerGbMonth: '0.149',
    io1PerIopsMonth: '0.078',
    io2PerGbMonth: '0.149',
    io2PerIopsMonthTiers: ['0.078', '0.0546', '0.0382'],
    st1PerGbMonth: '0.054',
    sc1PerGbMonth: '0.018',
    standardPerGbMonth: '0.059',
    snapshotPerGbMonth: '0.054',
  },
  'ap-southeast-1': ASIA_PACIFIC_PRICES,
  'ap-northeast-1': {
    ...ASIA_PACIFIC_PRICES,
    io1PerGbMonth: '0.142',
    io1PerIopsMonth: '0.074',
    io2PerGbMonth: '0.142',
    io2PerIopsMonthTiers: ['0.074', '0.0518', '0.0363'],
  },
};

/** The prices used for a region, and whether they are another region's. */
export interface PriceLookup {
  readonly prices: EbsRegionPrices;
  /** The region whose prices these are. */
  readonly priceRegion: string;
  /** Set when the region has no prices in the table and `FALLBACK_PRICE_REGION`'s were used. */
  readonly fallbackNote?: string;
}

/**
 * The EBS prices for a region; a region missing from the table is priced as
 * `FALLBACK_PRICE_REGION` (among the cheapest, so savings are understated, not inflated) and
 * the lookup says so.
 */
export function ebsPricesFor(region: string, table: Readonly<Record<string, EbsRegionPrices>> = EBS_PRICES): PriceLookup {
  const prices = table[region];
  if (prices !== undefined) {
    return { prices, priceRegion: region };
  }
  const fallback = table[FALLBACK_PRICE_REGION] ?? EBS_PRICES[FALLBACK_PRICE_REGION];
  return {
    prices: fallback,
    priceRegion: FALLBACK_PRICE_REGION,
    fallbackNote: `No EBS prices for ${region}; priced with ${FALLBACK_PRICE_REGION} prices`,
  };
}

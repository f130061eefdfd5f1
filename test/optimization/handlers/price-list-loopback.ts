import type { EbsRegionPrices } from '../../../src/runtime/optimization';
import { awsJsonReply, LoopbackReply, LoopbackRequest } from '../../support/aws-loopback';

/** Each price of a region's table as the AmazonEC2 price list files it: product family, usage type (after the region prefix), unit. */
const PRODUCTS: ReadonlyArray<{ family: string; usageType: string; unit: string; price: (prices: EbsRegionPrices) => string }> = [
  { family: 'Storage', usageType: 'EBS:VolumeUsage.gp2', unit: 'GB-Mo', price: (prices) => prices.gp2PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage.gp3', unit: 'GB-Mo', price: (prices) => prices.gp3PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage.piops', unit: 'GB-Mo', price: (prices) => prices.io1PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage.io2', unit: 'GB-Mo', price: (prices) => prices.io2PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage.st1', unit: 'GB-Mo', price: (prices) => prices.st1PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage.sc1', unit: 'GB-Mo', price: (prices) => prices.sc1PerGbMonth },
  { family: 'Storage', usageType: 'EBS:VolumeUsage', unit: 'GB-Mo', price: (prices) => prices.standardPerGbMonth },
  { family: 'System Operation', usageType: 'EBS:VolumeP-IOPS.gp3', unit: 'IOPS-Mo', price: (prices) => prices.gp3PerIopsMonth },
  { family: 'System Operation', usageType: 'EBS:VolumeP-IOPS.piops', unit: 'IOPS-Mo', price: (prices) => prices.io1PerIopsMonth },
  { family: 'System Operation', usageType: 'EBS:VolumeP-IOPS.io2', unit: 'IOPS-Mo', price: (prices) => prices.io2PerIopsMonthTiers[0] },
  { family: 'System Operation', usageType: 'EBS:VolumeP-IOPS.io2.tier2', unit: 'IOPS-Mo', price: (prices) => prices.io2PerIopsMonthTiers[1] },
  { family: 'System Operation', usageType: 'EBS:VolumeP-IOPS.io2.tier3', unit: 'IOPS-Mo', price: (prices) => prices.io2PerIopsMonthTiers[2] },
  // The price list gives gp3 throughput per GiBps-month (1,024 times the table's MB/s-month price).
  { family: 'Provisioned Throughput', usageType: 'EBS:VolumeP-Throughput.gp3', unit: 'GiBps-mo', price: (prices) => String(Number(prices.gp3PerMbpsMonth) * 1024) },
  { family: 'Storage Snapshot', usageType: 'EBS:SnapshotUsage', unit: 'GB-Mo', price: (prices) => prices.snapshotPerGbMonth },
];

/** One product of the price list, with the attributes GetProducts filters on. */
export interface PriceListEntry {
  readonly family: string;
  readonly region: string;
  /** The product and its terms as JSON text. */
  readonly entry: string;
}

/**
 * GetProducts entries (JSON text, as the Price List Query API returns them) pricing `region` at
 * `prices`, in the shape of test/runtime/optimization/fixtures/GetProducts.ebs-eu-west-1.page1.json.
 * `usagePrefix` is the region's usage-type prefix ('' in us-east-1, 'EU-' in eu-west-1).
 */
export function priceListEntries(region: string, prices: EbsRegionPrices, usagePrefix = ''): PriceListEntry[] {
  return PRODUCTS.map((product, index) => {
    const sku = `${region.toUpperCase().replace(/-/g, '')}EBS${String(index).padStart(4, '0')}`;
    return {
      family: product.family,
      region,
      entry: JSON.stringify({
        product: {
          productFamily: product.family,
          attributes: { servicecode: 'AmazonEC2', regionCode: region, usagetype: `${usagePrefix}${product.usageType}`, locationType: 'AWS Region' },
          sku,
        },
        serviceCode: 'AmazonEC2',
        terms: {
          OnDemand: {
            [`${sku}.JRTCKXETXF`]: {
              priceDimensions: {
                [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit: product.unit, beginRange: '0', endRange: 'Inf', pricePerUnit: { USD: product.price(prices) } },
              },
              sku,
              offerTermCode: 'JRTCKXETXF',
            },
          },
        },
        version: '20261101000000',
      }),
    };
  });
}

/**
 * A GetProducts answer (awsJson1_1, target AWSPriceListService.GetProducts) from `entries`: the
 * request's regionCode and productFamily filters applied, two products a page, paged by NextToken
 * (the index of the next product).
 */
export function getProductsReply(entries: readonly PriceListEntry[]): (request: LoopbackRequest) => LoopbackReply {
  return (request) => {
    const filters = request.input.Filters as Array<{ Field: string; Value: string }>;
    const filtered = (field: string) => filters.find((filter) => filter.Field === field)?.Value;
    const ofFamily = entries
      .filter((entry) => entry.family === filtered('productFamily') && entry.region === filtered('regionCode'))
      .map((entry) => entry.entry);
    const start = Number(request.input.NextToken ?? '0');
    const next = start + 2 < ofFamily.length ? String(start + 2) : undefined;
    return awsJsonReply({ FormatVersion: 'aws_v1', PriceList: ofFamily.slice(start, start + 2), NextToken: next });
  };
}

/**
 * What a handler sends first when it prices a region from the Price List, as the storage optimizer and the
 * executor both do: EBS storage products of the region, in the service's aws_v1 format, 100 a page.
 */
export function firstEbsPriceListRequest(region: string): object {
  return {
    ServiceCode: 'AmazonEC2',
    Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: region }, { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Storage' }],
    FormatVersion: 'aws_v1',
    MaxResults: 100,
  };
}

/** The Authorization header of a Price List request signed for us-east-1 with the loopback's credentials. */
export const PRICE_LIST_SIGNATURE = /Credential=AKIDLOOPBACKTEST\/\d{8}\/us-east-1\/pricing\/aws4_request/;

import { loadFixture } from './fixtures';
import { EBS_PRICES, ebsPricesFromPriceList, monthlyVolumeCost, type PriceListPage } from '../../../src/runtime/optimization';

const pages = [loadFixture<PriceListPage>('GetProducts.ebs-eu-west-1.page1'), loadFixture<PriceListPage>('GetProducts.ebs-eu-west-1.page2')];

describe('EBS prices from the Price List', () => {
  test('reads every EBS price of a region exactly from the price strings, gp3 throughput per MB/s', () => {
    expect(ebsPricesFromPriceList(pages)).toEqual({
      prices: {
        'eu-west-1': {
          gp2PerGbMonth: '0.11',
          gp3PerGbMonth: '0.088',
          gp3PerIopsMonth: '0.0055',
          // 45.056 USD per GiBps-month / 1,024
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
      },
      incomplete: {},
    });
  });

  test('agrees with the hand-copied table for the region both have, to the cent of a 1 TB io2 volume', () => {
    const read = ebsPricesFromPriceList(pages).prices['eu-west-1'];
    expect(read).toEqual(EBS_PRICES['eu-west-1']);
    expect(monthlyVolumeCost({ volumeType: 'io2', sizeGb: 1000, iops: 40000 }, read)!.toString()).toBe('2845.2');
  });

  test('a region missing a price is incomplete, not half-priced', () => {
    const withoutSnapshots = pages.map((page) => ({ ...page, PriceList: (page.PriceList ?? []).filter((entry) => !entry.includes('SnapshotUsage')) }));
    expect(ebsPricesFromPriceList(withoutSnapshots)).toEqual({ prices: {}, incomplete: { 'eu-west-1': ['snapshotPerGbMonth'] } });
  });

  test('a throughput price in an unknown unit is refused rather than misread', () => {
    const renamed = pages.map((page) => ({ ...page, PriceList: (page.PriceList ?? []).map((entry) => entry.replace('"GiBps-mo"', '"TiBps-mo"')) }));
    expect(() => ebsPricesFromPriceList(renamed)).toThrow(/per "TiBps-mo", not per GiBps-mo or MiBps-mo/);
  });
});

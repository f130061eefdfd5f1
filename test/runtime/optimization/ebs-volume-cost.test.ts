import {
  EBS_PRICES, ebsPricesFor, FALLBACK_PRICE_REGION, gp3EquivalentOfGp2, monthlyVolumeCost, toMoney,
} from '../../../src/runtime/optimization';

const usEast1 = EBS_PRICES['us-east-1'];

describe('EBS price table', () => {
  test.each(['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'])('prices %s', region => {
    const lookup = ebsPricesFor(region);
    expect(lookup.priceRegion).toBe(region);
    expect(lookup.fallbackNote).toBeUndefined();
    // gp3 storage is priced 20% below gp2 in every region AWS lists.
    expect(toMoney(monthlyVolumeCost({ volumeType: 'gp3', sizeGb: 1000 }, lookup.prices)!))
      .toBe(toMoney(monthlyVolumeCost({ volumeType: 'gp2', sizeGb: 800 }, lookup.prices)!));
  });

  test('falls back to us-east-1 for a region it does not know, and says so', () => {
    const lookup = ebsPricesFor('sa-east-1');
    expect(lookup.priceRegion).toBe(FALLBACK_PRICE_REGION);
    expect(lookup.prices).toBe(usEast1);
    expect(lookup.fallbackNote).toBe('No EBS prices for sa-east-1; priced with us-east-1 prices');
  });

  test('reads a caller-supplied table', () => {
    const table = { 'eu-west-3': { ...usEast1, gp2PerGbMonth: '0.116' } };
    expect(ebsPricesFor('eu-west-3', table).prices.gp2PerGbMonth).toBe('0.116');
  });
});

describe('monthlyVolumeCost', () => {
  test.each([
    ['gp2', 100, undefined, undefined, '10.00'],
    ['gp3', 200, 3000, 125, '16.00'],
    ['gp3', 200, 4000, 250, '26.00'],
    ['gp3', 200, undefined, undefined, '16.00'],
    ['io1', 100, 5000, undefined, '337.50'],
    ['io2', 100, 70000, undefined, '3740.50'],
    ['io2', 100, 32000, undefined, '2092.50'],
    ['st1', 500, undefined, undefined, '22.50'],
    ['sc1', 500, undefined, undefined, '7.50'],
    ['standard', 10, undefined, undefined, '0.50'],
  ])('%s %d GB, %s IOPS, %s MB/s costs %s a month in us-east-1', (volumeType, sizeGb, iops, throughputMbps, expected) => {
    expect(toMoney(monthlyVolumeCost({ volumeType, sizeGb, iops, throughputMbps }, usEast1)!)).toBe(expected);
  });

  test('does not price a type it does not know', () => {
    expect(monthlyVolumeCost({ volumeType: 'gp4', sizeGb: 10 }, usEast1)).toBeUndefined();
  });
});

describe('gp3EquivalentOfGp2', () => {
  test.each([
    [1, 3000, 125],
    [170, 3000, 125],
    [171, 3000, 250],
    [1000, 3000, 250],
    [1001, 3003, 250],
    [2000, 6000, 250],
    [5334, 16000, 250],
    [16384, 16000, 250],
  ])('%d GB gp2 needs %d IOPS and %d MB/s on gp3', (sizeGb, iops, throughputMbps) => {
    expect(gp3EquivalentOfGp2(sizeGb)).toEqual({ volumeType: 'gp3', sizeGb, iops, throughputMbps });
  });
});

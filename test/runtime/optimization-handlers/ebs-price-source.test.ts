import { EBS_PRICES, type PriceListPage } from '../../../src/runtime/optimization';
import { ebsPricesFrom, type PriceListQuery, type PriceListRequest } from '../../../src/runtime/optimization-handlers/ebs-price-source';
import { loadFixture } from '../optimization/fixtures';

const [firstPage, secondPage] = ['GetProducts.ebs-eu-west-1.page1', 'GetProducts.ebs-eu-west-1.page2'].map((name) => loadFixture<PriceListPage>(name));

/** A Price List that answers each product family with the fixture's products of that family, in two pages for "System Operation". */
function priceList(requests: PriceListRequest[]): PriceListQuery {
  const products = [...firstPage.PriceList!, ...secondPage.PriceList!];
  return {
    getProducts: async (request) => {
      requests.push(request);
      const family = request.Filters.find((filter) => filter.Field === 'productFamily')!.Value;
      const ofFamily = products.filter((entry) => JSON.parse(entry).product.productFamily === family);
      if (family !== 'System Operation') return { FormatVersion: 'aws_v1', PriceList: ofFamily };
      return request.NextToken === undefined
        ? { FormatVersion: 'aws_v1', PriceList: ofFamily.slice(0, 2), NextToken: 'next' }
        : { FormatVersion: 'aws_v1', PriceList: ofFamily.slice(2) };
    },
  };
}

describe('EBS prices for a storage run', () => {
  test('the region\'s prices from the Price List, each product family paged, over the table', async () => {
    const requests: PriceListRequest[] = [];
    const prices = await ebsPricesFrom(priceList(requests), 'eu-west-1');

    expect(requests.map((request) => [request.Filters.map((filter) => filter.Value).join(' '), request.NextToken])).toEqual([
      ['eu-west-1 Storage', undefined],
      ['eu-west-1 System Operation', undefined],
      ['eu-west-1 System Operation', 'next'],
      ['eu-west-1 Provisioned Throughput', undefined],
      ['eu-west-1 Storage Snapshot', undefined],
    ]);
    expect(requests[0]).toEqual({
      ServiceCode: 'AmazonEC2',
      Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' }, { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Storage' }],
      FormatVersion: 'aws_v1',
      MaxResults: 100,
    });
    expect(prices.note).toBe('EBS prices for eu-west-1 from the AWS Price List API (GetProducts)');
    expect(prices.table['eu-west-1'].gp3PerMbpsMonth).toBe('0.044');
    expect(prices.table['us-east-1']).toBe(EBS_PRICES['us-east-1']);
  });

  test('the hand-copied table when the Price List fails or lacks a price, and the note says why', async () => {
    const failing: PriceListQuery = { getProducts: async () => { throw Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }); } };
    expect((await ebsPricesFrom(failing, 'eu-west-1')).note).toMatch(/the Price List API failed \(AccessDeniedException: User is not authorized\)$/);
    const empty: PriceListQuery = { getProducts: async () => ({ FormatVersion: 'aws_v1', PriceList: [] }) };
    const fallback = await ebsPricesFrom(empty, 'ap-south-2');
    expect(fallback.table).toBe(EBS_PRICES);
    expect(fallback.note).toMatch(/the Price List lacked every price for ap-south-2$/);
  });
});

import { EBS_PRICES, type PriceListPage } from '../../../src/runtime/optimization';
import { ebsPricesCachedFrom, ebsPricesFrom, PRICE_LIST_CACHE_MAX_AGE_MS, type PriceListQuery, type PriceListRequest } from '../../../src/runtime/optimization-handlers/ebs-price-source';
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

describe('EBS prices kept by a warm container', () => {
  /** Series of GetProducts requests: one per region read (its first page of Storage). */
  const readsOf = (requests: PriceListRequest[]) => requests
    .filter((request) => request.NextToken === undefined && request.Filters[1].Value === 'Storage')
    .map((request) => request.Filters[0].Value);

  test('each region is read once per query until the prices are as old as the bound, then read again', async () => {
    const requests: PriceListRequest[] = [];
    const query = priceList(requests);
    let clock = 1_000_000;
    const now = () => clock;

    const first = await ebsPricesCachedFrom(query, 'eu-west-1', now);
    clock += PRICE_LIST_CACHE_MAX_AGE_MS - 1;
    const kept = await ebsPricesCachedFrom(query, 'eu-west-1', now);
    expect(readsOf(requests)).toEqual(['eu-west-1']);
    expect(kept).toEqual(first);
    expect(kept.note).toBe('EBS prices for eu-west-1 from the AWS Price List API (GetProducts)');

    clock += 1;
    await ebsPricesCachedFrom(query, 'eu-west-1', now);
    // Another query (another container's client) keeps its own reads.
    await ebsPricesCachedFrom(priceList(requests), 'eu-west-1', now);
    expect(readsOf(requests)).toEqual(['eu-west-1', 'eu-west-1', 'eu-west-1']);
  });

  test('calls while a region is being read share that read', async () => {
    const requests: PriceListRequest[] = [];
    const query = priceList(requests);
    const [first, second] = await Promise.all([ebsPricesCachedFrom(query, 'eu-west-1'), ebsPricesCachedFrom(query, 'eu-west-1')]);
    expect(readsOf(requests)).toEqual(['eu-west-1']);
    expect(second).toEqual(first);
  });

  test('a failed or incomplete read falls back to the table and is not kept: the next call reads the Price List again', async () => {
    const requests: PriceListRequest[] = [];
    const working = priceList(requests);
    let answer: 'fail' | 'empty' | 'prices' = 'fail';
    const flaky: PriceListQuery = {
      getProducts: async (request) => {
        if (answer === 'fail') throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        return answer === 'empty' ? (requests.push(request), { FormatVersion: 'aws_v1', PriceList: [] }) : working.getProducts(request);
      },
    };

    expect((await ebsPricesCachedFrom(flaky, 'eu-west-1')).note).toMatch(/the Price List API failed \(ThrottlingException: Rate exceeded\)$/);
    answer = 'empty';
    const incomplete = await ebsPricesCachedFrom(flaky, 'eu-west-1');
    expect(incomplete.table).toBe(EBS_PRICES);
    expect(incomplete.note).toMatch(/the Price List lacked every price for eu-west-1$/);
    answer = 'prices';
    expect((await ebsPricesCachedFrom(flaky, 'eu-west-1')).note).toBe('EBS prices for eu-west-1 from the AWS Price List API (GetProducts)');
    answer = 'fail';
    expect((await ebsPricesCachedFrom(flaky, 'eu-west-1')).table['eu-west-1'].gp3PerMbpsMonth).toBe('0.044');
    expect(readsOf(requests)).toEqual(['eu-west-1', 'eu-west-1']);
  });
});

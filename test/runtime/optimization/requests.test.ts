import {
  collectSource, CostExplorerRequestCounter, costOfRequests, failedSources, MAX_ERROR_MESSAGE_LENGTH, sourceFailed, sourceSucceeded, successfulData,
} from '../../../src/runtime/optimization';

class AccessDeniedException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

describe('CostExplorerRequestCounter', () => {
  test('counts requests per operation and prices them at 0.01 USD each', () => {
    const counter = new CostExplorerRequestCounter();
    expect(counter.usage()).toEqual({ requestCount: 0, costUsd: '0.00', byOperation: {} });
    counter.record('GetRightsizingRecommendation');
    counter.record('GetCostAndUsage', 3);
    counter.record('GetRightsizingRecommendation');
    counter.record('GetAnomalies', 0);
    expect(counter.total).toBe(5);
    const usage = counter.usage();
    expect(usage).toEqual({ requestCount: 5, costUsd: '0.05', byOperation: { GetAnomalies: 0, GetCostAndUsage: 3, GetRightsizingRecommendation: 2 } });
    expect(Object.keys(usage.byOperation)).toEqual(['GetAnomalies', 'GetCostAndUsage', 'GetRightsizingRecommendation']);
  });

  test('refuses counts that are not whole and non-negative', () => {
    const counter = new CostExplorerRequestCounter();
    expect(() => counter.record('GetCostAndUsage', -1)).toThrow('got -1 for GetCostAndUsage');
    expect(() => counter.record('GetCostAndUsage', 1.5)).toThrow('got 1.5');
  });

  test('prices any number of requests exactly', () => {
    expect(costOfRequests(1)).toBe('0.01');
    expect(costOfRequests(1234567)).toBe('12345.67');
  });
});

describe('source results', () => {
  test('a thrown AWS error is kept with its name and message', async () => {
    const result = await collectSource('CostOptimizationHub', () => Promise.reject(new AccessDeniedException('User is not authorized to perform: cost-optimization-hub:ListRecommendations')));
    expect(result).toEqual({
      source: 'CostOptimizationHub',
      ok: false,
      error: { name: 'AccessDeniedException', message: 'User is not authorized to perform: cost-optimization-hub:ListRecommendations' },
    });
  });

  test('data from a source that answered is kept', async () => {
    expect(await collectSource('CostExplorer', () => Promise.resolve([1, 2]))).toEqual({ source: 'CostExplorer', ok: true, data: [1, 2] });
  });

  test('one failing source does not lose the others, and the failure is named', async () => {
    const results = await Promise.all([
      collectSource('rightsizing', () => Promise.resolve(['a'])),
      collectSource('hub', () => Promise.reject(new AccessDeniedException('denied'))),
      collectSource('storage', () => Promise.resolve(['b', 'c'])),
    ]);
    expect(successfulData(results)).toEqual([['a'], ['b', 'c']]);
    expect(failedSources(results)).toEqual([{ source: 'hub', errorName: 'AccessDeniedException', errorMessage: 'denied' }]);
  });

  test('describes things thrown that are not errors', () => {
    expect(sourceFailed('x', 'plain text').error).toEqual({ name: 'Error', message: 'plain text' });
    expect(sourceFailed('x', { code: 42 }).error).toEqual({ name: 'Error', message: '{"code":42}' });
    expect(sourceFailed('x', undefined).error).toEqual({ name: 'Error', message: 'undefined' });
  });

  test('cuts very long messages', () => {
    const failure = sourceFailed('x', new Error('e'.repeat(5000)));
    expect(failure.error.message).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
    expect(failure.error.message.endsWith('...')).toBe(true);
  });

  test('a success carries its data', () => {
    expect(sourceSucceeded('x', 0)).toEqual({ source: 'x', ok: true, data: 0 });
  });
});

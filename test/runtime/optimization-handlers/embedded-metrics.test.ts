import { embeddedMetricDocuments } from '../../../src/runtime/optimization-handlers/embedded-metrics';

const AT = new Date('2026-11-30T07:00:00Z');
const byOptimizer = [{ Name: 'Optimizer', Value: 'storage' }];
const byType = (type: string) => [...byOptimizer, { Name: 'OpportunityType', Value: type }];

describe('embeddedMetricDocuments', () => {
  test('one document per dimension values, with the namespace, units, dimension and metric members, and the timestamp in epoch milliseconds', () => {
    const documents = embeddedMetricDocuments('FinOps/Optimization', [
      { MetricName: 'PotentialMonthlySavings', Dimensions: byOptimizer, Timestamp: AT, Value: 7, Unit: 'None' },
      { MetricName: 'OpportunityCount', Dimensions: byOptimizer, Timestamp: AT, Value: 1, Unit: 'Count' },
      { MetricName: 'PotentialMonthlySavings', Dimensions: byType('STORAGE_GP2_TO_GP3'), Timestamp: AT, Value: 7, Unit: 'None' },
      { MetricName: 'FailedSources', Dimensions: byOptimizer, Timestamp: AT, Value: 0, Unit: 'Count' },
    ]);
    expect(documents).toEqual([
      {
        _aws: {
          Timestamp: 1_796_022_000_000,
          CloudWatchMetrics: [{
            Namespace: 'FinOps/Optimization',
            Dimensions: [['Optimizer']],
            Metrics: [
              { Name: 'PotentialMonthlySavings', Unit: 'None' }, { Name: 'OpportunityCount', Unit: 'Count' }, { Name: 'FailedSources', Unit: 'Count' },
            ],
          }],
        },
        Optimizer: 'storage',
        PotentialMonthlySavings: 7,
        OpportunityCount: 1,
        FailedSources: 0,
      },
      {
        _aws: {
          Timestamp: 1_796_022_000_000,
          CloudWatchMetrics: [{
            Namespace: 'FinOps/Optimization',
            Dimensions: [['Optimizer', 'OpportunityType']],
            Metrics: [{ Name: 'PotentialMonthlySavings', Unit: 'None' }],
          }],
        },
        Optimizer: 'storage',
        OpportunityType: 'STORAGE_GP2_TO_GP3',
        PotentialMonthlySavings: 7,
      },
    ]);
  });

  test('at most 100 metrics per document', () => {
    const data = Array.from({ length: 201 }, (_, index) => ({ MetricName: `M${index}`, Dimensions: byOptimizer, Timestamp: AT, Value: index }));
    const documents = embeddedMetricDocuments('N', data);
    expect(documents.map((document) => document._aws.CloudWatchMetrics[0].Metrics.length)).toEqual([100, 100, 1]);
    expect(documents[2]).toMatchObject({ M200: 200, Optimizer: 'storage' });
  });

  test('a name is one root member: the same metric twice with the same dimensions goes in two documents', () => {
    const documents = embeddedMetricDocuments('N', [
      { MetricName: 'A', Dimensions: byOptimizer, Timestamp: AT, Value: 1 },
      { MetricName: 'A', Dimensions: byOptimizer, Timestamp: AT, Value: 2 },
    ]);
    expect(documents.map((document) => document.A)).toEqual([1, 2]);
    expect(documents[0]._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'A', Unit: 'None' }]);
  });

  test('data points of different timestamps never share a document', () => {
    const later = new Date('2026-12-01T07:00:00Z');
    const documents = embeddedMetricDocuments('N', [
      { MetricName: 'A', Dimensions: byOptimizer, Timestamp: AT, Value: 1 },
      { MetricName: 'B', Dimensions: byOptimizer, Timestamp: later, Value: 2 },
    ]);
    expect(documents.map((document) => document._aws.Timestamp)).toEqual([AT.getTime(), later.getTime()]);
  });

  test('refuses a data point without a timestamp, and more than 30 dimensions', () => {
    expect(() => embeddedMetricDocuments('N', [{ MetricName: 'A', Value: 1 }])).toThrow(/needs a name, a value and a timestamp/);
    const dimensions = Array.from({ length: 31 }, (_, index) => ({ Name: `D${index}`, Value: 'v' }));
    expect(() => embeddedMetricDocuments('N', [{ MetricName: 'A', Dimensions: dimensions, Timestamp: AT, Value: 1 }]))
      .toThrow('The metric A has 31 dimensions; an embedded metric document takes at most 30');
  });
});

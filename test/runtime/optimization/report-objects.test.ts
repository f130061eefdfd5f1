import { fixtureReport } from './pipeline-fixture';
import { reportObjectKey, reportObjects } from '../../../src/runtime/optimization';

describe('reportObjectKey', () => {
  test('is one key per account, run date and format', () => {
    expect(reportObjectKey('111122223333', '2026-11-26', 'json')).toBe('reports/111122223333/2026/11/26/optimization.json');
    expect(reportObjectKey('111122223333', '2026-01-05', 'md')).toBe('reports/111122223333/2026/01/05/optimization.md');
    expect(reportObjectKey('111122223333', '2026-11-26', 'csv', '/finops/reports/')).toBe('finops/reports/111122223333/2026/11/26/optimization.csv');
    expect(reportObjectKey('111122223333', '2026-11-26', 'csv', '')).toBe('111122223333/2026/11/26/optimization.csv');
  });

  test('is the same for a rerun the same day, so the rerun replaces the report', () => {
    const first = fixtureReport();
    const rerun = { ...fixtureReport(), generatedAt: '2026-11-26T23:00:00.000Z' };
    expect(reportObjects(rerun).map(object => object.key)).toEqual(reportObjects(first).map(object => object.key));
  });

  test('refuses keys that would not identify an account and a day', () => {
    expect(() => reportObjectKey('11112222333', '2026-11-26', 'json')).toThrow('12 digits');
    expect(() => reportObjectKey('111122223333', '2026-11-31', 'json')).toThrow('real YYYY-MM-DD date');
    expect(() => reportObjectKey('../../etc', '2026-11-26', 'json')).toThrow('12 digits');
  });
});

describe('reportObjects', () => {
  test('renders every format with its key and content type', () => {
    const objects = reportObjects(fixtureReport());
    expect(objects.map(object => [object.key, object.contentType])).toEqual([
      ['reports/111122223333/2026/11/26/optimization.json', 'application/json'],
      ['reports/111122223333/2026/11/26/optimization.md', 'text/markdown; charset=utf-8'],
      ['reports/111122223333/2026/11/26/optimization.csv', 'text/csv; charset=utf-8; header=present'],
    ]);
    expect(JSON.parse(objects[0].body).totals.monthlySavings).toBe('1633.20');
    expect(objects[1].body.startsWith('# Cost optimization report')).toBe(true);
    expect(objects[2].body.startsWith('rank,id,')).toBe(true);
  });
});

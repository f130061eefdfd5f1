import { fixtureReport } from './pipeline-fixture';
import { reportObjectKey, reportObjects } from '../../../src/runtime/optimization';

const RUN = { accountId: '111122223333', optimizer: 'storage', runAt: '2026-11-26T08:00:00Z' };

describe('reportObjectKey', () => {
  test('is one key per account, optimizer, scheduled moment and format', () => {
    expect(reportObjectKey(RUN, 'json')).toBe('reports/111122223333/2026/11/26/storage-080000Z.json');
    expect(reportObjectKey({ ...RUN, runAt: new Date('2026-01-05T06:00:00Z'), optimizer: 'cost-analysis' }, 'md'))
      .toBe('reports/111122223333/2026/01/05/cost-analysis-060000Z.md');
    expect(reportObjectKey(RUN, 'csv', '/finops/reports/')).toBe('finops/reports/111122223333/2026/11/26/storage-080000Z.csv');
    expect(reportObjectKey(RUN, 'csv', '')).toBe('111122223333/2026/11/26/storage-080000Z.csv');
  });

  test('keeps apart optimizers that run the same day and runs of one optimizer at different moments', () => {
    const keys = [
      reportObjectKey({ ...RUN, optimizer: 'cost-analysis', runAt: '2026-11-30T06:00:00Z' }, 'json'),
      reportObjectKey({ ...RUN, optimizer: 'rightsizing', runAt: '2026-11-30T07:00:00Z' }, 'json'),
      reportObjectKey({ ...RUN, optimizer: 'storage', runAt: '2026-11-30T08:00:00Z' }, 'json'),
      // Same moment, different optimizers (a user may schedule two at once).
      reportObjectKey({ ...RUN, optimizer: 'rightsizing', runAt: '2026-11-30T08:00:00Z' }, 'json'),
      // A manual run of the same optimizer later the same day.
      reportObjectKey({ ...RUN, optimizer: 'storage', runAt: '2026-11-30T14:21:07.532Z' }, 'json'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('is the same for a retry of the same scheduled run, so the retry replaces only its own report', () => {
    const first = fixtureReport();
    const retry = { ...fixtureReport(), notes: ['written by the retry'] };
    expect(reportObjects(retry, 'rightsizing').map(object => object.key)).toEqual(reportObjects(first, 'rightsizing').map(object => object.key));
  });

  test('refuses keys that would not identify an account, an optimizer and a moment', () => {
    expect(() => reportObjectKey({ ...RUN, accountId: '11112222333' }, 'json')).toThrow('12 digits');
    expect(() => reportObjectKey({ ...RUN, accountId: '../../etc' }, 'json')).toThrow('12 digits');
    expect(() => reportObjectKey({ ...RUN, optimizer: '../storage' }, 'json')).toThrow('optimizer name');
    expect(() => reportObjectKey({ ...RUN, optimizer: '' }, 'json')).toThrow('optimizer name');
    expect(() => reportObjectKey({ ...RUN, runAt: '2026-11-31T25:00:00Z' }, 'json')).toThrow('run moment');
  });
});

describe('reportObjects', () => {
  test('renders every format with its key and content type', () => {
    const objects = reportObjects(fixtureReport(), 'commitments');
    expect(objects.map(object => [object.key, object.contentType])).toEqual([
      ['reports/111122223333/2026/11/26/commitments-120000Z.json', 'application/json'],
      ['reports/111122223333/2026/11/26/commitments-120000Z.md', 'text/markdown; charset=utf-8'],
      ['reports/111122223333/2026/11/26/commitments-120000Z.csv', 'text/csv; charset=utf-8; header=present'],
    ]);
    expect(JSON.parse(objects[0].body).totals.monthlySavings).toBe('1633.20');
    expect(objects[1].body.startsWith('# Cost optimization report')).toBe(true);
    expect(objects[2].body.startsWith('rank,id,')).toBe(true);
  });
});

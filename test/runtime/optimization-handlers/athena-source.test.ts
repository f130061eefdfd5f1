import { AthenaClient } from '@aws-sdk/client-athena';
import { runAthenaQuery } from '../../../src/runtime/optimization-handlers/athena-source';
import { AwsLoopback, awsJsonReply, loopbackClientConfig } from '../../support/aws-loopback';

const QUERY = { workGroup: 'cost-reports', database: 'cost_reports', sql: 'SELECT 1 WHERE 1 = ?', parameters: ['1'] };
const FAST = { maxPolls: 3, firstDelayMs: 1, maxDelayMs: 2 };

let loopback: AwsLoopback;
let client: AthenaClient;

beforeEach(async () => {
  loopback = await AwsLoopback.start();
  client = new AthenaClient({ ...loopbackClientConfig(loopback.endpoint), maxAttempts: 1 });
  loopback.on('StartQueryExecution', () => awsJsonReply({ QueryExecutionId: 'query-1' }));
});

afterEach(async () => {
  client.destroy();
  await loopback.stop();
});

describe('runAthenaQuery', () => {
  test('stops a query still running after the last poll, so it scans no more, and says so', async () => {
    loopback.on('GetQueryExecution', () => awsJsonReply({ QueryExecution: { Status: { State: 'RUNNING' } } }));
    loopback.on('StopQueryExecution', () => awsJsonReply({}));
    await expect(runAthenaQuery(client, QUERY, FAST)).rejects.toThrow('Athena query query-1 was still RUNNING after 3 polls and was stopped');
    expect(loopback.requestsFor('GetQueryExecution')).toHaveLength(3);
    expect(loopback.requestsFor('StopQueryExecution').map((request) => request.input)).toEqual([{ QueryExecutionId: 'query-1' }]);
  });

  test('waits for no poll past the deadline: the query is stopped while the run can still write its report', async () => {
    loopback.on('GetQueryExecution', () => awsJsonReply({ QueryExecution: { Status: { State: 'QUEUED' } } }));
    loopback.on('StopQueryExecution', () => awsJsonReply({}));
    await expect(runAthenaQuery(client, QUERY, { maxPolls: 30, firstDelayMs: 1, maxDelayMs: 60_000, deadline: Date.now() + 1_000 }))
      .rejects.toThrow(/^Athena query query-1 was still QUEUED after \d polls and was stopped$/);
    expect(loopback.requestsFor('GetQueryExecution').length).toBeLessThan(30);
    expect(loopback.requestsFor('StopQueryExecution')).toHaveLength(1);
  });

  test('a query the workgroup cancels (its bytes-scanned limit) fails with Athena\'s reason', async () => {
    loopback.on('GetQueryExecution', () => awsJsonReply({
      QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Bytes scanned limit was exceeded' } },
    }));
    await expect(runAthenaQuery(client, QUERY, FAST)).rejects.toThrow('Athena query query-1 CANCELLED: Bytes scanned limit was exceeded');
    expect(loopback.requestsFor('GetQueryResults')).toEqual([]);
  });

  test('drops the header row of the first page only', async () => {
    loopback.on('GetQueryExecution', () => awsJsonReply({ QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 42 } } }));
    const row = (value: string) => ({ Data: [{ VarCharValue: value }] });
    loopback.on('GetQueryResults', (request) => awsJsonReply(request.input.NextToken === undefined
      ? { ResultSet: { Rows: [row('amount'), row('1.50')] }, NextToken: 'next' }
      : { ResultSet: { Rows: [row('2.25'), { Data: [{}] }] } }));
    await expect(runAthenaQuery(client, QUERY, FAST)).resolves.toEqual({ queryExecutionId: 'query-1', rows: [['1.50'], ['2.25'], ['']], dataScannedInBytes: 42 });
  });
});

import {
  GetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type GetQueryResultsOutput,
} from '@aws-sdk/client-athena';
import { readAllPages } from './paging';

/** One parameterized query, run in a workgroup (which sets the results location and the bytes-scanned limit). */
export interface AthenaQuery {
  readonly workGroup: string;
  readonly database: string;
  readonly sql: string;
  readonly parameters: string[];
}

/** How long to wait for a query: polls after `firstDelayMs`, doubling up to `maxDelayMs`, at most `maxPolls` times. */
export interface AthenaPolling {
  readonly maxPolls: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** No poll is waited for past this moment (epoch milliseconds): the run keeps time to write its report. */
  readonly deadline?: number;
}

/** About two minutes per query (0.25 + 0.5 + 1 + 2 + 4 x 26 seconds), so several fit a five-minute run. */
export const DEFAULT_ATHENA_POLLING: AthenaPolling = { maxPolls: 30, firstDelayMs: 250, maxDelayMs: 4000 };

/** What a finished query gave: its rows without the header, as text, and the bytes Athena scanned (what it bills). */
export interface AthenaQueryResult {
  readonly queryExecutionId: string;
  readonly rows: string[][];
  readonly dataScannedInBytes: number;
}

/**
 * Starts the query, waits for it with backoff, and reads every page of its results. A query that
 * fails or is cancelled (for example by the workgroup's bytes-scanned limit) throws with Athena's
 * reason; one still running after the last poll is stopped, so it scans no more, and throws.
 */
export async function runAthenaQuery(
  client: AthenaClient,
  query: AthenaQuery,
  polling: AthenaPolling = DEFAULT_ATHENA_POLLING,
): Promise<AthenaQueryResult> {
  const started = await client.send(new StartQueryExecutionCommand({
    QueryString: query.sql,
    QueryExecutionContext: { Database: query.database },
    WorkGroup: query.workGroup,
    ExecutionParameters: query.parameters,
  }));
  const queryExecutionId = started.QueryExecutionId!;
  let delay = polling.firstDelayMs;
  for (let poll = 1; ; poll++) {
    await sleep(delay);
    const execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }))).QueryExecution;
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') {
      const pages = await readAllPages<GetQueryResultsOutput>(
        (token) => client.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, NextToken: token })),
        (page) => page.NextToken,
      );
      return { queryExecutionId, rows: rowsWithoutHeader(pages), dataScannedInBytes: execution?.Statistics?.DataScannedInBytes ?? 0 };
    }
    if (state === 'FAILED' || state === 'CANCELLED') {
      throw new Error(`Athena query ${queryExecutionId} ${state}: ${execution?.Status?.StateChangeReason ?? 'no reason given'}`);
    }
    delay = Math.min(delay * 2, polling.maxDelayMs);
    if (poll >= polling.maxPolls || (polling.deadline !== undefined && Date.now() + delay > polling.deadline)) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
      throw new Error(`Athena query ${queryExecutionId} was still ${state} after ${poll} polls and was stopped`);
    }
  }
}

/** The SQL of a named query, as saved in its workgroup. */
export async function namedQuerySql(client: AthenaClient, namedQueryId: string): Promise<string> {
  const sql = (await client.send(new GetNamedQueryCommand({ NamedQueryId: namedQueryId }))).NamedQuery?.QueryString;
  if (sql === undefined || sql === '') {
    throw new Error(`Athena named query ${namedQueryId} has no query string`);
  }
  return sql;
}

/** A SELECT's results start with a row of column names on the first page: it is dropped. */
function rowsWithoutHeader(pages: readonly GetQueryResultsOutput[]): string[][] {
  return pages.flatMap((page, index) => (page.ResultSet?.Rows ?? [])
    .slice(index === 0 ? 1 : 0)
    .map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue ?? '')));
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

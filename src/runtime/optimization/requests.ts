import { Decimal, toMoney } from './money';
import { compareText } from './ordering';

/**
 * Price of one Cost Explorer API request, each page counting as one.
 * Cost Optimization Hub and EC2 Describe calls are free.
 * @see https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/
 */
export const COST_EXPLORER_REQUEST_PRICE_USD = '0.01';

/** How many Cost Explorer requests a run made, and what they cost. */
export interface CostExplorerUsage {
  readonly requestCount: number;
  /** Money, two decimals. */
  readonly costUsd: string;
  /** Requests per operation name, keys sorted. */
  readonly byOperation: Readonly<Record<string, number>>;
}

/** Counts the billed Cost Explorer requests of one run. */
export class CostExplorerRequestCounter {
  private readonly countsByOperation = new Map<string, number>();

  /** Records `requests` requests (pages) of `operation`, e.g. `GetCostAndUsage`. */
  public record(operation: string, requests = 1): void {
    if (!Number.isInteger(requests) || requests < 0) {
      throw new Error(`A request count is a whole number, 0 or more; got ${requests} for ${operation}`);
    }
    this.countsByOperation.set(operation, (this.countsByOperation.get(operation) ?? 0) + requests);
  }

  /** The requests recorded so far. */
  public get total(): number {
    let total = 0;
    for (const count of this.countsByOperation.values()) {
      total += count;
    }
    return total;
  }

  /** The recorded requests and their cost. */
  public usage(): CostExplorerUsage {
    const byOperation: Record<string, number> = {};
    for (const operation of [...this.countsByOperation.keys()].sort(compareText)) {
      byOperation[operation] = this.countsByOperation.get(operation)!;
    }
    return { requestCount: this.total, costUsd: costOfRequests(this.total), byOperation };
  }
}

/** What `requestCount` Cost Explorer requests cost, two decimals. */
export function costOfRequests(requestCount: number): string {
  return toMoney(new Decimal(requestCount).times(COST_EXPLORER_REQUEST_PRICE_USD));
}

/** A source that answered. */
export interface SourceSuccess<T> {
  readonly source: string;
  readonly ok: true;
  readonly data: T;
}

/** A source that failed, with what the error said. */
export interface SourceFailure {
  readonly source: string;
  readonly ok: false;
  readonly error: { readonly name: string; readonly message: string };
}

/** The outcome of asking one source: its data, or its error, never both. */
export type SourceResult<T> = SourceSuccess<T> | SourceFailure;

/** A failed source as the report lists it. */
export interface FailedSource {
  readonly source: string;
  readonly errorName: string;
  readonly errorMessage: string;
}

/** Error messages longer than this are cut, so one verbose error cannot swamp the report. */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;

/** A source that answered with `data`. */
export function sourceSucceeded<T>(source: string, data: T): SourceSuccess<T> {
  return { source, ok: true, data };
}

/**
 * A source that failed. AWS SDK errors carry the AWS error code in `name`
 * (`AccessDeniedException`, `DataUnavailableException`...); anything else thrown is described as well as it can be.
 */
export function sourceFailed(source: string, error: unknown): SourceFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  return { source, ok: false, error: { name, message: truncate(message, MAX_ERROR_MESSAGE_LENGTH) } };
}

/**
 * Runs one source's fetch and captures its outcome, so a failing source never loses the
 * others' results and the report can name it.
 */
export async function collectSource<T>(source: string, fetch: () => Promise<T>): Promise<SourceResult<T>> {
  try {
    return sourceSucceeded(source, await fetch());
  } catch (error) {
    return sourceFailed(source, error);
  }
}

/** The failed sources among `results`, in order. */
export function failedSources(results: ReadonlyArray<SourceResult<unknown>>): FailedSource[] {
  return results
    .filter((result): result is SourceFailure => !result.ok)
    .map(result => ({ source: result.source, errorName: result.error.name, errorMessage: result.error.message }));
}

/** The data of the sources that answered, in order. */
export function successfulData<T>(results: ReadonlyArray<SourceResult<T>>): T[] {
  return results.filter((result): result is SourceSuccess<T> => result.ok).map(result => result.data);
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 3)}...`;
}

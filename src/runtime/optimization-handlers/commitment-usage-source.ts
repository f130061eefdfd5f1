import {
  GetReservationCoverageCommand, GetReservationUtilizationCommand, GetSavingsPlansCoverageCommand, GetSavingsPlansUtilizationCommand,
  type CostExplorerClient,
} from '@aws-sdk/client-cost-explorer';
import { readCostExplorerPages } from './cost-explorer-sources';
import { readAllPages } from './paging';
import {
  collectSource, reservationCoverageOf, reservationUtilizationOf, savingsPlansCoverageOf, savingsPlansUtilizationOf,
  type CommitmentUsage, type CostExplorerRequestCounter, type CostPeriod, type SourceResult,
} from '../optimization';

/** Source names as the report lists them when they fail. */
export const COMMITMENT_USAGE_SOURCES = {
  reservationUtilization: 'Cost Explorer GetReservationUtilization',
  reservationCoverage: 'Cost Explorer GetReservationCoverage',
  savingsPlansUtilization: 'Cost Explorer GetSavingsPlansUtilization',
  savingsPlansCoverage: 'Cost Explorer GetSavingsPlansCoverage',
} as const;

/**
 * Cost Explorer answers DataUnavailableException ("The requested data is unavailable") when there
 * is nothing to measure, e.g. an account with no Savings Plans: no figure, not a failed source.
 */
function unlessUnavailable<T>(read: () => Promise<T | undefined>): () => Promise<T | undefined> {
  return async () => {
    try {
      return await read();
    } catch (error) {
      if ((error as Error).name === 'DataUnavailableException') return undefined;
      throw error;
    }
  };
}

/**
 * Utilization and coverage of Reserved Instances and Savings Plans over `period`, MONTHLY, one
 * source per figure so one failing leaves the others. Every page is one billed request, counted.
 * Request and response shapes as the API references give them: GetReservationUtilization and
 * GetReservationCoverage `{ TimePeriod, Granularity, NextPageToken }` answered with `Total` and
 * `NextPageToken`; GetSavingsPlansUtilization `{ TimePeriod, Granularity }` answered with `Total`
 * (not paged); GetSavingsPlansCoverage `{ TimePeriod, Granularity, NextToken }` answered with
 * `SavingsPlansCoverages` and `NextToken`, no total
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetSavingsPlansCoverage.html).
 */
export async function commitmentUsageFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  period: CostPeriod,
): Promise<{ usage: CommitmentUsage; results: Array<SourceResult<unknown>> }> {
  const TimePeriod = { Start: period.start, End: period.end };
  const Granularity = 'MONTHLY' as const;
  const reservationUtilization = await collectSource(COMMITMENT_USAGE_SOURCES.reservationUtilization, unlessUnavailable(async () =>
    reservationUtilizationOf(await readCostExplorerPages(counter, 'GetReservationUtilization',
      (token) => client.send(new GetReservationUtilizationCommand({ TimePeriod, Granularity, NextPageToken: token }))))));
  const reservationCoverage = await collectSource(COMMITMENT_USAGE_SOURCES.reservationCoverage, unlessUnavailable(async () =>
    reservationCoverageOf(await readCostExplorerPages(counter, 'GetReservationCoverage',
      (token) => client.send(new GetReservationCoverageCommand({ TimePeriod, Granularity, NextPageToken: token }))))));
  const savingsPlansUtilization = await collectSource(COMMITMENT_USAGE_SOURCES.savingsPlansUtilization, unlessUnavailable(async () => {
    const response = await client.send(new GetSavingsPlansUtilizationCommand({ TimePeriod, Granularity }));
    counter.record('GetSavingsPlansUtilization');
    return savingsPlansUtilizationOf(response);
  }));
  const savingsPlansCoverage = await collectSource(COMMITMENT_USAGE_SOURCES.savingsPlansCoverage, unlessUnavailable(async () =>
    savingsPlansCoverageOf(await readAllPages(async (token) => {
      const page = await client.send(new GetSavingsPlansCoverageCommand({ TimePeriod, Granularity, NextToken: token }));
      counter.record('GetSavingsPlansCoverage');
      return page;
    }, (page) => page.NextToken))));
  const figure = <T>(result: SourceResult<T | undefined>): T | undefined => (result.ok ? result.data : undefined);
  return {
    usage: {
      period,
      reservationUtilization: figure(reservationUtilization),
      reservationCoverage: figure(reservationCoverage),
      savingsPlansUtilization: figure(savingsPlansUtilization),
      savingsPlansCoverage: figure(savingsPlansCoverage),
    },
    results: [reservationUtilization, reservationCoverage, savingsPlansUtilization, savingsPlansCoverage],
  };
}

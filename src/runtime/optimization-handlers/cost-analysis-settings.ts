import type { Expression, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { DEFAULT_COST_METRIC, SERVICE_GROUP, type AthenaCostParameter } from '../optimization';

/** What the cost analysis asks Cost Explorer, as `Optimizer.costAnalysis` set it in OPTIMIZER_SETTINGS. */
export interface CostAnalysisSettings {
  readonly lookbackMonths: number;
  readonly forecastMonths: number;
  readonly predictionIntervalLevel: number;
  readonly anomalyLookbackDays: number;
  readonly breakdowns: GroupDefinition[];
  readonly metric: string;
  readonly granularity: 'DAILY' | 'MONTHLY';
  readonly filter?: Expression;
  readonly topGroupsCount: number;
  /** Set in Athena mode: the queries (one per breakdown, in order) and where they run. */
  readonly athena?: AthenaCostSettings;
}

/**
 * The Athena mode's queries, fixed at synth: each is a named query of the workgroup, read by its ID
 * (the SQL itself would not fit Lambda's 4 KB of environment), with its `?` parameters in order.
 */
export interface AthenaCostSettings {
  readonly workGroup: string;
  readonly database: string;
  readonly queries: Array<{ readonly groupBy: GroupDefinition; readonly namedQueryId: string; readonly parameters: AthenaCostParameter[] }>;
}

/**
 * Reads the settings, with the defaults of a pipeline deployed before they existed (by service,
 * UnblendedCost, MONTHLY), so such a function keeps its behaviour.
 */
export function readCostAnalysisSettings(settings: Readonly<Record<string, string>>): CostAnalysisSettings {
  const granularity = settings.granularity ?? 'MONTHLY';
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') {
    throw new Error(`The cost analysis granularity is DAILY or MONTHLY; got ${JSON.stringify(granularity)}`);
  }
  return {
    lookbackMonths: Number(settings.lookbackMonths ?? '6'),
    forecastMonths: Number(settings.forecastMonths ?? '1'),
    predictionIntervalLevel: Number(settings.predictionIntervalLevel ?? '80'),
    anomalyLookbackDays: Number(settings.anomalyLookbackDays ?? '30'),
    breakdowns: settings.breakdowns === undefined ? [SERVICE_GROUP] : JSON.parse(settings.breakdowns) as GroupDefinition[],
    metric: settings.metric ?? DEFAULT_COST_METRIC,
    granularity,
    ...(settings.filter === undefined ? {} : { filter: JSON.parse(settings.filter) as Expression }),
    topGroupsCount: Number(settings.topGroupsCount ?? '10'),
    ...(settings.athenaQueries === undefined ? {} : {
      athena: { workGroup: settings.athenaWorkGroup, database: settings.athenaDatabase, queries: JSON.parse(settings.athenaQueries) },
    }),
  };
}

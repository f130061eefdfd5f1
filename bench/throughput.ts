import { median, Measurement, timed } from './measure';
import {
  buildReport, costOptimizationHubOpportunities, OptimizationReport, renderReportJson, reportObjects, rollUpToMonths,
  selectOpportunities, summarizeCosts,
} from '../src/runtime/optimization';
import { hubRecommendations, hubRecommendationsWithDuplicates, yearOfDailyCost } from '../test/support/synthetic-payloads';

/** Median time of `work` on freshly parsed payloads, against the median time of parsing them. */
function againstJsonParse(name: string, text: string, repeats: number, work: (payload: any) => void): Measurement[] {
  work(JSON.parse(text));
  const parse: number[] = [];
  const analyse: number[] = [];
  for (let run = 0; run < repeats; run++) {
    let payload: unknown;
    parse.push(timed(() => { payload = JSON.parse(text); }));
    analyse.push(timed(() => work(payload)));
  }
  return [
    { name: `runtime.${name}.time`, value: median(analyse), unit: 'ms' },
    { name: `runtime.${name}.json_parse`, value: median(parse), unit: 'ms' },
    { name: `runtime.${name}.payload`, value: Buffer.byteLength(text), unit: 'bytes' },
    { name: `runtime.${name}.ratio_to_json_parse`, value: median(analyse) / median(parse), unit: 'ratio' },
  ];
}

const ACCOUNT_ID = '111122223333';

/**
 * What a recommendation optimizer does between the pages it read and the objects it writes:
 * normalize, deduplicate, filter, rank, build the report and render it as JSON, Markdown and CSV.
 */
export function optimizerCore(pages: any): void {
  reportObjects(optimizerReport(pages), 'rightsizing');
}

/** The report the optimizer core builds from the pages, before rendering. */
function optimizerReport(pages: any): OptimizationReport {
  const selection = selectOpportunities(costOptimizationHubOpportunities(pages, { accountId: ACCOUNT_ID }));
  return buildReport({
    accountId: ACCOUNT_ID,
    generatedAt: new Date('2026-11-30T06:00:00Z'),
    period: { start: '2026-10-31', end: '2026-11-30' },
    opportunities: selection.ranked,
    excluded: { duplicates: selection.duplicates.length, belowThresholds: selection.rejected.length },
    costExplorerRequests: { requestCount: 0, costUsd: '0.00', byOperation: {} },
  });
}

/**
 * The floor under the core's figure: rendering its built report as JSON, which is `JSON.stringify`
 * and nothing of ours, against parsing the input, alternating. The JSON report holds every
 * opportunity in full, so it is larger than the input, and Node's serializer is slower than its parser.
 */
function jsonRenderFloor(name: string, text: string, repeats: number): Measurement[] {
  const report = optimizerReport(JSON.parse(text));
  return [
    ...againstJsonParse(`${name}.json_render`, text, repeats, () => renderReportJson(report)),
    { name: `runtime.${name}.json_render.bytes`, value: Buffer.byteLength(renderReportJson(report)), unit: 'bytes' },
  ];
}

/** Recommendation counts of the optimizer core figures: growth from 20k to 80k should be linear. */
export const CORE_SIZES = [20_000, 40_000, 80_000];

/** The pure optimizer runtime on the payloads. */
export function runtimeThroughput(repeats: number): Measurement[] {
  return [
    ...againstJsonParse('cost_analysis.days_365.services_200', JSON.stringify(yearOfDailyCost(200)), repeats, (pages) => {
      const summary = summarizeCosts(pages);
      rollUpToMonths(summary.series);
    }),
    ...againstJsonParse('ranking.recommendations_20000', JSON.stringify(hubRecommendations(20_000)), repeats, (pages) => {
      selectOpportunities(costOptimizationHubOpportunities(pages, { accountId: ACCOUNT_ID }));
    }),
    // One recommendation in ten has an older duplicate, so each payload holds 10% more items than its name.
    ...CORE_SIZES.flatMap((size) => {
      const name = `optimizer_core.recommendations_${size}.duplicates_10pct`;
      const text = JSON.stringify(hubRecommendationsWithDuplicates(size));
      return [...againstJsonParse(name, text, repeats, optimizerCore), ...jsonRenderFloor(name, text, repeats)];
    }),
  ];
}

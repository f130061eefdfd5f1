import { median, Measurement, timed } from './measure';
import { costOptimizationHubOpportunities, rollUpToMonths, selectOpportunities, summarizeCosts } from '../src/runtime/optimization';
import { hubRecommendations, yearOfDailyCost } from '../test/support/synthetic-payloads';

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

/** The pure optimizer runtime on the two payloads. */
export function runtimeThroughput(repeats: number): Measurement[] {
  return [
    ...againstJsonParse('cost_analysis.days_365.services_200', JSON.stringify(yearOfDailyCost(200)), repeats, (pages) => {
      const summary = summarizeCosts(pages);
      rollUpToMonths(summary.series);
    }),
    ...againstJsonParse('ranking.recommendations_20000', JSON.stringify(hubRecommendations(20_000)), repeats, (pages) => {
      selectOpportunities(costOptimizationHubOpportunities(pages, { accountId: '111122223333' }));
    }),
  ];
}

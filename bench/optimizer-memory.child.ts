// Run in a fresh process by memory.ts: the optimizer on the largest input, then its peak memory.
import { readFileSync } from 'fs';
import { buildReport, costOptimizationHubOpportunities, renderReportCsv, renderReportJson, selectOpportunities } from '../src/runtime/optimization';
import { hubRecommendations } from '../test/support/synthetic-payloads';

/**
 * The process's peak resident memory in KiB. Linux's VmHWM starts afresh at exec, whereas
 * getrusage's maxRSS keeps the high-water mark of the (large) parent that forked this process.
 */
function peakRssKb(): number {
  const status = process.platform === 'linux' ? readFileSync('/proc/self/status', 'utf8') : '';
  const highWaterMark = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return highWaterMark ? Number(highWaterMark[1]) : process.resourceUsage().maxRSS;
}

const baselineRssKb = peakRssKb();
const text = JSON.stringify(hubRecommendations(20_000));
const selection = selectOpportunities(costOptimizationHubOpportunities(JSON.parse(text), { accountId: '111122223333' }));
const report = buildReport({
  accountId: '111122223333',
  generatedAt: new Date('2026-11-26T12:00:00.000Z'),
  period: { start: '2026-11-01', end: '2026-11-26' },
  opportunities: selection.ranked,
  costExplorerRequests: { requestCount: 0, costUsd: '0.00', byOperation: {} },
});
renderReportJson(report);
renderReportCsv(report);
process.stdout.write(JSON.stringify({ baselineRssKb, peakRssKb: peakRssKb(), ranked: selection.ranked.length }));

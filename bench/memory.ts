import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { buildSync } from 'esbuild';
import { Measurement } from './measure';

/**
 * Peak resident memory of the optimizer (normalize, deduplicate, rank 20,000 Cost Optimization
 * Hub recommendations, build and render the report) in a fresh Node process, bundled as a
 * handler is so that no compiler sits in memory.
 */
export function optimizerPeakMemory(): Measurement[] {
  const outfile = join(mkdtempSync(join(tmpdir(), 'finops-bench-')), 'optimizer-memory.js');
  buildSync({ entryPoints: [join(__dirname, 'optimizer-memory.child.ts')], outfile, bundle: true, platform: 'node', target: 'node20', logLevel: 'error' });
  const figures = JSON.parse(execFileSync(process.execPath, [outfile], { encoding: 'utf8' }));
  return [
    { name: 'optimizer.recommendations_20000.peak_rss', value: Math.round(figures.peakRssKb / 1024), unit: 'MiB' },
    { name: 'optimizer.recommendations_20000.rss_before_input', value: Math.round(figures.baselineRssKb / 1024), unit: 'MiB' },
    { name: 'optimizer.recommendations_20000.ranked', value: figures.ranked, unit: 'count' },
  ];
}

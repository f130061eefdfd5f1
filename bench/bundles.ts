import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, relative } from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { buildSync } from 'esbuild';
import { median, Measurement } from './measure';

const SOURCE_ROOT = join(__dirname, '..', 'src');

function lambdaEntryPoints(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return lambdaEntryPoints(path);
    return name.endsWith('.lambda.ts') ? [path] : [];
  }).sort();
}

/**
 * Milliseconds to require the bundle in a fresh Node process (module load only, no handler call).
 * The external AWS SDK resolves from this repository's node_modules, as the Lambda runtime provides it.
 */
function coldLoadMs(bundle: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const env = { ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules'), NODE_NO_WARNINGS: '1' };
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env }));
}

/** Each handler bundled as projen bundles it, minified: its bytes and its cold module-load time. */
export function handlerBundles(loadRepeats: number): Measurement[] {
  const outdir = mkdtempSync(join(tmpdir(), 'finops-bench-'));
  return lambdaEntryPoints(SOURCE_ROOT).flatMap((entry) => {
    const name = relative(SOURCE_ROOT, entry).replace(/\.lambda\.ts$/, '').replace(/[\\/]/g, '.');
    const outfile = join(outdir, `${basename(entry, '.ts')}.${name.replace(/\./g, '_')}.js`);
    buildSync({ entryPoints: [entry], outfile, bundle: true, minify: true, platform: 'node', target: 'node24', external: ['@aws-sdk/*'], logLevel: 'error' });
    return [
      { name: `lambda.${name}.bundle`, value: statSync(outfile).size, unit: 'bytes' },
      { name: `lambda.${name}.cold_load`, value: median(Array.from({ length: loadRepeats }, () => coldLoadMs(outfile))), unit: 'ms' },
    ];
  });
}

import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { Measurement } from './measure';
import { compareProcesses, REPOSITORY_ROOT, warmUp } from './process';

const SOURCE_ROOT = join(REPOSITORY_ROOT, 'src');
const ASSETS_ROOT = join(REPOSITORY_ROOT, 'assets');

function lambdaEntryPoints(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return lambdaEntryPoints(path);
    return name.endsWith('.lambda.ts') ? [path] : [];
  }).sort();
}

/**
 * The AWS SDK clients a handler needs: the client packages its entry point imports values from
 * (handlers are thin, so the entry point creates every client it calls). Type-only imports aside.
 */
export function clientsNeeded(entrySource: string): string[] {
  const imports = entrySource.matchAll(/^import (?!type )[^;]*? from '(@aws-sdk\/client-[a-z0-9-]+)';/gm);
  return [...new Set([...imports].map((match) => match[1]))].sort();
}

/**
 * Code for `node -e` that runs `load`, then prints the AWS SDK client packages the process loaded
 * (Lambda's Node.js runtime provides the SDK; here it resolves from node_modules).
 */
function coldStartScript(load: string): string {
  return `${load};const c=new Set(Object.keys(require.cache).map(f=>(/@aws-sdk[\\\\/](client-[^\\\\/]+)/.exec(f)||[])[1]).filter(Boolean));process.stdout.write(String(c.size));`;
}

/** An empty handler that creates one client of each package, as the handler does at its start. */
function clientsOnlyScript(packages: string[]): string {
  const creations = packages.map((name) => `{const m=require(${JSON.stringify(name)});const k=Object.keys(m).find(n=>/^[A-Z]\\w*Client$/.test(n));new m[k]({});}`);
  return coldStartScript(`${creations.join('')}exports.handler=async()=>({})`);
}

/**
 * Each shipped handler bundle (assets/, as `npx projen bundle` writes it): its bytes, and its cold
 * start (a fresh process requiring it, which creates its clients) against a fresh process with an
 * empty handler and exactly the SDK clients the handler needs.
 */
export function handlerColdStarts(repeats: number): Measurement[] {
  return lambdaEntryPoints(SOURCE_ROOT).flatMap((entry) => {
    const assetPath = relative(SOURCE_ROOT, entry).replace(/\.ts$/, '');
    const bundle = join(ASSETS_ROOT, assetPath, 'index.js');
    const name = `lambda.${assetPath.replace(/\.lambda$/, '').replace(/[\\/]/g, '.')}`;
    const needed = clientsNeeded(readFileSync(entry, 'utf8'));
    const env = { AWS_REGION: 'us-east-1' };
    const handler = { args: ['-e', coldStartScript(`require(${JSON.stringify(bundle)})`)], env };
    const clientsOnly = { args: ['-e', clientsOnlyScript(needed)], env };
    warmUp([handler, clientsOnly]);
    const result = compareProcesses({
      name: `${name}.cold_start`,
      subjectLabel: 'handler',
      subject: handler,
      yardstickLabel: 'sdk_clients_only',
      yardstick: clientsOnly,
    }, repeats);
    return [
      { name: `${name}.bundle`, value: statSync(bundle).size, unit: 'bytes' },
      ...result.measurements,
      { name: `${name}.sdk_clients.needed`, value: needed.length, unit: 'count' },
      { name: `${name}.sdk_clients.loaded`, value: Number(result.subjectOutput), unit: 'count' },
    ];
  });
}

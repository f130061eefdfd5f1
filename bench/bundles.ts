import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';
import { Measurement } from './measure';
import { compareProcesses, ratioFigure, REPOSITORY_ROOT, timeFigures, warmUp } from './process';

const SOURCE_ROOT = join(REPOSITORY_ROOT, 'src');
const ASSETS_ROOT = join(REPOSITORY_ROOT, 'assets');

/** Every shipped bundle: `assets/<area>/<name>.lambda/index.js`, as `npx projen bundle` writes them. */
function shippedBundles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (!statSync(path).isDirectory()) return name === 'index.js' ? [path] : [];
    return shippedBundles(path);
  }).sort();
}

function lambdaEntryPoints(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return lambdaEntryPoints(path);
    return name.endsWith('.lambda.ts') ? [path] : [];
  });
}

/** The source a bundle was built from: `assets/x/y.lambda/index.js` from `src/x/y.lambda.ts`. */
function entryPointOf(bundle: string): string {
  const entry = join(SOURCE_ROOT, `${relative(ASSETS_ROOT, dirname(bundle))}.ts`);
  if (!existsSync(entry)) {
    throw new Error(`${bundle} has no entry point ${entry}: a stale bundle, run \`npx projen bundle\` in a clean assets/`);
  }
  return entry;
}

/** The relative modules a source file imports, resolved to their `.ts` files. */
function localImports(file: string, source: string): string[] {
  return [...source.matchAll(/^(?:import|export) [^;]*? from '(\.{1,2}\/[^']+)';/gm)].map((match) => {
    const base = join(dirname(file), match[1]);
    return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? base;
  }).filter((path) => path.endsWith('.ts'));
}

/** The client packages a source file creates a client of (`new XxxClient(`), type-only imports aside. */
function clientsCreatedIn(source: string): string[] {
  const packageByName = new Map<string, string>();
  for (const match of source.matchAll(/^import (?!type )\{([^}]*)\} from '(@aws-sdk\/client-[a-z0-9-]+)';/gm)) {
    match[1].split(',').map((name) => name.trim()).filter((name) => !name.startsWith('type ')).forEach((name) => packageByName.set(name, match[2]));
  }
  return [...source.matchAll(/\bnew (\w+Client)\(/g)].flatMap((match) => {
    const clientPackage = packageByName.get(match[1]);
    return clientPackage === undefined ? [] : [clientPackage];
  });
}

/**
 * The AWS SDK clients a handler needs: those it creates, in its entry point or in a module the entry
 * point imports (the Price List client is made by a shared helper), found by following the
 * entry point's relative imports through the sources.
 */
export function clientsNeeded(entry: string): string[] {
  const seen = new Set<string>();
  const needed = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    clientsCreatedIn(source).forEach((clientPackage) => needed.add(clientPackage));
    pending.push(...localImports(file, source));
  }
  return [...needed].sort();
}

/**
 * Code for `node -e` that runs `load`, then prints how many AWS SDK client packages the process
 * loaded (Lambda's Node.js runtime provides the SDK; here it resolves from node_modules) and the
 * CPU time the process has used so far, in microseconds: user and system, Node's start included.
 */
function coldStartScript(load: string): string {
  return `${load};const c=new Set(Object.keys(require.cache).map(f=>(/@aws-sdk[\\\\/](client-[^\\\\/]+)/.exec(f)||[])[1]).filter(Boolean));const u=process.cpuUsage();process.stdout.write(c.size+' '+(u.user+u.system));`;
}

/**
 * CPU time of each side, from what {@link coldStartScript} printed: on a busy machine a process's
 * wall time counts the time it waited for a core, its CPU time does not.
 */
function cpuFigures(name: string, subjectOutputs: string[], yardstickOutputs: string[]): Measurement[] {
  const cpuMs = (outputs: string[]) => outputs.map((output) => Number(output.split(' ')[1]) / 1000);
  const subject = cpuMs(subjectOutputs);
  const yardstick = cpuMs(yardstickOutputs);
  return [
    ...timeFigures(`${name}.handler`, subject, 'cpu'),
    ...timeFigures(`${name}.sdk_clients_only`, yardstick, 'cpu'),
    ratioFigure(name, subject, yardstick, 'cpu'),
  ];
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
  const bundles = shippedBundles(ASSETS_ROOT);
  const entries = bundles.map(entryPointOf);
  const unbundled = lambdaEntryPoints(SOURCE_ROOT).filter((entry) => !entries.includes(entry));
  if (unbundled.length > 0) {
    throw new Error(`${unbundled.join(', ')} have no bundle in assets/: run \`npx projen bundle\` first`);
  }
  return bundles.flatMap((bundle, index) => {
    const entry = entries[index];
    const name = `lambda.${relative(ASSETS_ROOT, dirname(bundle)).replace(/\.lambda$/, '').replace(/[\\/]/g, '.')}`;
    const needed = clientsNeeded(entry);
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
      ...cpuFigures(`${name}.cold_start`, result.subjectOutputs, result.yardstickOutputs),
      { name: `${name}.sdk_clients.needed`, value: needed.length, unit: 'count' },
      { name: `${name}.sdk_clients.loaded`, value: Number(result.subjectOutput.split(' ')[0]), unit: 'count' },
    ];
  });
}

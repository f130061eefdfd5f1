import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Where the integration tests live: one `integ.<name>.ts` app per construct, integ-runner's layout. */
export const INTEG_DIRECTORY = path.join(__dirname, '..', 'integ');

const TEST_TSCONFIG = path.join(__dirname, '..', 'tsconfig.json');
const INTEG_SYNTH_RUNNER = path.join(__dirname, 'integ-synth-runner.ts');

/**
 * The context integ-runner synthesizes with, so a snapshot does not depend on the machine: the
 * feature flags aws-cdk-lib recommends, no version, path or asset metadata, and no construct
 * creation stack traces (they hold this machine's paths), as the CDK CLI does without --debug.
 */
const INTEG_CONTEXT = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...require('aws-cdk-lib/recommended-feature-flags.json'),
  'aws:cdk:version-reporting': false,
  'aws:cdk:enable-path-metadata': false,
  'aws:cdk:enable-asset-metadata': false,
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
};

/** The integration test files, sorted. */
export function integTestFiles(): string[] {
  return fs.readdirSync(INTEG_DIRECTORY)
    .filter((name) => /^integ\..+\.ts$/.test(name))
    .sort()
    .map((name) => path.join(INTEG_DIRECTORY, name));
}

/** integ-runner's snapshot directory of a test file: the file name followed by `.snapshot`. */
export function snapshotDirectoryOf(testFile: string): string {
  return `${testFile}.snapshot`;
}

/** One integration test app to synthesize, and the directory its cloud assembly goes to. */
export interface IntegSynthesis {
  readonly testFile: string;
  readonly outdir: string;
}

/**
 * Synthesizes integration test apps the way integ-runner does (Node.js with ts-node, integ-runner's
 * context, each app into its own directory), then removes the bundled assets: every test sets
 * `stackUpdateWorkflow: false`, for which integ-runner keeps templates and manifests only.
 * All the apps run in one process, one after the other: aws-cdk-lib's built-in template validation
 * starts its WebAssembly engine once per process (about 6 CPU s, profiled), not once per app.
 */
export function synthesizeIntegTests(syntheses: readonly IntegSynthesis[]): void {
  syntheses.forEach(({ outdir }) => fs.rmSync(outdir, { recursive: true, force: true }));
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', INTEG_SYNTH_RUNNER, JSON.stringify(syntheses)], {
    env: {
      ...process.env,
      TS_NODE_PROJECT: TEST_TSCONFIG,
      CDK_CONTEXT_JSON: JSON.stringify(INTEG_CONTEXT),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const { outdir } of syntheses) {
    for (const entry of fs.readdirSync(outdir)) {
      if (entry.startsWith('asset.') || entry === '.cache') {
        fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
      }
    }
  }
}

/**
 * The templates of a cloud assembly by file name, with each asset hash replaced by `Asset1`,
 * `Asset2`, ... in order of appearance, as integ-runner compares them: a rebuilt handler bundle
 * changes its hash, not the infrastructure under test. The assertion stacks are compared too
 * (integ-runner skips them), with the salt integ-tests sets to the synth time taken out.
 */
export function canonicalTemplates(assemblyDirectory: string): { [templateFile: string]: unknown } {
  const assetHashes = assetHashesOf(assemblyDirectory);
  const templates: { [templateFile: string]: unknown } = {};
  for (const file of fs.readdirSync(assemblyDirectory).filter((name) => name.endsWith('.template.json')).sort()) {
    const text = canonicalizeAssetHashes(fs.readFileSync(path.join(assemblyDirectory, file), 'utf8'), assetHashes);
    templates[file] = JSON.parse(text.replace(/"salt": "\d+"/g, '"salt": "<synth time>"'));
  }
  return templates;
}

/** The integ manifest (test cases, regions, options) of a cloud assembly. */
export function integManifest(assemblyDirectory: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(assemblyDirectory, 'integ.json'), 'utf8'));
}

function assetHashesOf(assemblyDirectory: string): Set<string> {
  const hashes = new Set<string>();
  for (const file of fs.readdirSync(assemblyDirectory).filter((name) => name.endsWith('.assets.json'))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDirectory, file), 'utf8'));
    for (const [hash, asset] of Object.entries<{ source: { path?: string } }>(manifest.files ?? {})) {
      // A stack's own template is an entry of its asset manifest but never appears in a template.
      if (!asset.source.path?.endsWith('.template.json')) hashes.add(hash);
    }
    Object.keys(manifest.dockerImages ?? {}).forEach((hash) => hashes.add(hash));
  }
  return hashes;
}

function canonicalizeAssetHashes(templateText: string, assetHashes: Set<string>): string {
  if (assetHashes.size === 0) return templateText;
  const names = new Map<string, string>();
  const pattern = new RegExp([...assetHashes].join('|'), 'g');
  return templateText.replace(pattern, (hash) => {
    if (!names.has(hash)) names.set(hash, `Asset${names.size + 1}`);
    return names.get(hash)!;
  });
}

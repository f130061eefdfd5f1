/**
 * Makes the compiled barrels lazy (`npx projen compile` runs it after jsii): `lib/index.js` and every
 * barrel it re-exports (an `index.ts` made only of `export * from './x'`) are rewritten so that each
 * export is a getter that requires the module defining it on first use, as aws-cdk-lib's own index
 * does. `require('@finops-as-code/cdk-finops')` then loads no construct, and `FinOpsBudget` loads
 * budgets and what they import, not the optimization pipeline or the cost reports.
 *
 * Each getter returns the defining module's own export (identity and `instanceof` unchanged) and
 * then replaces itself with that value. Every name is also assigned `void 0` first, the form Node's
 * CommonJS lexer reads, so `import { FinOpsBudget } from '@finops-as-code/cdk-finops'` still works
 * from ES modules. Barrels are found from the sources, not from the compiled files, so an
 * incremental compile that re-emits only changed files still gets every export.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPOSITORY_ROOT = path.join(__dirname, '..');
const SOURCE_ROOT = path.join(REPOSITORY_ROOT, 'src');
const LIBRARY_ROOT = path.join(REPOSITORY_ROOT, 'lib');
const MARKER = '// Lazy barrel written by scripts/lazy-exports.ts';

/** One export of a barrel and the compiled module that defines it, relative to the barrel. */
export interface LazyExport {
  readonly name: string;
  readonly modulePath: string;
}

/**
 * The modules a barrel source re-exports, in order, or undefined when the source holds anything else
 * than `export * from '<relative path>'` statements and comments (such a module stays as compiled).
 */
export function reexportedModules(source: string): string[] | undefined {
  const statements = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter((line) => line.length > 0);
  const modules = statements.map((statement) => /^export \* from '(\.{1,2}\/[^']+)';?$/.exec(statement)?.[1]);
  if (modules.length === 0 || modules.some((module) => module === undefined)) {
    return undefined;
  }
  return modules as string[];
}

/** The text of a lazy barrel: declarations the CommonJS lexer reads, then one getter per export. */
export function renderLazyBarrel(exports: readonly LazyExport[]): string {
  const declarations = exports.map(({ name }) => `exports.${name} = void 0;`);
  const getters = exports.map(({ name, modulePath }) => `lazy(${JSON.stringify(name)}, () => require(${JSON.stringify(modulePath)}));`);
  return [
    '"use strict";',
    MARKER + ': each export loads its module on first use.',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    ...declarations,
    'function lazy(name, load) {',
    '    Object.defineProperty(exports, name, {',
    '        enumerable: true,',
    '        configurable: true,',
    '        get: () => {',
    '            const value = load()[name];',
    '            Object.defineProperty(exports, name, { enumerable: true, configurable: true, value });',
    '            return value;',
    '        },',
    '    });',
    '}',
    ...getters,
    '',
  ].join('\n');
}

/** `src/a/b.ts` or the directory `src/a` (its index) for a relative specifier, or undefined. */
function sourceFileOf(fromDirectory: string, specifier: string): string | undefined {
  const base = path.resolve(fromDirectory, specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

function compiledFileOf(sourceFile: string): string {
  return path.join(LIBRARY_ROOT, path.relative(SOURCE_ROOT, sourceFile)).replace(/\.ts$/, '.js');
}

/** A `./x` path from one compiled file to another, without the `.js`. */
function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = path.relative(path.dirname(fromFile), toFile).replace(/\.js$/, '').split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The exports of a source module, each with the compiled leaf module that defines it: barrels are
 * followed to their leaves (first module wins on a repeated name, as `export *` does); a leaf's
 * names are what its compiled module exports. Every barrel met is added to `barrels`.
 */
function exportsOf(sourceFile: string, barrels: Map<string, LazyExport[]>): Array<{ name: string; file: string }> {
  const modules = reexportedModules(fs.readFileSync(sourceFile, 'utf-8'));
  const compiledFile = compiledFileOf(sourceFile);
  if (modules === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the leaf's runtime exports are its exact export list
    return Object.keys(require(compiledFile)).map((name) => ({ name, file: compiledFile }));
  }
  const found = new Map<string, string>();
  for (const specifier of modules) {
    const childSource = sourceFileOf(path.dirname(sourceFile), specifier);
    if (childSource === undefined) {
      throw new Error(`${path.relative(REPOSITORY_ROOT, sourceFile)}: cannot find the module '${specifier}' it re-exports`);
    }
    for (const { name, file } of exportsOf(childSource, barrels)) {
      if (name !== 'default' && !found.has(name)) {
        found.set(name, file);
      }
    }
  }
  const entries = [...found].map(([name, file]) => ({ name, file }));
  barrels.set(compiledFile, entries.map(({ name, file }) => ({ name, modulePath: relativeSpecifier(compiledFile, file) })));
  return entries;
}

function main(): void {
  const entryPoint = path.join(SOURCE_ROOT, 'index.ts');
  if (reexportedModules(fs.readFileSync(entryPoint, 'utf-8')) === undefined) {
    throw new Error('src/index.ts is no longer only `export * from` statements: scripts/lazy-exports.ts cannot make it lazy');
  }
  if (!fs.existsSync(compiledFileOf(entryPoint))) {
    throw new Error('lib/index.js is missing: compile first (npx projen compile)');
  }
  const barrels = new Map<string, LazyExport[]>();
  exportsOf(entryPoint, barrels);
  for (const [file, exports] of barrels) {
    fs.writeFileSync(file, renderLazyBarrel(exports));
    process.stdout.write(`${path.relative(REPOSITORY_ROOT, file)}: ${exports.length} lazy exports\n`);
  }
}

if (require.main === module) {
  main();
}

// The compiled package's entry point, as Node and jsii's runtime (Python, Java, .NET, Go) load it:
// lib/index.js, made lazy after compile by scripts/lazy-exports.ts. The test command runs after
// compile, so lib/ exists there; run `npx projen compile` before running this file alone.
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { renderLazyBarrel, reexportedModules } from '../../scripts/lazy-exports';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const LIBRARY_INDEX = join(REPOSITORY_ROOT, 'lib', 'index.js');

/** Runs `code` in a fresh Node process (CommonJS, or an ES module) and parses the JSON it prints. */
function runNode(code: string, module: 'commonjs' | 'module' = 'commonjs'): any {
  if (!existsSync(LIBRARY_INDEX)) {
    throw new Error(`${LIBRARY_INDEX} is missing: these tests check the compiled package; run \`npx projen compile\` first`);
  }
  const result = spawnSync(process.execPath, ['--input-type', module, '-e', code], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf-8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (result.status !== 0) {
    throw new Error(`node exited with ${result.status}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** Classes and enums of the .jsii assembly (the types with a value at run time) and their source files. */
function assemblyValueTypes(): Array<{ name: string; filename: string }> {
  const assembly = JSON.parse(readFileSync(join(REPOSITORY_ROOT, '.jsii'), 'utf-8'));
  return Object.values<any>(assembly.types)
    .filter((type) => type.kind !== 'interface')
    .map((type) => ({ name: type.name, filename: type.locationInModule.filename }));
}

/** The library's own files a process has loaded, relative to lib/. */
const LOADED_LIBRARY_FILES = `Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(join(REPOSITORY_ROOT, 'lib'))}))
  .map((file) => file.slice(${join(REPOSITORY_ROOT, 'lib').length + 1}))`;

describe('the compiled entry point lib/index.js', () => {
  test('every class and enum of the .jsii assembly is reachable by name, and is the very value its own module exports', () => {
    const types = assemblyValueTypes();
    expect(types.length).toBeGreaterThan(30);
    const problems: string[] = runNode(`
      const library = require('./lib/index.js');
      const problems = [];
      for (const { name, filename } of ${JSON.stringify(types)}) {
        const own = require('./' + filename.replace(/^src\\//, 'lib/').replace(/\\.ts$/, '.js'))[name];
        if (library[name] === undefined) problems.push(name + ' is not exported');
        else if (library[name] !== own) problems.push(name + ' is not the value ' + filename + ' exports');
      }
      process.stdout.write(JSON.stringify(problems));`);
    expect(problems).toEqual([]);
  });

  test('an ES module can import every class and enum by name (Node reads the names without running the getters)', () => {
    const names: string[] = runNode(`
      const library = await import(${JSON.stringify(LIBRARY_INDEX)});
      process.stdout.write(JSON.stringify(Object.keys(library)));`, 'module');
    expect(names).toEqual(expect.arrayContaining(assemblyValueTypes().map(({ name }) => name)));
  });

  test('requiring it loads no construct and not aws-cdk-lib; using a construct loads its area, not the others', () => {
    const loaded = runNode(`
      const library = require('./lib/index.js');
      const atRequire = ${LOADED_LIBRARY_FILES};
      const awsCdkLibAtRequire = Object.keys(require.cache).some((file) => file.includes('/aws-cdk-lib/'));
      const budgetClass = library.FinOpsBudget;
      process.stdout.write(JSON.stringify({ atRequire, awsCdkLibAtRequire, afterBudget: ${LOADED_LIBRARY_FILES} }));`);
    expect(loaded.atRequire).toEqual(['index.js']);
    expect(loaded.awsCdkLibAtRequire).toBe(false);
    expect(loaded.afterBudget).toContain('budgets/finops-budget.js');
    // A budget's alert tier may start optimizer runs, so budgets know the optimizer kinds (an enum, nothing else).
    const otherAreas = loaded.afterBudget.filter((file: string) => /^(optimization|cur|nag|anomaly|cost-categories)\//.test(file));
    expect(otherAreas).toEqual(['optimization/optimizer-kind.js']);
  });

  test('a construct built through the lazy index is an instance of the class its own module exports', () => {
    const result = runNode(`
      const { App, Stack } = require('aws-cdk-lib');
      const library = require('./lib/index.js');
      const own = require('./lib/budgets/finops-budget.js');
      const budget = new library.FinOpsBudget(new Stack(new App()), 'Budget', { limit: library.BudgetLimit.fixedAmount(100) });
      process.stdout.write(JSON.stringify({ instance: budget instanceof own.FinOpsBudget, cached: library.FinOpsBudget === library.FinOpsBudget }));`);
    expect(result).toEqual({ instance: true, cached: true });
  });
});

describe('scripts/lazy-exports', () => {
  test('reads a barrel made only of export-star statements, and refuses anything else', () => {
    expect(reexportedModules("// area\nexport * from './a';\n/* b */\nexport * from '../b/c';\n")).toEqual(['./a', '../b/c']);
    expect(reexportedModules("export * from './a';\nexport const b = 1;\n")).toBeUndefined();
    expect(reexportedModules("export { A } from './a';\n")).toBeUndefined();
    expect(reexportedModules('')).toBeUndefined();
  });

  test('a rendered barrel loads a module only when one of its exports is read', () => {
    const loads: string[] = [];
    const modules: Record<string, any> = { './a': { A: 'value of A' }, './b': { B: 'value of B' } };
    const exports: any = {};
    const fakeRequire = (path: string) => { loads.push(path); return modules[path]; };
    new Function('exports', 'require', renderLazyBarrel([{ name: 'A', modulePath: './a' }, { name: 'B', modulePath: './b' }]))(exports, fakeRequire);
    expect(Object.keys(exports)).toEqual(['A', 'B']);
    expect(loads).toEqual([]);
    expect([exports.A, exports.A]).toEqual(['value of A', 'value of A']);
    expect(loads).toEqual(['./a']);
  });
});

import { readFileSync, writeFileSync } from 'fs';

/**
 * jsii-rosetta adds a `from <module> import <Struct>` name for every struct literal of an example
 * (PythonVisitor.renderSyntheticImports in jsii-rosetta 6.0.17 groups the names by module and does
 * not deduplicate them), so an example with three alerts imports `BudgetAlert, BudgetAlert, BudgetAlert`.
 * This rewrites each Python translation in the tablet that `jsii-rosetta extract` wrote, keeping the
 * first of each repeated name on an import line; jsii-docgen and jsii-pacmak then read the tablet.
 */
export function dedupeImportNames(pythonSource: string): string {
  return pythonSource.replace(/^(from \S+ import )(.+)$/gm, (_line, head: string, names: string) =>
    `${head}${[...new Set(names.split(',').map((name) => name.trim()))].join(', ')}`);
}

if (require.main === module) {
  const tabletPath = process.argv[2] ?? '.jsii.tabl.json';
  const tablet = JSON.parse(readFileSync(tabletPath, 'utf8'));
  for (const snippet of Object.values<any>(tablet.snippets)) {
    const python = snippet.translations.python;
    if (python) {
      python.source = dedupeImportNames(python.source);
    }
  }
  writeFileSync(tabletPath, JSON.stringify(tablet));
}

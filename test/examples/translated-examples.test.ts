import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
// web-tree-sitter 0.22 exports its Parser class as the module itself (`export = Parser`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Parser = require('web-tree-sitter');
import { dedupeImportNames } from '../../scripts/dedupe-python-imports';

// The examples of README.md and of the API docs as jsii-rosetta translated them (the tablet its
// `extract` step writes after compile) are what Python, Java, C# and Go users read on Construct Hub
// and in docs/API.<language>.md. Python is checked by Python itself; Java, C# and Go by their
// tree-sitter grammars (syntax only: the CDK packages for those languages cannot be installed here).
const root = join(__dirname, '..', '..');
const tabletPath = join(root, '.jsii.tabl.json');

interface Snippet {
  readonly where: string;
  readonly translations: Record<'python' | 'java' | 'csharp' | 'go', string>;
}

function snippets(): Snippet[] {
  if (!existsSync(tabletPath)) {
    throw new Error('.jsii.tabl.json is missing: compile the library (npx projen compile) so that jsii-rosetta extracts the examples');
  }
  const tablet = JSON.parse(readFileSync(tabletPath, 'utf8'));
  return Object.values<any>(tablet.snippets).map((snippet) => ({
    where: describeLocation(snippet.location),
    translations: {
      python: snippet.translations.python.source,
      java: snippet.translations.java.source,
      csharp: snippet.translations.csharp.source,
      go: snippet.translations.go.source,
    },
  }));
}

function describeLocation(location: any): string {
  const api = location.api;
  const place = api.api === 'moduleReadme' ? 'README.md' : `${api.fqn ?? api.api}${api.memberName ? `#${api.memberName}` : ''}`;
  return location.field?.line ? `${place} line ${location.field.line}` : place;
}

/** Rosetta translates snippets as fragments: imports first, then statements. Each becomes a unit its compiler would parse. */
const compilationUnits: Record<'java' | 'csharp' | 'go', (source: string) => string> = {
  java: (source) => wrapAfterImports(source, /^import\s/, (imports, body) => `${imports}\nclass Example {\n  void example() {\n${body}\n  }\n}\n`),
  csharp: (source) => wrapAfterImports(source, /^using\s/, (imports, body) => `${imports}\nclass Example {\n  void M() {\n${body}\n  }\n}\n`),
  go: (source) => wrapAfterImports(source, /^import\s/, (imports, body) => `package example\n${imports}\nfunc example() {\n${body}\n}\n`),
};

function wrapAfterImports(source: string, importLine: RegExp, wrap: (imports: string, body: string) => string): string {
  const lines = source.split('\n');
  return wrap(lines.filter((line) => importLine.test(line)).join('\n'), lines.filter((line) => !importLine.test(line)).join('\n'));
}

const grammars: Record<'java' | 'csharp' | 'go', string> = { java: 'java', csharp: 'c_sharp', go: 'go' };

async function syntaxErrors(language: 'java' | 'csharp' | 'go', examples: Snippet[]): Promise<string[]> {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Parser.Language.load(require.resolve(`tree-sitter-wasms/out/tree-sitter-${grammars[language]}.wasm`)));
  return examples.flatMap((example) => {
    const tree = parser.parse(compilationUnits[language](example.translations[language]));
    return tree.rootNode.hasError ? [`${example.where}: does not parse as ${language}\n${example.translations[language]}`] : [];
  });
}

const examples = snippets();

test('the tablet holds every README example', () => {
  const readmeExamples = (readFileSync(join(root, 'README.md'), 'utf8').match(/^```ts\b/gm) ?? []).length;
  expect(examples.filter((example) => example.where.startsWith('README.md')).length).toBe(readmeExamples);
});

test('every example parses as Python, and imports each name once and only names it uses', () => {
  const output = execFileSync('python3', [join(__dirname, 'support', 'check_python_examples.py')], {
    input: JSON.stringify(examples.map((example) => example.translations.python)),
    encoding: 'utf8',
  });
  const problems: string[][] = JSON.parse(output);
  expect(examples.flatMap((example, index) => problems[index].map((problem) => `${example.where}: ${problem}`))).toEqual([]);
});

test.each(['java', 'csharp', 'go'] as const)('every example parses as %s', async (language) => {
  expect(await syntaxErrors(language, examples)).toEqual([]);
});

test('a broken translation is caught', async () => {
  const broken: Snippet = { where: 'probe', translations: { python: 'f(a=', java: 'f(;', csharp: 'new X {', go: 'x := f(' } };
  expect(await syntaxErrors('java', [broken])).toHaveLength(1);
  expect(await syntaxErrors('csharp', [broken])).toHaveLength(1);
  expect(await syntaxErrors('go', [broken])).toHaveLength(1);
});

test('repeated struct names in a Python import line are kept once (the post-compile fix of rosetta output)', () => {
  expect(dedupeImportNames('from m import BudgetAlert, BudgetAlert, BudgetAlertHandlerOptions\nfrom aws_cdk import Stack'))
    .toBe('from m import BudgetAlert, BudgetAlertHandlerOptions\nfrom aws_cdk import Stack');
});

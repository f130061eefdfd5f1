import * as fs from 'fs';
import * as path from 'path';
import { runReview as run } from './run-review';
import { AssemblyReview } from '../../src/review/model';

/**
 * The review over templates others wrote (test/review/corpus, sources in its SOURCES.md): every template
 * CloudFormation takes is reviewed, in Markdown and in JSON, with exit status 0, nothing on stderr, and
 * every value in words.
 */
const CORPUS = path.join(__dirname, 'corpus');
const ASSEMBLIES = path.join(CORPUS, 'assemblies');

const templateFiles = fs.readdirSync(CORPUS, { recursive: true, encoding: 'utf-8' })
  .filter((file) => !file.startsWith('assemblies') && /\.(json|ya?ml)$/.test(file))
  .sort();
const assemblies = fs.readdirSync(ASSEMBLIES).map((dir) => path.join('assemblies', dir)).sort();

/**
 * What a value that was not put in words leaves in the review: "[object Object]", "undefined", "NaN", or a
 * lone "?" (the "?" of a condition, "(IsProd ? a : b)", is words).
 */
export function placeholdersIn(text: string): string[] {
  const conditionsRemoved = text.replace(/\((?:[^()?\n]|\([^()\n]*\))* \? /g, '(');
  return [...conditionsRemoved.matchAll(/\[object Object\]|\bundefined\b|\bNaN\b|(?<=^|[\s(:=,"])\?(?=$|[\s),.;:"])/gm)].map((match) => match[0]);
}

test('the corpus holds 30 to 55 templates, each listed in SOURCES.md with its repository, path, commit and license', () => {
  const sources = fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf-8');
  expect(templateFiles.length + assemblies.length).toBeGreaterThanOrEqual(30);
  expect(templateFiles.length + assemblies.length).toBeLessThanOrEqual(55);
  const assemblyFiles = assemblies.flatMap((dir) => fs.readdirSync(path.join(CORPUS, dir)).map((file) => path.join(dir, file)));
  for (const file of [...templateFiles, ...assemblyFiles]) {
    expect(sources).toMatch(new RegExp(`^\\| \`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\| [\\w.-]+/[\\w.-]+ \\| \`[^\`]+\` \\| \`[0-9a-f]{40}\` \\| (Apache-2\\.0|MIT|MIT-0|BSD-[23]-Clause) \\|$`, 'm'));
  }
});

test('placeholdersIn finds what was not put in words, and lets conditions be', () => {
  expect(placeholdersIn('limit: [object Object] USD, name undefined, ? USD, NaN bytes, (?)')).toEqual(['[object Object]', 'undefined', '?', 'NaN', '?']);
  expect(placeholdersIn('(IsProd ? 1000 : 100) USD, (IsEu ? (IsProd ? a : b) : c), https://example.com/?a=1')).toEqual([]);
});

describe.each([...templateFiles, ...assemblies])('%s', (input) => {
  test('is reviewed in Markdown and JSON with exit status 0 and every value in words', () => {
    const markdown = run(path.join(CORPUS, input));
    expect(markdown.stderr).toBe('');
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toMatch(/^# FinOps review\n[\s\S]*\n## FinOps rule findings\n/);
    expect(placeholdersIn(markdown.stdout)).toEqual([]);

    const json = run(path.join(CORPUS, input), '--format', 'json');
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const review: AssemblyReview = JSON.parse(json.stdout);
    expect(review.summary.resources).toBeGreaterThan(0);
    expect(placeholdersIn(json.stdout)).toEqual([]);
  });
});

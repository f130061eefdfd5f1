/**
 * Checks the code jsii-pacmak generated for Python, Java, .NET and Go (`npx projen codegen`):
 * every public type of the assembly must appear in each language's generated sources.
 * Packaging for those languages needs PyPI, Maven, NuGet and the Go proxy; generating their code
 * does not, so this is what can be verified here.
 */
import * as fs from 'fs';
import * as path from 'path';

const codegenDir = process.argv[2] ?? 'dist/codegen';
const assembly = JSON.parse(fs.readFileSync('.jsii', 'utf-8'));
const typeNames: string[] = Object.values<any>(assembly.types).map((type) => type.name);

/** Every file below `dir` with one of the extensions, as text joined into one string. */
function sources(dir: string, extensions: string[]): string {
  if (!fs.existsSync(dir)) {
    throw new Error(`${dir} does not exist: did jsii-pacmak run?`);
  }
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf-8'))
    .join('\n');
}

/** How each language declares a public type named `name`. */
const languages: Array<{ language: string; dir: string; extensions: string[]; declares: (name: string) => RegExp }> = [
  { language: 'python', dir: 'python', extensions: ['.py'], declares: (name) => new RegExp(`^class ${name}\\b`, 'm') },
  { language: 'java', dir: 'java', extensions: ['.java'], declares: (name) => new RegExp(`\\b(class|interface|enum) ${name}\\b`) },
  { language: 'dotnet', dir: 'dotnet', extensions: ['.cs'], declares: (name) => new RegExp(`\\b(class|interface|enum) I?${name}\\b`) },
  { language: 'go', dir: 'go', extensions: ['.go'], declares: (name) => new RegExp(`^type ${name} `, 'm') },
];

let missing = 0;
for (const { language, dir, extensions, declares } of languages) {
  const code = sources(path.join(codegenDir, dir), extensions);
  const absent = typeNames.filter((name) => !declares(name).test(code));
  missing += absent.length;
  console.log(`${language}: ${typeNames.length - absent.length}/${typeNames.length} public types generated${absent.length ? `; missing: ${absent.join(', ')}` : ''}`);
}
if (missing > 0) {
  process.exit(1);
}

import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { builtinModules } from 'module';
import { dirname, join, posix } from 'path';

// What `npm pack` would publish, read from npm itself. The compiled library must exist: the build
// runs the tests after compiling, so a missing lib/ is a broken build, not a reason to skip.
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packedFiles(): string[] {
  if (!existsSync(join(root, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: compile the library (npx projen compile) before this test');
  }
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(output)[0].files.map((file: { path: string }) => file.path);
}

/** The module specifiers a compiled CommonJS file requires. */
function requiredSpecifiers(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
}

function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const files = packedFiles();
const packed = new Set(files);
const installedWithThePackage = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
  ...(manifest.bundledDependencies ?? []),
]);

test('the package ships no handler entry point or handler runtime (they run from the bundles in assets/)', () => {
  expect(files.filter((file) => /\.lambda\.(js|d\.ts)$/.test(file) || file.startsWith('lib/runtime/'))).toEqual([]);
  expect(files.some((file) => file.startsWith('assets/') && file.endsWith('index.js'))).toBe(true);
});

test('every file the package ships requires only what installing it installs', () => {
  const unresolved: string[] = [];
  for (const file of files.filter((path) => path.startsWith('lib/') && path.endsWith('.js'))) {
    for (const specifier of requiredSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(dirname(file), specifier));
        if (![target, `${target}.js`, `${target}.json`, `${target}/index.js`].some((candidate) => packed.has(candidate))) {
          unresolved.push(`${file} -> ${specifier} (not in the package)`);
        }
      } else if (!builtinModules.includes(specifier.replace(/^node:/, '')) && !installedWithThePackage.has(packageNameOf(specifier))) {
        unresolved.push(`${file} -> ${specifier} (not a dependency or peer)`);
      }
    }
  }
  expect(unresolved).toEqual([]);
});

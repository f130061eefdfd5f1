import { awscdk, Component, javascript, JsonFile } from 'projen';

// Handlers are bundled by projen when the library builds (lambdaOptions below), so the AWS SDK
// clients and decimal.js are build-time dependencies only: a user of any jsii language needs
// neither esbuild nor Docker to synth.
const awsSdkVersion = '^3.1138.0';
const handlerDependencies = [
  `@aws-sdk/client-cost-explorer@${awsSdkVersion}`,
  `@aws-sdk/client-sns@${awsSdkVersion}`,
  `@aws-sdk/client-lambda@${awsSdkVersion}`,
  '@aws-sdk/client-cost-optimization-hub@^3.893.0',
  `@aws-sdk/client-ec2@${awsSdkVersion}`,
  `@aws-sdk/client-s3@${awsSdkVersion}`,
  `@aws-sdk/client-cloudwatch@${awsSdkVersion}`,
  `@aws-sdk/client-sfn@${awsSdkVersion}`,
  // Organization scope: assume the member roles, list the accounts, read Compute Optimizer.
  `@aws-sdk/client-sts@${awsSdkVersion}`,
  `@aws-sdk/client-organizations@${awsSdkVersion}`,
  '@aws-sdk/client-compute-optimizer@^3.1075.0',
  // Current EBS prices from the Price List Query API.
  '@aws-sdk/client-pricing@^3.1133.0',
  // Cost analysis in Athena over the Cost and Usage Report.
  `@aws-sdk/client-athena@${awsSdkVersion}`,
  'decimal.js@^10.6.0',
  '@types/aws-lambda@^8.10.164',
];

// Handlers ship minified: a smaller bundle is less to read and compile at every cold start. projen
// hands these options to esbuild as they are; its BundlingOptions type names only some of them.
const handlerBundling: Omit<javascript.AddBundleOptions, 'target' | 'platform'> = {
  // The Node.js Lambda runtime ships the AWS SDK v3; bundling it would only add weight.
  externals: ['@aws-sdk/*'],
  sourcemap: false,
  minify: true,
};

const project = new awscdk.AwsCdkConstructLibrary({
  name: '@finops-as-code/cdk-finops',
  description:
    'FinOps as code for AWS CDK: budgets with alerts and actions, cost anomaly monitors, cost categories, Cost and Usage Reports and savings optimizers.',
  author: 'FinOps as Code',
  authorAddress: 'finops@example.com',
  repositoryUrl: 'https://github.com/finops-as-code/cdk-finops.git',
  // "Constructs intended for Construct Hub must be ... annotated with a keyword recognized by
  // Construct Hub (awscdk, cdk8s, or cdktf)."
  // https://aws.amazon.com/blogs/opensource/best-practices-for-discoverability-of-a-construct-library-on-construct-hub/
  keywords: ['awscdk', 'cdk', 'finops', 'budgets', 'cost-explorer', 'cost-anomaly-detection', 'cur', 'cost-optimization'],
  license: 'Apache-2.0',
  stability: 'experimental',

  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // The aws-cdk-lib floor: the peer becomes ^2.269.0 and the devDependency is pinned at 2.269.0, so
  // the library is built and tested against the oldest aws-cdk-lib it accepts. Before 2.269.0,
  // Validations.acknowledge refuses cdk-nag finding ids with '::' inside (aws/aws-cdk#38787), which the
  // constructs acknowledge; cdk-nag 3 needs ^2.257.0. Newer APIs are used where present (see
  // src/core/builtin-validation.ts); README "Install" says what changes with the version.
  cdkVersion: '2.269.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // integ-tests-alpha writes the assertions of the integration tests (test/integ/integ.*.ts);
  // aws-local-stepfunctions runs the synthesized state machines in the tests; node-sql-parser
  // checks the synthesized Athena queries against the columns of the tables they read;
  // web-tree-sitter with tree-sitter-wasms' grammars (built for its 0.22 ABI) parses the examples
  // as translated to Go, Java and C#, whose toolchains and CDK packages this workplace cannot install.
  devDeps: [
    ...handlerDependencies,
    'esbuild@^0.28.2',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    'aws-local-stepfunctions@^3.0.0',
    'node-sql-parser@^5.4.0',
    'web-tree-sitter@~0.22.6',
    'tree-sitter-wasms@~0.1.13',
  ],
  // The FinOps rule pack is a cdk-nag NagPack, so cdk-nag is a peer of the library.
  peerDeps: ['cdk-nag@^3.0.2'],
  bin: { 'finops-review': 'lib/review/cli.js' },

  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    bundlingOptions: handlerBundling,
  },

  // Construct Hub naming conventions for the other jsii languages. Packaging for them is not part
  // of the test command (PyPI and Maven are unreachable here); code generation is checked separately.
  publishToPypi: {
    distName: 'finops-as-code.cdk-finops',
    module: 'finops_as_code.cdk_finops',
  },
  publishToMaven: {
    javaPackage: 'io.github.finopsascode.cdkfinops',
    mavenGroupId: 'io.github.finops-as-code',
    mavenArtifactId: 'cdk-finops',
  },
  publishToNuget: {
    dotNetNamespace: 'FinOpsAsCode.CdkFinOps',
    packageId: 'FinOpsAsCode.CdkFinOps',
  },
  publishToGo: {
    moduleName: 'github.com/finops-as-code/cdk-finops-go',
    packageName: 'cdkfinops',
  },

  docgen: true,
  eslint: true,
  // One TypeScript program for every linted file (tsconfig.eslint.json below) instead of the
  // project service's one program per tsconfig (root, test, examples, scripts, bench, projenrc),
  // all held at once: measured 40 CPU s and 2.14 GB peak before, see README for after.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'build-tools'],
    fileExtensions: ['.ts', '.tsx'],
    projectService: false,
    tsconfigPath: './tsconfig.eslint.json',
  },
  jestOptions: {
    // Snapshots are compared, never rewritten, by the test command.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
      testTimeout: 60_000,
      // Two workers, each replaced when it holds more than 300 MB after a suite: every suite loads its
      // own aws-cdk-lib, and a worker that keeps what suites left behind is both heavier and slower.
      // Measured on this 2-core machine, idle, whole suite with coverage: 136 s and 1,853 MiB peak for
      // the tree, against 264 s and 1,632 MiB with one worker replaced past 500 MB, and 2,348 MiB with
      // two replaced past 500 MB (see README).
      maxWorkers: 2,
      workerIdleMemoryLimit: '300MB',
      // aws-cdk-lib's built-in template validation is off in unit tests, on for the example app and
      // the integration snapshots: see the file.
      setupFilesAfterEnv: ['<rootDir>/test/support/builtin-validation.ts'],
    },
  },
  githubOptions: { mergify: false, pullRequestLint: false },
  buildWorkflow: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  gitignore: ['cdk.out/', '.finops-example/', '*.tsbuildinfo'],
  // The package holds the compiled library, its bundled handlers and the jsii assembly and tablet.
  npmIgnoreOptions: { ignorePatterns: ['/examples/', 'cdk.out/', '/.ci/', '/docs/', '/bench/', '/scripts/', '/rosetta/'] },
});

// `build` packages JavaScript only: the other languages' packaging needs PyPI, Maven, NuGet and Go
// toolchains that this workplace cannot reach (`npx projen package-all` runs them where they exist).
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// Handlers run from their bundles in assets/; their compiled entry points and the runtime they
// import would `require` SDK clients that are build-time dependencies, so the package leaves them out
// (after the `!/lib/**/*.js` re-include above them in .npmignore).
for (const handlerOutput of ['/lib/**/*.lambda.js', '/lib/**/*.lambda.d.ts', '/lib/runtime/']) {
  project.addPackageIgnore(handlerOutput);
}

// Handler code and the runtime it calls are bundled at build time, so they may import dev dependencies.
project.eslint?.allowDevDeps('src/runtime/**');

// The example app is type-checked and linted alongside the library.
project.eslint?.addLintPattern('examples');
new JsonFile(project, 'examples/tsconfig.json', {
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});

// The README's main command: synthesize the example FinOps app and print its review.
// The handlers are bundled first: assets/ is generated, so a fresh clone has none.
project.addTask('example', {
  description: 'Bundle the handlers, synthesize the example FinOps app into cdk.out/ and print its review',
  steps: [
    { spawn: 'bundle' },
    { exec: 'ts-node --project examples/tsconfig.json examples/finops-app.ts' },
  ],
});

// projen silences jsii's reserved-word warnings; they are kept so that a public name that is a
// keyword in Python, Java, C# or Go (rendered `and_` in Python, a syntax error in translated
// examples) shows at compile. Only the deprecated old names (CostFilter.and/or/not,
// AnomalyThreshold.and/or, BudgetLimit.fixed, SplitChargeRule.fixed) warn until they are removed.
project.compileTask.reset('jsii');
// The compiled barrels (lib/index.js and the area indexes) are rewritten into lazy getters, as
// aws-cdk-lib's own index: requiring the package loads no construct until one is used (the bench's
// library load). Every export stays reachable by name, from CommonJS, ES modules and jsii's runtime.
const lazyExportsTask = project.addTask('compile:lazy-exports', {
  description: 'Rewrite the compiled barrels of lib/ into lazy getters (run after jsii)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/lazy-exports.ts',
});
project.compileTask.spawn(lazyExportsTask);

// The examples of README.md and of every type's docs compile, in strict mode, as jsii-rosetta
// translates them for the other languages (the fixture, rosetta/default.ts-fixture, is written from the
// assembly first, so that it imports every public type).
project.postCompileTask.exec('ts-node --project scripts/tsconfig.json scripts/rosetta-fixture.ts .jsii rosetta/default.ts-fixture');
// --batch compiles all the snippets in one TypeScript program (each still its own module, each error
// still reported and fatal) instead of one program per snippet: measured on 44 snippets, 25 CPU s
// and 1.25 GB peak instead of 70 CPU s and 2.8 GB, with an identical tablet.
project.postCompileTask.exec('jsii-rosetta extract --strict --compile --fail --batch 100 .jsii');
// jsii-rosetta repeats a struct's name in a Python import once per literal of it; see the script.
project.postCompileTask.exec('ts-node --project scripts/tsconfig.json scripts/dedupe-python-imports.ts .jsii.tabl.json');
project.gitignore.addPatterns('.jsii.tabl.json');
// A node_modules symlink (a git worktree sharing another checkout's packages) is never committed.
project.gitignore.addPatterns('/node_modules');

// Every synthesized template (the example app's in cdk.out/ and every integ snapshot) passes cfn-lint.
project.addTask('lint:templates', {
  description: 'Check the example app\'s templates (run `example` first) and every integ snapshot with cfn-lint',
  exec: 'bash scripts/lint-templates.sh',
});

// Code generation for Python, Java, .NET and Go, checked for every public type. Their packaging
// needs registries this workplace cannot reach; generating and checking their code does not.
new JsonFile(project, 'scripts/tsconfig.json', {
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});
project.eslint?.addLintPattern('scripts');
// API.md (written by the build) is the TypeScript reference; docs/API.<language>.md carry the same
// reference and the README with every example of the tablet the build extracted, translated to
// Python, Java, C# and Go. They belong with the other languages' code, not in the test command:
// 22 CPU s of the build's time for files no test reads (CI runs this after the build and fails if
// they are out of date).
const languageReferencesTask = project.addTask('docgen:languages', {
  description: 'Write docs/API.<language>.md for Python, Java, C# and Go (run after the build: reads its tablet)',
  exec: 'jsii-docgen --language python --language java --language csharp --language go --readme --output docs/API.md',
});
const codegenDir = 'dist/codegen';
project.addTask('codegen', {
  description: 'Generate the Python, Java, .NET and Go code with jsii-pacmak and check every public type is in it',
  steps: [
    { exec: `rm -rf ${codegenDir}` },
    { exec: `jsii-pacmak --code-only --outdir ${codegenDir} --target python --target java --target dotnet --target go` },
    { exec: `ts-node --project scripts/tsconfig.json scripts/verify-codegen.ts ${codegenDir}` },
    { spawn: languageReferencesTask.name },
  ],
});

// Integration tests are integ-runner apps (test/integ/integ.*.ts) whose snapshots are committed and
// compared on every test run (test/integ/integ-snapshots.test.ts). integ-runner itself cannot read
// this aws-cdk-lib's cloud assemblies yet (see README "Integration tests"), so snapshots are
// written by this task, in integ-runner's layout and with its synth context.
project.addTask('integ:snapshot', {
  description: 'Rewrite the integration test snapshots (optionally only the given integ.<name>.ts files)',
  receiveArgs: true,
  exec: 'ts-node --project scripts/tsconfig.json scripts/integ-snapshot.ts',
});

// Speed and size figures are measured by a benchmark that prints `name value unit` lines, never by
// timed assertions in tests.
project.eslint?.addLintPattern('bench');
new JsonFile(project, 'bench/tsconfig.json', {
  obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
});
// It measures what the package ships: the handlers bundled and the library compiled first.
project.addTask('bench', {
  description: 'Bundle and compile, then measure library load, synth, handler cold starts and runtime throughput against their yardsticks; prints `name value unit` lines',
  steps: [
    { spawn: 'bundle' },
    { spawn: 'compile' },
    { exec: 'ts-node --project bench/tsconfig.json bench/run.ts' },
  ],
});
// Organization scale, simulated: no build needed, it runs the sources and bundles its own child.
project.addTask('bench:organization', {
  description: 'Simulate one organization-wide storage run over 5,000 accounts x 4 Regions; prints Cost Explorer requests, state transitions, the largest state payload and the merge time and memory as `name value unit` lines',
  exec: 'ts-node --project bench/tsconfig.json bench/organization-run.ts',
});

// eslint's type-aware rules read two TypeScript programs, each in its own eslint run so that only one
// is in memory at a time (with aws-cdk-lib's types each holds about 1.1 GB): the tests, and everything
// else linted. The project service held one program per tsconfig at once: 2.14 GB, over the 2 GB goal.
const testsLintPattern = 'test';
new JsonFile(project, 'tsconfig.eslint.json', {
  obj: {
    extends: './test/tsconfig.json',
    include: ['src', 'examples', 'scripts', 'bench', 'projenrc'].map((dir) => `${dir}/**/*.ts`).concat('.projenrc.ts'),
  },
});
// EslintOverride does not declare parserOptions; eslint reads it in an override all the same.
project.eslint!.addOverride({ files: [`${testsLintPattern}/**/*.ts`], parserOptions: { project: `./${testsLintPattern}/tsconfig.json` } } as javascript.EslintOverride);
// The task is rewritten last: projen rewrites it whenever a lint pattern is added, up to its own preSynthesize.
class TwoProgramLintTask extends Component {
  public preSynthesize(): void {
    const eslint = project.eslint!;
    const [lintStep] = eslint.eslintTask.steps;
    const lintArgs = lintStep.execArgs!.filter((arg) => !eslint.lintPatterns.includes(arg));
    eslint.eslintTask.reset();
    eslint.eslintTask.execArgs([...lintArgs, ...eslint.lintPatterns.filter((pattern) => pattern !== testsLintPattern)], { receiveArgs: true });
    eslint.eslintTask.execArgs([...lintArgs, testsLintPattern], { receiveArgs: true });
  }
}
new TwoProgramLintTask(project);

project.synth();

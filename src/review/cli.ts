#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { AssemblyChangeReview, AssemblyReview, reviewCloudAssembly, reviewCloudAssemblyChanges } from './model';
import { UnusableInputError } from './template';

const USAGE = `Usage: finops-review [<cloud assembly dir> | <template file>] [--base <cloud assembly dir> | <template file>] [--format markdown|json] [--required-tag <key>]... [--fail-on-error]

Reads a synthesized cloud assembly (default: cdk.out), or one CloudFormation template file in JSON or
YAML, and prints a FinOps review for a pull request: every budget, notification, action, anomaly
monitor and subscription, cost category, report and optimizer, then the findings of the FinOps rule
pack (FinOpsChecks) and of the template rules over every resource. What it cannot read in a template
CloudFormation takes is named in the review, one line each, and the review goes on.

  --base <dir>             the cloud assembly of the base branch: print only what changed (budgets, alerts,
                           subscribers, actions, anomaly monitors and thresholds, cost categories, reports,
                           optimizer schedules) by construct path, with the change in estimated monthly
                           Cost Explorer API spend, then the findings
  --format markdown|json   Markdown for people (default), JSON for tools
  --required-tag <key>     a cost allocation tag key every taggable resource must carry (repeatable)
  --fail-on-error          exit with status 1 when a finding of severity error is not acknowledged
  --help                   print this help

Exit status:
  0  reviewed (findings, if any, are in the review)
  1  --fail-on-error and at least one finding of severity error is not acknowledged
  2  unusable input or bad usage: no manifest.json, a manifest or template that is not valid JSON (or YAML) or not
     shaped as one, an assembly without stacks, a template CloudFormation would refuse; one line on stderr
  3  internal error of finops-review (please report it); one line on stderr
`;

/** The exit statuses, as the usage documents them. */
export const EXIT_STATUS = { reviewed: 0, unacknowledgedErrors: 1, unusableInput: 2, internalError: 3 } as const;

/** Where the command writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

interface CliOptions {
  readonly assemblyDir: string;
  readonly baseDir?: string;
  readonly format: 'markdown' | 'json';
  readonly requiredTagKeys: string[];
  readonly failOnError: boolean;
}

/** Runs the command; returns the exit status (see EXIT_STATUS). Problems are one line on stderr, never a stack trace. */
export function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): number {
  let options: CliOptions | 'help';
  try {
    options = parseArguments(argv);
  } catch (error) {
    output.stderr(`finops-review: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_STATUS.unusableInput;
  }
  if (options === 'help') {
    output.stdout(USAGE);
    return EXIT_STATUS.reviewed;
  }
  for (const [dir, hint] of [[options.assemblyDir, 'run "cdk synth" first or pass its output directory'], [options.baseDir, 'synthesize the base branch into it']]) {
    if (dir !== undefined && !isTemplateFile(dir) && !fs.existsSync(path.join(dir, 'manifest.json'))) {
      output.stderr(`finops-review: ${dir} is not a cloud assembly (no manifest.json): ${hint}\n`);
      return EXIT_STATUS.unusableInput;
    }
  }
  let review: { markdown: string; model: AssemblyReview | AssemblyChangeReview };
  // Loading templates through aws-cdk-lib's L1s would print a warning for each deprecated property they set.
  process.env.JSII_DEPRECATED ??= 'quiet';
  try {
    const findingOptions = { requiredTagKeys: options.requiredTagKeys };
    review = options.baseDir === undefined
      ? reviewCloudAssembly(options.assemblyDir, findingOptions)
      : reviewCloudAssemblyChanges(options.baseDir, options.assemblyDir, findingOptions);
  } catch (error) {
    const unusable = error instanceof UnusableInputError;
    output.stderr(`finops-review: ${unusable ? '' : 'internal error: '}${oneLine(error)}\n`);
    return unusable ? EXIT_STATUS.unusableInput : EXIT_STATUS.internalError;
  }
  if (review.model.summary.stacks === 0) {
    output.stderr(`finops-review: ${options.assemblyDir} has no stacks: its manifest.json lists no aws:cloudformation:stack artifact\n`);
    return EXIT_STATUS.unusableInput;
  }
  output.stdout(options.format === 'json' ? `${JSON.stringify(review.model, undefined, 2)}\n` : review.markdown);
  return options.failOnError && review.model.summary.errors > 0 ? EXIT_STATUS.unacknowledgedErrors : EXIT_STATUS.reviewed;
}

function isTemplateFile(input: string): boolean {
  return fs.statSync(input, { throwIfNoEntry: false })?.isFile() ?? false;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function parseArguments(argv: readonly string[]): CliOptions | 'help' {
  const positional: string[] = [];
  const requiredTagKeys: string[] = [];
  let format: CliOptions['format'] = 'markdown';
  let failOnError = false;
  let baseDir: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) {
        throw new Error(`${argument} needs a value`);
      }
      return next;
    };
    if (argument === '--help' || argument === '-h') {
      return 'help';
    } else if (argument === '--format') {
      const requested = value();
      if (requested !== 'markdown' && requested !== 'json') {
        throw new Error(`--format ${requested} is not supported: use markdown or json`);
      }
      format = requested;
    } else if (argument === '--base') {
      baseDir = value();
    } else if (argument === '--required-tag') {
      requiredTagKeys.push(value());
    } else if (argument === '--fail-on-error') {
      failOnError = true;
    } else if (argument.startsWith('--')) {
      throw new Error(`unknown option ${argument}`);
    } else {
      positional.push(argument);
    }
  }
  if (positional.length > 1) {
    throw new Error(`one cloud assembly directory expected, got ${positional.join(' ')}`);
  }
  return { assemblyDir: positional[0] ?? 'cdk.out', baseDir, format, requiredTagKeys, failOnError };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

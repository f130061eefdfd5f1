import { Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { LAMBDA_ENVIRONMENT_MAX_BYTES } from '../../core/limits/optimization';
import { fail } from '../../core/validation';

/**
 * The bytes of an environment's names and values that are known at synth: the parts of a value
 * that resolve only at deploy (a bucket name, a named query ID) are not counted, so this is a lower
 * bound of what Lambda measures, and an environment over the limit by it is over the limit for sure.
 */
export function knownEnvironmentBytes(environment: Readonly<Record<string, string>>): number {
  return Object.entries(environment).reduce((total, [name, value]) => {
    const literals = Tokenization.reverseString(value)
      .mapTokens({ mapToken: () => '' })
      .join({ join: (left: unknown, right: unknown) => `${left}${right}` });
    return total + Buffer.byteLength(name) + Buffer.byteLength(String(literals ?? ''));
  }, 0);
}

/** Refuses at synth a function environment Lambda would refuse at deploy for its size. */
export function checkEnvironmentSize(scope: IConstruct, functionId: string, environment: Readonly<Record<string, string>>): void {
  const bytes = knownEnvironmentBytes(environment);
  if (bytes > LAMBDA_ENVIRONMENT_MAX_BYTES) {
    const largest = Object.entries(environment).sort(([, first], [, second]) => second.length - first.length)[0][0];
    fail(scope, {
      value: `${functionId} environment of at least ${bytes} bytes (largest: ${largest})`,
      rule: `a Lambda function's environment variables are at most ${LAMBDA_ENVIRONMENT_MAX_BYTES} bytes in aggregate`,
      fix: 'shorten the optimizer\'s settings: fewer breakdowns, or a filter with fewer values (a CostCategory can group many accounts)',
    });
  }
}

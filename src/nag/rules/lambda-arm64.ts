import { CfnResource } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag/lib/nag-rules';
import { LAMBDA_ARM64 } from '../../core/limits/nag';
import { FinOpsRuleDefinition, resolved } from '../private/rule';

/** Lambda functions run on arm64 (x86_64 is the default when Architectures is not set). */
export function lambdaOnArm64(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnFunction)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const architectures = resolved(node, node.architectures);
  return Array.isArray(architectures) && architectures.includes(LAMBDA_ARM64) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

export const LAMBDA_ON_ARM64: FinOpsRuleDefinition = {
  suffix: 'LambdaArm64',
  info: 'The Lambda function runs on x86_64 where arm64 would likely do.',
  explanation:
    'arm64 (Graviton2) costs about 20% less per GB-second than x86_64 for most Node.js, Python, Java and Go code. ' +
    'Fix: set architecture: lambda.Architecture.ARM_64 (and build native dependencies or container images for arm64), ' +
    'or acknowledge the warning when a dependency needs x86_64. https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html',
  level: NagMessageLevel.WARN,
  check: lambdaOnArm64,
};

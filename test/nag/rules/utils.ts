import { App, Stack } from 'aws-cdk-lib';
import { withoutBuiltinValidation } from '../../../src/core/builtin-validation';
import { FinOpsChecks, FinOpsChecksProps } from '../../../src/nag';

/** A minimal stack per case, in its own app (the cdk-nag test pattern). */
export function newStack(): Stack {
  return new Stack(new App(withoutBuiltinValidation()), 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
}

/**
 * The findings of the FinOps pack whose rule id is `ruleId` or one of its findings (`ruleId[...]`),
 * as "<rule id> <construct path>". The app is synthesized first so that tag aspects have run.
 */
export function findings(stack: Stack, ruleId: string, props?: FinOpsChecksProps): string[] {
  const app = stack.node.root as App;
  app.synth();
  const report = new FinOpsChecks(undefined, props).validateScope(app);
  return report.violations
    .filter((violation) => violation.ruleName === ruleId || violation.ruleName.startsWith(`${ruleId}[`))
    .flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`));
}

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

type ValidationPlugin = Parameters<Validations['addPlugins']>[number];

/**
 * Runs the cdk-nag packs over the app and returns the unacknowledged findings, one line each
 * ("" when there are none). cdk-nag v3 packs are policy validation plugins: synthesis fails with a
 * report when a rule is violated.
 */
export function nagFindings(app: App, packs: ValidationPlugin[]): string {
  Validations.of(app).addPlugins(...packs);
  try {
    app.synth();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The unacknowledged findings of cdk-nag's AwsSolutions pack over the app ("" when there are none). */
export function awsSolutionsFindings(app: App): string {
  return nagFindings(app, [new AwsSolutionsChecks(app)]);
}

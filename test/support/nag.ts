import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions pack over the app and returns the unacknowledged findings, one line
 * each ("" when there are none). cdk-nag v3 is a policy validation plugin: synthesis fails with a
 * report when a rule is violated.
 */
export function awsSolutionsFindings(app: App): string {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

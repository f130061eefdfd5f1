import { NestedStack, NestedStackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { templateLimitViolations } from '../../core/private/template-limits';
import { formatViolation } from '../../core/validation';

/** The aws-cdk-lib context key that makes stacks write their templates without indentation. */
export const SUPPRESS_TEMPLATE_INDENTATION_CONTEXT = '@aws-cdk/core:suppressTemplateIndentation';

/**
 * A nested stack of budgets whose rendered template is checked against CloudFormation's quotas
 * when the app synthesizes (after references between stacks have become parameters).
 */
export class BudgetsNestedStack extends NestedStack {
  constructor(scope: Construct, id: string, props: NestedStackProps, fix: string) {
    super(scope, id, props);
    this.node.addValidation({ validate: () => this.limitErrors(fix) });
  }

  private limitErrors(fix: string): string[] {
    const template = this._toCloudFormation();
    // Rendered as the CDK writes it to the cloud assembly, which is what is uploaded to S3.
    const indent = this.node.tryGetContext(SUPPRESS_TEMPLATE_INDENTATION_CONTEXT) ? undefined : 1;
    const templateBytes = Buffer.byteLength(JSON.stringify(template, undefined, indent));
    return templateLimitViolations(template, templateBytes, fix).map((violation) => formatViolation(this.node.path, violation));
  }
}

import { NestedStack, NestedStackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RenderedTemplate, templateLimitViolations } from '../../core/private/template-limits';
import { formatViolation } from '../../core/validation';

/** The aws-cdk-lib context key that makes stacks write their templates without indentation. */
export const SUPPRESS_TEMPLATE_INDENTATION_CONTEXT = '@aws-cdk/core:suppressTemplateIndentation';

/**
 * A nested stack of budgets whose rendered template is checked against CloudFormation's quotas
 * when the app synthesizes (after references between stacks have become parameters).
 */
export class BudgetsNestedStack extends NestedStack {
  private lastRenderedTemplate?: RenderedTemplate;

  constructor(scope: Construct, id: string, props: NestedStackProps, fix: string) {
    super(scope, id, props);
    this.node.addValidation({ validate: () => this.limitErrors(fix) });
  }

  /**
   * Keeps the template rendered when the app is prepared (to hash the nested stack's template
   * asset, after references have become parameters): the check reads it instead of rendering
   * thousands of budgets once more.
   */
  protected _toCloudFormation(): any {
    this.lastRenderedTemplate = super._toCloudFormation();
    return this.lastRenderedTemplate;
  }

  private limitErrors(fix: string): string[] {
    const template = this.lastRenderedTemplate ?? this._toCloudFormation();
    // Rendered as the CDK writes it to the cloud assembly, which is what is uploaded to S3.
    const indent = this.node.tryGetContext(SUPPRESS_TEMPLATE_INDENTATION_CONTEXT) ? undefined : 1;
    const templateBytes = Buffer.byteLength(JSON.stringify(template, undefined, indent));
    return templateLimitViolations(template, templateBytes, fix).map((violation) => formatViolation(this.node.path, violation));
  }
}

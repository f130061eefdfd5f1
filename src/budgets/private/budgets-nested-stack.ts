import { NestedStack, NestedStackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { templateLimitViolations } from '../../core/private/template-limits';
import { formatViolation, RuleViolation } from '../../core/validation';

/** The aws-cdk-lib context key that makes stacks write their templates without indentation. */
export const SUPPRESS_TEMPLATE_INDENTATION_CONTEXT = '@aws-cdk/core:suppressTemplateIndentation';

/**
 * A nested stack of budgets whose rendered template is checked against CloudFormation's quotas
 * when the app synthesizes (after references between stacks have become parameters).
 */
export class BudgetsNestedStack extends NestedStack {
  private lastRenderedViolations?: RuleViolation[];

  constructor(scope: Construct, id: string, props: NestedStackProps, private readonly fix: string) {
    super(scope, id, props);
    this.node.addValidation({ validate: () => this.limitErrors() });
  }

  /**
   * Checks the template each time it is rendered: the last rendering before validation is the one
   * made when the app is prepared (to hash the nested stack's template asset, after references have
   * become parameters). Only the violations are kept: keeping the rendered templates of 40 nested
   * stacks of 500 budgets until validation held hundreds of megabytes.
   */
  protected _toCloudFormation(): any {
    const template = super._toCloudFormation();
    this.lastRenderedViolations = this.violationsOf(template);
    return template;
  }

  private violationsOf(template: any): RuleViolation[] {
    // Rendered as the CDK writes it to the cloud assembly, which is what is uploaded to S3.
    const indent = this.node.tryGetContext(SUPPRESS_TEMPLATE_INDENTATION_CONTEXT) ? undefined : 1;
    const templateBytes = Buffer.byteLength(JSON.stringify(template, undefined, indent));
    return templateLimitViolations(template, templateBytes, this.fix);
  }

  private limitErrors(): string[] {
    const violations = this.lastRenderedViolations ?? this.violationsOf(this._toCloudFormation());
    return violations.map((violation) => formatViolation(this.node.path, violation));
  }
}

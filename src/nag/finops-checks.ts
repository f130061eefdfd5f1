import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
// The pack's base class from its own module: cdk-nag's index loads every rule of every pack (about
// 270 files and 55 aws-cdk-lib modules, ~0.4 s), which would load with this library even in apps
// that never register the pack. The same module is what `require('cdk-nag')` re-exports.
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { IConstruct } from 'constructs';
import { AppScan, FINOPS_PACK_NAME, RuleContext, scanApp } from './private/rule';
import { FINOPS_RULES } from './rules';

/**
 * Configuration of the FinOps rule pack.
 */
export interface FinOpsChecksProps extends NagPackProps {
  /**
   * Tag keys every taggable resource must carry (rule FinOps-CostAllocationTags), e.g. the keys
   * your cost allocation tags and cost categories are built on.
   *
   * @default - no key is required and FinOps-CostAllocationTags reports nothing
   * @see https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html
   */
  readonly requiredTagKeys?: string[];
}

/**
 * FinOps cost-governance rules over every resource of a CDK app, as a cdk-nag pack: register it
 * next to AwsSolutionsChecks, as an aws-cdk-lib policy validation plugin.
 *
 * Rules (errors unless noted; errors fail synthesis, warnings are reported; acknowledge a finding with
 * `Validations.of(scope).acknowledge({ id: 'FinOps::FinOps-<Rule>', reason })`):
 * - FinOps-CostAllocationTags[<key>]: a taggable resource lacks a required tag key.
 * - FinOps-BudgetDeclared: the app declares no AWS::Budgets::Budget (reported once, on the app's
 *   first resource; acknowledge it on the app when budgets are declared elsewhere).
 * - FinOps-BudgetNotifies: a budget has no notification with subscribers.
 * - FinOps-LogGroupRetention: a log group has no retention.
 * - FinOps-S3Lifecycle: a bucket has no enabled lifecycle rule.
 * - FinOps-EbsGp3: a gp2 EBS volume (volumes, launch templates, instances, launch configurations).
 * - FinOps-PreviousGeneration[<family>]: a previous-generation EC2 or RDS instance family.
 * - FinOps-AlwaysOnCost[<type>] (warning): a NAT gateway or other resource billed by the hour.
 * - FinOps-LambdaArm64 (warning): a Lambda function on x86_64.
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new FinOpsChecks(app, { requiredTagKeys: ['cost-center'] }));
 */
export class FinOpsChecks extends NagPack {
  public readonly name = FINOPS_PACK_NAME;
  private readonly requiredTagKeys: string[];
  private appScans = new Map<IConstruct, AppScan>();

  constructor(scope?: IConstruct, props?: FinOpsChecksProps) {
    super(scope, props);
    this.packName = FINOPS_PACK_NAME;
    this.requiredTagKeys = props?.requiredTagKeys ?? [];
  }

  /**
   * Runs the rules as a policy validation plugin. Unlike cdk-nag's own packs, only errors fail
   * synthesis: warnings (always-on costs, x86_64 functions) are reported and synthesis goes on.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = super.validate(context);
    return { ...report, success: report.violations.every((violation) => violation.severity !== 'error') };
  }

  /** Runs the rules over a construct tree directly (tests, and the finops-review command over included templates). */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.appScans = new Map();
    return super.validateScope(scope);
  }

  protected checkResource(node: CfnResource): void {
    const context: RuleContext = {
      requiredTagKeys: this.requiredTagKeys,
      appScan: (root) => this.appScanOf(root),
    };
    for (const rule of FINOPS_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.suffix,
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        node,
        rule: (resource: CfnResource) => rule.check(resource, context),
      });
    }
  }

  private appScanOf(root: IConstruct): AppScan {
    let scan = this.appScans.get(root);
    if (!scan) {
      scan = scanApp(root);
      this.appScans.set(root, scan);
    }
    return scan;
  }
}

import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CostAllocationTagsFunction } from './cost-allocation-tags-function';
import { tagKeyViolations } from './cost-category-rules';
import { jsonLogging } from '../core/private/function-logging';
import { acknowledgeRules } from '../core/private/nag';
import { failOnViolations } from '../core/validation';

/**
 * Properties of {@link CostAllocationTags}.
 */
export interface CostAllocationTagsProps {
  /**
   * The tag keys to activate as cost allocation tags, exactly as resources carry them (e.g. "team").
   *
   * A tag can only be activated once AWS billing has seen it on a resource (up to 24 hours after
   * it is first applied); until then activation fails and names the tag.
   *
   * @see https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html
   */
  readonly tagKeys: string[];

  /**
   * Deactivate the tags when this resource is deleted, and deactivate tags removed from `tagKeys`
   * on update. Off by default, because other teams' reports may rely on the tags.
   *
   * @default false
   */
  readonly deactivateOnDelete?: boolean;
}

/**
 * Activates user-defined cost allocation tags, which CloudFormation has no resource for: a custom
 * resource calls Cost Explorer `UpdateCostAllocationTagsStatus` (batches of 20 tags) on create and
 * update, and optionally deactivates on delete.
 *
 * Deploy it in the management (payer) account, where cost allocation tags are managed.
 *
 * @example
 * new CostAllocationTags(this, 'Tags', { tagKeys: ['team', 'cost-center'] });
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_UpdateCostAllocationTagsStatus.html
 */
export class CostAllocationTags extends Construct {
  /** The tag keys this resource activates. */
  public readonly tagKeys: string[];
  /** The Lambda that calls Cost Explorer. */
  public readonly handler: lambda.IFunction;

  constructor(scope: Construct, id: string, props: CostAllocationTagsProps) {
    super(scope, id);
    this.tagKeys = [...props.tagKeys];
    failOnViolations(this, tagKeyViolations(this.tagKeys));

    const handlerLogs = new logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Activates the cost allocation tags of ${this.node.path}`,
    });
    handlerLogs.grantWrite(handlerRole);
    handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ce:UpdateCostAllocationTagsStatus'], resources: ['*'] }));
    acknowledgeRules(handlerRole, [{
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'ce:UpdateCostAllocationTagsStatus supports no resource-level permissions: its only resource is "*"',
    }]);
    this.handler = new CostAllocationTagsFunction(this, 'Handler', {
      description: `Activates cost allocation tags for ${this.node.path}`,
      timeout: Duration.minutes(2),
      memorySize: 256,
      architecture: lambda.Architecture.ARM_64,
      role: handlerRole,
      ...jsonLogging(handlerLogs),
    });

    const providerLogs = new logs.LogGroup(this, 'ProviderLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const providerRole = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the custom resource provider of ${this.node.path}`,
    });
    providerLogs.grantWrite(providerRole);
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      frameworkOnEventRole: providerRole,
      logGroup: providerLogs,
    });
    // cr.Provider has no architecture setting; its framework is plain Node.js, so arm64 (cheaper) is safe.
    const frameworkFunction = provider.node.findChild('framework-onEvent').node.defaultChild as lambda.CfnFunction;
    frameworkFunction.architectures = [lambda.Architecture.ARM_64.name];
    // Nor a log format setting: its logs go to the group above in the JSON format, as the handler's do.
    frameworkFunction.addPropertyOverride('LoggingConfig.LogFormat', jsonLogging(providerLogs).loggingFormat);
    acknowledgeRules(providerRole, [{
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalIdOf(this.handler)}.Arn>:*]`,
      reason: 'The provider framework invokes the handler function and any of its versions; granted on that function only',
    }]);

    new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::CostAllocationTags',
      properties: {
        TagKeys: this.tagKeys,
        DeactivateOnDelete: String(props.deactivateOnDelete ?? false),
      },
    });
  }
}

/** The logical ID as cdk-nag names it in a finding, resolved now (it derives from the construct path). */
function logicalIdOf(fn: lambda.IFunction): string {
  const stack = Stack.of(fn);
  return stack.resolve(stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction));
}

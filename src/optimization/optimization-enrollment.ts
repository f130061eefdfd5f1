import { Aws, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeRules, acknowledgeRulesInTemplate } from '../core/private/nag';
import { fail } from '../core/validation';

/** Properties of an {@link OptimizationEnrollment}. */
export interface OptimizationEnrollmentProps {
  /**
   * Opt in to Cost Optimization Hub, the source of the rightsizing and commitments optimizers'
   * hub recommendations (it answers empty until the account is enrolled).
   *
   * @default true
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostOptimizationHub_UpdateEnrollmentStatus.html
   */
  readonly costOptimizationHub?: boolean;

  /**
   * Opt in to AWS Compute Optimizer, the source read by `Optimizer.rightsizing({ computeOptimizer: true })`.
   *
   * @default true
   * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_UpdateEnrollmentStatus.html
   */
  readonly computeOptimizer?: boolean;

  /**
   * Enroll the organization's member accounts too, and enable the services' trusted access in
   * AWS Organizations. Deploy the stack in the management account (Cost Optimization Hub also
   * accepts its delegated administrator); in a standalone account set this to false.
   *
   * @default true
   */
  readonly includeMemberAccounts?: boolean;
}

/**
 * Opts the account (and with `includeMemberAccounts`, every member account of its organization)
 * in to Cost Optimization Hub and AWS Compute Optimizer when the stack is deployed, so the
 * optimizers' sources answer without anyone enrolling by hand.
 *
 * Each enrollment is one `UpdateEnrollmentStatus` call with status `Active`, made on create and
 * on update (it is idempotent) by an aws-cdk-lib `AwsCustomResource` whose role may make exactly
 * that call, create the service's service-linked role and, for member accounts, enable the
 * service's trusted access. Deleting the stack leaves the enrollment as it is: opting out
 * deletes what the services learned ("Inactive - Opts out your account from the Compute
 * Optimizer service. Your account's recommendations and related metrics data will be deleted
 * from Compute Optimizer after you opt out.").
 *
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_UpdateEnrollmentStatus.html
 *
 * @example
 * new OptimizationEnrollment(this, 'Enrollment', { includeMemberAccounts: true });
 */
export class OptimizationEnrollment extends Construct {
  /** The Cost Optimization Hub enrollment, when enabled. */
  public readonly costOptimizationHubEnrollment?: cr.AwsCustomResource;
  /** The Compute Optimizer enrollment, when enabled. */
  public readonly computeOptimizerEnrollment?: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: OptimizationEnrollmentProps = {}) {
    super(scope, id);
    const costOptimizationHub = props.costOptimizationHub ?? true;
    const computeOptimizer = props.computeOptimizer ?? true;
    const includeMemberAccounts = props.includeMemberAccounts ?? true;
    if (!costOptimizationHub && !computeOptimizer) {
      fail(this, {
        value: { costOptimizationHub, computeOptimizer },
        rule: 'an OptimizationEnrollment enrolls in at least one service',
        fix: 'leave costOptimizationHub or computeOptimizer on, or drop the construct',
      });
    }
    if (costOptimizationHub) {
      this.costOptimizationHubEnrollment = this.enroll('CostOptimizationHub', {
        service: 'CostOptimizationHub',
        // Cost Optimization Hub's API endpoint is in us-east-1 only, whatever the stack's region.
        region: 'us-east-1',
        servicePrincipal: 'cost-optimization-hub.bcm.amazonaws.com',
        // "AllowCreationOfServiceLinkedRoleForCostOptimizationHub": the role's exact ARN, as the
        // CostOptimizationHubAdminAccess managed policy grants it.
        // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CostOptimizationHubAdminAccess.html
        serviceLinkedRoleResource: 'AWSServiceRoleForCostOptimizationHub',
        putsRolePolicy: false,
        includeMemberAccounts,
      });
    }
    if (computeOptimizer) {
      this.computeOptimizerEnrollment = this.enroll('ComputeOptimizer', {
        service: 'ComputeOptimizer',
        region: Stack.of(this).region,
        servicePrincipal: 'compute-optimizer.amazonaws.com',
        // "Policy to opt in to Compute Optimizer": iam:CreateServiceLinkedRole on
        // .../compute-optimizer.amazonaws.com/AWSServiceRoleForComputeOptimizer* and iam:PutRolePolicy on the role.
        // https://docs.aws.amazon.com/compute-optimizer/latest/ug/security-iam.html
        serviceLinkedRoleResource: 'AWSServiceRoleForComputeOptimizer*',
        putsRolePolicy: true,
        includeMemberAccounts,
      });
    }
  }

  private logGroup(): logs.ILogGroup {
    return (this.node.tryFindChild('Logs') as logs.ILogGroup | undefined)
      ?? new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
  }

  private enroll(id: string, enrollment: Enrollment): cr.AwsCustomResource {
    const call: cr.AwsSdkCall = {
      service: enrollment.service,
      action: 'UpdateEnrollmentStatus',
      parameters: { status: 'Active', includeMemberAccounts: enrollment.includeMemberAccounts },
      region: enrollment.region,
      physicalResourceId: cr.PhysicalResourceId.of(`${enrollment.service}-enrollment`),
    };
    const resource = new cr.AwsCustomResource(this, id, {
      onCreate: call,
      onUpdate: call,
      // aws-cdk-lib's shared function logs here (when this is the stack's first AwsCustomResource),
      // not in a log group kept forever.
      logGroup: this.logGroup(),
      policy: cr.AwsCustomResourcePolicy.fromStatements(enrollmentStatements(enrollment)),
      // The call is in the SDK the Lambda runtime ships; nothing is downloaded at deploy time.
      installLatestAwsSdk: false,
    });
    const reason = `${enrollment.service} UpdateEnrollmentStatus, organizations:EnableAWSServiceAccess and organizations:DescribeOrganization `
      + 'have no resource-level permissions; the service-linked role is named by its documented path, the trusted access limited '
      + 'by the organizations:ServicePrincipal condition';
    acknowledgeRules(resource, [
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/aws-service-role/${enrollment.servicePrincipal}/`
          + `${enrollment.serviceLinkedRoleResource}]`,
        reason: `${enrollment.service} names its service-linked role AWSServiceRoleFor${enrollment.service} (and suffixed variants), as its documentation's opt-in policy grants`,
      },
    ]);
    acknowledgeSingletonFunction(this);
    return resource;
  }
}

interface Enrollment {
  /** The SDK v3 client name, as AwsCustomResource takes it. */
  readonly service: string;
  readonly region: string;
  readonly servicePrincipal: string;
  /** The service-linked role's name (with `*` where the documentation grants variants). */
  readonly serviceLinkedRoleResource: string;
  readonly putsRolePolicy: boolean;
  readonly includeMemberAccounts: boolean;
}

function enrollmentStatements(enrollment: Enrollment): iam.PolicyStatement[] {
  const iamPrefix = enrollment.service === 'CostOptimizationHub' ? 'cost-optimization-hub' : 'compute-optimizer';
  const rolePath = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/${enrollment.servicePrincipal}`;
  const statements = [
    new iam.PolicyStatement({ actions: [`${iamPrefix}:UpdateEnrollmentStatus`], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [`${rolePath}/${enrollment.serviceLinkedRoleResource}`],
      conditions: { StringLike: { 'iam:AWSServiceName': enrollment.servicePrincipal } },
    }),
  ];
  if (enrollment.putsRolePolicy) {
    statements.push(new iam.PolicyStatement({ actions: ['iam:PutRolePolicy'], resources: [`${rolePath}/AWSServiceRoleFor${enrollment.service}`] }));
  }
  if (enrollment.includeMemberAccounts) {
    // Enrolling member accounts turns on the service's trusted access: "Trusted access for Compute
    // Optimizer is automatically enabled in your organization account when you opt in using your
    // organization's management account and include all member accounts within the organization."
    // https://docs.aws.amazon.com/compute-optimizer/latest/ug/security-iam.html
    statements.push(new iam.PolicyStatement({
      actions: ['organizations:EnableAWSServiceAccess'],
      resources: ['*'],
      conditions: { StringLike: { 'organizations:ServicePrincipal': [enrollment.servicePrincipal] } },
    }));
    statements.push(new iam.PolicyStatement({ actions: ['organizations:DescribeOrganization'], resources: ['*'] }));
  }
  return statements;
}

/** The logical id aws-cdk-lib gives the one function behind every AwsCustomResource of a stack. */
const AWS_CUSTOM_RESOURCE_FUNCTION_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

function acknowledgeSingletonFunction(scope: Construct): void {
  const singleton = Stack.of(scope).node.tryFindChild(AWS_CUSTOM_RESOURCE_FUNCTION_ID);
  if (singleton === undefined) return;
  acknowledgeRules(singleton, [
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'aws-cdk-lib\'s AwsCustomResource function writes its logs with the basic execution role; its calls are granted by the policies next to each custom resource',
    },
    {
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'The runtime of aws-cdk-lib\'s AwsCustomResource function is chosen by aws-cdk-lib and moves with it',
    },
  ]);
  acknowledgeRulesInTemplate(singleton.node.defaultChild as CfnResource, [{
    id: 'FinOps::FinOps-LambdaArm64',
    reason: 'aws-cdk-lib\'s AwsCustomResource function has no architecture setting; it runs for seconds at deploy time only',
  }]);
}

import { ReviewFinding } from './findings';
import { UncheckedResource } from './include';
import { readable, SynthesizedStack, TemplateResource } from './template';
import { PREVIOUS_GENERATION_EC2_FAMILIES, PREVIOUS_GENERATION_RDS_CLASSES } from '../core/limits/nag';

/**
 * Rules the review applies to the template itself, besides the FinOps rule pack: what only a whole template
 * shows (a function and the log group named after it, a parameter and its default, a nested stack whose
 * template is not there), and services billed by the hour that the pack does not cover.
 */
export function templateFindings(stack: SynthesizedStack, unchecked: readonly UncheckedResource[] = []): ReviewFinding[] {
  return [
    ...lambdaFunctionsWithoutLogRetention(stack).map((fn) => findingOf(stack, fn, LAMBDA_LOG_RETENTION)),
    ...previousGenerationDefaults(stack).map(({ resource, family, parameter, value }) => findingOf(stack, resource, {
      ...PREVIOUS_GENERATION_DEFAULT,
      ruleId: `${PREVIOUS_GENERATION_DEFAULT.ruleId}[${family}]`,
    }, `instance type from parameter ${parameter}, default ${value}`)),
    ...stack.resources.filter((resource) => resource.type in ALWAYS_ON_SERVICES).map((resource) => findingOf(stack, resource, {
      ...ALWAYS_ON_SERVICE,
      ruleId: `${ALWAYS_ON_SERVICE.ruleId}[${resource.type}]`,
      message: `${ALWAYS_ON_SERVICES[resource.type]}, used or not.`,
    })),
    ...unreadNestedStacks(stack).map((nested) => findingOf(stack, nested, NESTED_STACK_UNREAD)),
    ...unreadMemberTemplates(stack).map((stackSet) => findingOf(stack, stackSet, STACK_SET_TEMPLATE_UNREAD)),
    ...unchecked.map(({ resource, reason }) => findingOf(stack, resource, RULES_NOT_CHECKED, reason)),
  ];
}

interface TemplateRule {
  readonly ruleId: string;
  readonly severity: ReviewFinding['severity'];
  readonly message: string;
  readonly fix: string;
}

/**
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html: "These logs are, by default,
 * stored in a log group named /aws/lambda/<function-name>." — and, as awslabs' serverless-rules puts it
 * (https://awslabs.github.io/serverless-rules/rules/lambda/log_retention): "By default, CloudWatch log groups
 * created by Lambda functions have an unlimited retention time."
 */
const LAMBDA_LOG_RETENTION: TemplateRule = {
  ruleId: 'FinOps-LambdaLogRetention',
  severity: 'error',
  message: 'The Lambda function has no log group with retention in its template: the log group Lambda creates keeps its logs forever.',
  fix: 'Log storage is billed per GB-month and only grows. Fix: give the function a log group with retention (lambda.Function logGroup, ' +
    'an AWS::Logs::LogGroup named /aws/lambda/<function name> with RetentionInDays, or LoggingConfig.LogGroup). ' +
    'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html',
};

const PREVIOUS_GENERATION_DEFAULT: TemplateRule = {
  ruleId: 'FinOps-PreviousGeneration',
  severity: 'error',
  message: 'The instance type is a parameter whose default is a previous-generation EC2 or RDS instance family.',
  fix: 'Whoever deploys without choosing gets the default. Newer generations cost less for the same capacity. Fix: make the default ' +
    'a current-generation type (t2 → t3/t4g, m4 → m5/m7g, m3 → m5, db.m4 → db.m6g). https://aws.amazon.com/ec2/previous-generation/',
};

const ALWAYS_ON_SERVICE: TemplateRule = {
  ruleId: 'FinOps-AlwaysOnCost',
  severity: 'warning',
  message: '',
  fix: 'Make the cost a decision: size it for its load, share one where you can, delete what only a test needs, or acknowledge ' +
    'the warning with the reason it must run.',
};

/**
 * Services billed for every hour they exist, whatever their traffic, which FinOps-AlwaysOnCost of the rule
 * pack does not list. What the pricing says:
 * - SageMaker: https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-delete-resources.md "Delete endpoints to stop incurring charges."
 * - EKS: the AWS Containers blog post "Amazon EKS extended support for Kubernetes versions pricing", read in a mirrored copy at
 *   http://aws.haqm.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing (not on aws.amazon.com itself):
 *   "Pricing for clusters running Kubernetes versions in standard support is unchanged — you will continue to pay $0.10 per cluster per hour."
 * - Load balancers: https://handbook.vantage.sh/aws/services/elb-pricing "Every type of load balancer has a standard per hour rate and is
 *   always billed for a full hour."
 * - OpenSearch domains and ElastiCache clusters run instances (nodes): their pricing pages (https://aws.amazon.com/opensearch-service/pricing/,
 *   https://aws.amazon.com/elasticache/pricing/) are linked, not quoted: they were not read for this rule.
 */
const ALWAYS_ON_SERVICES: Readonly<Record<string, string>> = {
  'AWS::SageMaker::Endpoint': 'A SageMaker endpoint bills its instances every hour it is in service',
  'AWS::OpenSearchService::Domain': 'An OpenSearch domain bills its instances and storage every hour',
  'AWS::Elasticsearch::Domain': 'An Elasticsearch domain bills its instances and storage every hour',
  'AWS::ElastiCache::CacheCluster': 'An ElastiCache cluster bills its nodes every hour',
  'AWS::ElastiCache::ReplicationGroup': 'An ElastiCache replication group bills its nodes every hour',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'A load balancer bills every hour it exists',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'A Classic Load Balancer bills every hour it exists',
  'AWS::EKS::Cluster': 'An EKS cluster bills its control plane every hour',
};

const NESTED_STACK_UNREAD: TemplateRule = {
  ruleId: 'FinOps-NestedStackUnread',
  severity: 'warning',
  message: 'The nested stack\'s template is not in what was reviewed: what it deploys was not checked.',
  fix: 'Review the assembly that holds the nested template (cdk synth writes it next to its parent), or review that template on its own.',
};

const STACK_SET_TEMPLATE_UNREAD: TemplateRule = {
  ruleId: 'FinOps-StackSetTemplateUnread',
  severity: 'warning',
  message: 'The StackSet\'s member template is not in what was reviewed: what it deploys into member accounts was not checked.',
  fix: 'Review the assembly that holds the member template (a template synthesized by the app is written next to its stack), or review that template on its own.',
};

const RULES_NOT_CHECKED: TemplateRule = {
  ruleId: 'FinOps-RulesNotChecked',
  severity: 'warning',
  message: 'The FinOps rules could not check this resource: aws-cdk-lib\'s cloudformation-include could not load it.',
  fix: 'Check the resource by hand, or report the template shape to finops-review.',
};

function findingOf(stack: SynthesizedStack, resource: TemplateResource, rule: TemplateRule, detail?: string): ReviewFinding {
  const acknowledgedBecause = acknowledgementIn(resource.metadata, rule.ruleId);
  return {
    ruleId: rule.ruleId,
    severity: rule.severity,
    stackName: stack.stackName,
    logicalId: resource.logicalId,
    path: resource.path,
    resourceType: resource.type,
    ...(resource.condition !== undefined ? { condition: resource.condition } : {}),
    message: rule.message,
    ...(detail !== undefined ? { detail } : {}),
    fix: rule.fix,
    ...(acknowledgedBecause !== undefined ? { acknowledgedBecause } : {}),
  };
}

/** The reason of a `cdk_nag: { rules_to_suppress: [{ id, reason }] }` metadata entry for the rule, ids with or without the "FinOps::" prefix. */
export function acknowledgementIn(metadata: Record<string, any> | undefined, ruleId: string): string | undefined {
  const suppressions: unknown = metadata?.cdk_nag?.rules_to_suppress;
  const acknowledges = (entry: any) => {
    const id = typeof entry?.id === 'string' ? entry.id.replace(/^[\w-]+::/, '') : undefined;
    return id === ruleId || id === ruleId.replace(/\[.*\]$/, '');
  };
  return Array.isArray(suppressions) ? suppressions.find(acknowledges)?.reason : undefined;
}

const LAMBDA_FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

/**
 * Functions whose log group the template does not give a retention: no LoggingConfig.LogGroup, and no
 * AWS::Logs::LogGroup or Custom::LogRetention (CDK's logRetention) with RetentionInDays named
 * /aws/lambda/<the function's name>, however the name is written (Sub, Join, or the FunctionName itself).
 */
function lambdaFunctionsWithoutLogRetention(stack: SynthesizedStack): TemplateResource[] {
  const retainedNames = stack.resources
    .filter((resource) => ['AWS::Logs::LogGroup', 'Custom::LogRetention'].includes(resource.type) && resource.properties.RetentionInDays !== undefined)
    .map((resource) => readable(resource.properties.LogGroupName));
  return stack.resources
    .filter((resource) => LAMBDA_FUNCTION_TYPES.includes(resource.type) && resource.properties.LoggingConfig?.LogGroup === undefined)
    .filter((fn) => {
      const names = [`/aws/lambda/<${fn.logicalId}>`, ...(fn.properties.FunctionName !== undefined ? [`/aws/lambda/${readable(fn.properties.FunctionName)}`] : [])];
      return !names.some((name) => retainedNames.includes(name));
    });
}

/** Properties that hold an EC2 instance type or an RDS instance class. */
const INSTANCE_TYPE_PROPERTIES: Readonly<Record<string, { family: (value: string) => string; previous: readonly string[] }>> = {
  InstanceType: { family: (value) => value.split('.')[0], previous: PREVIOUS_GENERATION_EC2_FAMILIES },
  DBInstanceClass: { family: (value) => value.split('.').slice(0, 2).join('.'), previous: PREVIOUS_GENERATION_RDS_CLASSES },
};

/** Instance types given as { Ref: Parameter } whose parameter defaults to a previous-generation family, at any depth of the properties. */
function previousGenerationDefaults(stack: SynthesizedStack): { resource: TemplateResource; family: string; parameter: string; value: string }[] {
  const parameters: Record<string, any> = stack.template?.Parameters ?? {};
  return stack.resources.flatMap((resource) => {
    const found: { resource: TemplateResource; family: string; parameter: string; value: string }[] = [];
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) {
        return;
      }
      for (const [key, inner] of Object.entries(value)) {
        const judged = INSTANCE_TYPE_PROPERTIES[key];
        const parameter = (inner as any)?.Ref;
        const defaultValue = parameters[parameter]?.Default;
        if (judged && typeof defaultValue === 'string' && judged.previous.includes(judged.family(defaultValue))) {
          found.push({ resource, family: judged.family(defaultValue), parameter, value: defaultValue });
        }
        visit(inner);
      }
    };
    visit(resource.properties);
    return found;
  });
}

/** Nested stacks (AWS::CloudFormation::Stack, SAM's AWS::Serverless::Application) whose template was not read as a stack of its own. */
function unreadNestedStacks(stack: SynthesizedStack): TemplateResource[] {
  return stack.resources.filter((resource) =>
    ['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'].includes(resource.type) && !(stack.nestedStacksRead ?? []).includes(resource.logicalId));
}

/** StackSets (AWS::CloudFormation::StackSet) whose member template was not read as a stack of its own. */
export function unreadMemberTemplates(stack: SynthesizedStack): TemplateResource[] {
  return stack.resources.filter((resource) => resource.type === 'AWS::CloudFormation::StackSet' && !(resource.logicalId in (stack.memberTemplates ?? {})));
}

/**
 * Resource types AWS does not bill for: asking them for cost allocation tags only adds noise, as their cost
 * is nil or lands on the resources that use them (instances in a subnet, functions with a role).
 */
export const UNBILLED_RESOURCE_TYPES: readonly string[] = [
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::InstanceProfile', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::OIDCProvider', 'AWS::IAM::SAMLProvider', 'AWS::IAM::ServiceLinkedRole',
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation', 'AWS::EC2::DHCPOptions', 'AWS::EC2::VPCDHCPOptionsAssociation', 'AWS::EC2::LaunchTemplate',
  'AWS::EC2::PlacementGroup', 'AWS::EC2::KeyPair', 'AWS::EC2::PrefixList',
  'AWS::Logs::SubscriptionFilter', 'AWS::Logs::MetricFilter', 'AWS::Logs::ResourcePolicy',
  'AWS::Lambda::Permission', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Alias', 'AWS::Lambda::Version',
  'AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy',
  'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScalingPolicy',
  'AWS::AutoScaling::LaunchConfiguration', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::RDS::DBSubnetGroup', 'AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup',
  'AWS::ElastiCache::SubnetGroup', 'AWS::ElastiCache::ParameterGroup', 'AWS::CloudFormation::WaitConditionHandle', 'AWS::CloudFormation::WaitCondition',
  'AWS::CDK::Metadata',
];

/**
 * Whether a required-tag finding (FinOps-CostAllocationTags[<key>]) stands: not when AWS does not bill the
 * resource, nor when the stack carries the key as a stack-level tag, which CloudFormation applies to the resource.
 */
export function requiredTagStands(finding: ReviewFinding, stack: SynthesizedStack): boolean {
  const key = /^FinOps-CostAllocationTags\[(.*)\]$/.exec(finding.ruleId)?.[1];
  if (key === undefined) {
    return true;
  }
  return !UNBILLED_RESOURCE_TYPES.includes(finding.resourceType) && !(key in (stack.tags ?? {}));
}

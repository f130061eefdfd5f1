/**
 * What CloudFormation would deploy from a synthesized template, for tests that run it: the
 * environment a function gets, the ARNs of its resources, a state machine's definition.
 *
 * Intrinsic functions are resolved the way CloudFormation resolves them (Ref, Fn::GetAtt,
 * Fn::Join, Fn::Sub, Fn::Select, Fn::Split, pseudo parameters), with made-up physical names
 * where CloudFormation would generate one, so a test reads what the template says instead of
 * writing the handler's environment again by hand.
 */
import { Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

export interface DeployedTemplateOptions {
  readonly account?: string;
  readonly region?: string;
  readonly stackName?: string;
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

/** Property that holds a resource's own name, when the template sets one. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
};

export class DeployedTemplate {
  /** The deployment of a stack of an app (synthesizes it). */
  static of(stack: Stack, options: DeployedTemplateOptions = {}): DeployedTemplate {
    const account = options.account ?? (Token.isUnresolved(stack.account) ? undefined : stack.account);
    const region = options.region ?? (Token.isUnresolved(stack.region) ? undefined : stack.region);
    return new DeployedTemplate(Template.fromStack(stack).toJSON(), {
      account,
      region,
      stackName: options.stackName ?? stack.stackName,
    }, stack);
  }

  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  private readonly resources: Record<string, Resource>;

  constructor(readonly template: any, options: DeployedTemplateOptions = {}, private readonly stack?: Stack) {
    this.account = options.account ?? '111122223333';
    this.region = options.region ?? 'us-east-1';
    this.stackName = options.stackName ?? 'Stack';
    this.resources = template.Resources ?? {};
  }

  /** The logical ID of a construct of the stack (its L1 resource, or the default child's). */
  logicalIdOf(construct: IConstruct): string {
    if (this.stack === undefined) throw new Error('logicalIdOf needs a DeployedTemplate made with DeployedTemplate.of(stack)');
    const resource = (construct.node.defaultChild ?? construct) as any;
    return this.stack.resolve(resource.logicalId);
  }

  /** The resource of a logical ID, or of a construct. */
  resource(target: string | IConstruct): Resource {
    const logicalId = typeof target === 'string' ? target : this.logicalIdOf(target);
    const resource = this.resources[logicalId];
    if (resource === undefined) throw new Error(`The template has no resource ${logicalId}`);
    return resource;
  }

  /** The logical IDs of every resource of a type. */
  logicalIdsOfType(type: string): string[] {
    return Object.keys(this.resources).filter((logicalId) => this.resources[logicalId].Type === type);
  }

  /** The environment variables a function is deployed with, intrinsics resolved. */
  functionEnvironment(target: string | IConstruct): Record<string, string> {
    const resource = this.resource(target);
    if (resource.Type !== 'AWS::Lambda::Function') throw new Error(`${String(target)} is a ${resource.Type}, not a function`);
    return this.resolve(resource.Properties?.Environment?.Variables ?? {});
  }

  /** A function's ARN, as `context.invokedFunctionArn` would carry it. */
  functionArn(target: string | IConstruct): string {
    return this.attribute(typeof target === 'string' ? target : this.logicalIdOf(target), 'Arn');
  }

  /** A state machine's definition (Amazon States Language), intrinsics resolved. */
  stateMachineDefinition(target: string | IConstruct): any {
    const properties = this.resource(target).Properties ?? {};
    const definition = properties.DefinitionString !== undefined ? this.resolve(properties.DefinitionString) : properties.Definition;
    return typeof definition === 'string' ? JSON.parse(definition) : this.resolve(definition);
  }

  /** Resolves every intrinsic function in a template value. */
  resolve(value: any): any {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys;
      const argument = value[key];
      switch (key) {
        case 'Ref': return this.ref(argument);
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
          return this.attribute(logicalId, attribute);
        }
        case 'Fn::Join': return (this.resolve(argument[1]) as unknown[]).join(argument[0]);
        case 'Fn::Select': return this.resolve(argument[1])[Number(this.resolve(argument[0]))];
        case 'Fn::Split': return String(this.resolve(argument[1])).split(argument[0]);
        case 'Fn::Sub': return this.sub(argument);
        default: break;
      }
      if (key.startsWith('Fn::')) throw new Error(`DeployedTemplate cannot resolve ${key}`);
    }
    return Object.fromEntries(keys.map((key) => [key, this.resolve(value[key])]));
  }

  /** What `Ref` of a logical ID or pseudo parameter returns. */
  ref(logicalId: string): string {
    switch (logicalId) {
      case 'AWS::AccountId': return this.account;
      case 'AWS::Region': return this.region;
      case 'AWS::Partition': return 'aws';
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return this.stackName;
      case 'AWS::NoValue': return undefined as unknown as string;
      default: break;
    }
    const parameter = this.template.Parameters?.[logicalId];
    if (parameter !== undefined) return parameter.Default ?? `${logicalId}-value`;
    const type = this.resource(logicalId).Type;
    switch (type) {
      case 'AWS::SNS::Topic':
      case 'AWS::StepFunctions::StateMachine':
        return this.attribute(logicalId, 'Arn');
      case 'AWS::SQS::Queue':
        return `https://sqs.${this.region}.amazonaws.com/${this.account}/${this.physicalName(logicalId)}`;
      case 'AWS::KMS::Key':
        return `${logicalId.toLowerCase().slice(0, 8).padEnd(8, '0')}-0000-4000-8000-000000000000`;
      default:
        return this.physicalName(logicalId);
    }
  }

  /** What `Fn::GetAtt` returns; ARNs are built in each service's format. */
  attribute(logicalId: string, attribute: string): string {
    const type = this.resource(logicalId).Type;
    const name = this.physicalName(logicalId);
    if (attribute === 'Name' || attribute === 'TopicName' || attribute === 'QueueName') return name;
    if (attribute !== 'Arn') return `${logicalId}.${attribute}`;
    const { account, region } = this;
    switch (type) {
      case 'AWS::Lambda::Function': return `arn:aws:lambda:${region}:${account}:function:${name}`;
      case 'AWS::SNS::Topic': return `arn:aws:sns:${region}:${account}:${name}`;
      case 'AWS::SQS::Queue': return `arn:aws:sqs:${region}:${account}:${name}`;
      case 'AWS::S3::Bucket': return `arn:aws:s3:::${name}`;
      case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
      case 'AWS::IAM::Role': return `arn:aws:iam::${account}:role/${name}`;
      case 'AWS::KMS::Key': return `arn:aws:kms:${region}:${account}:key/${this.ref(logicalId)}`;
      case 'AWS::Logs::LogGroup': return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
      default: {
        const service = type.split('::')[1].toLowerCase();
        return `arn:aws:${service}:${region}:${account}:${name}`;
      }
    }
  }

  /** The name the template gives a resource, or one like CloudFormation would generate. */
  physicalName(logicalId: string): string {
    const resource = this.resource(logicalId);
    const property = NAME_PROPERTIES[resource.Type];
    const given = property !== undefined ? resource.Properties?.[property] : undefined;
    if (given !== undefined) return String(this.resolve(given));
    const generated = `${this.stackName}-${logicalId}-ABC123DEF456`;
    return resource.Type === 'AWS::S3::Bucket' ? generated.toLowerCase().slice(0, 63) : generated;
  }

  private sub(argument: string | [string, Record<string, any>]): string {
    const [text, variables] = typeof argument === 'string' ? [argument, {}] : argument;
    return text.replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
      if (name in variables) return String(this.resolve(variables[name]));
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const [logicalId, attribute] = name.split('.');
        return this.attribute(logicalId, attribute);
      }
      return this.ref(name);
    });
  }
}

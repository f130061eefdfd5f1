import { Lazy } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ChatChannel } from './chat-channel';
import { acknowledgeRules } from '../core/private/nag';

/**
 * Properties of a {@link ChatDelivery}.
 */
export interface ChatDeliveryProps {
  /** The Slack or Microsoft Teams channel. */
  readonly channel: ChatChannel;

  /** The name of the channel configuration in AWS Chatbot, unique in the account. */
  readonly configurationName: string;

  /**
   * The topics whose messages the channel receives, e.g. a budget's `alertTopic` and
   * `escalationTopic`, a monitor's `alertTopic`, the pipeline's `alertTopic`. More can be added with `addTopic`.
   *
   * @default - none yet
   */
  readonly topics?: sns.ITopic[];

  /**
   * What AWS Chatbot logs to CloudWatch Logs about this channel's deliveries.
   *
   * @default chatbot.LoggingLevel.ERROR (failed deliveries are visible, successful ones cost nothing)
   */
  readonly loggingLevel?: chatbot.LoggingLevel;

  /**
   * The role AWS Chatbot assumes for the channel (its permissions are what channel members can do
   * through it, within the guardrails).
   *
   * @default - a role trusted by chatbot.amazonaws.com with no permissions: the channel only receives notifications
   */
  readonly role?: iam.IRole;

  /**
   * The guardrails: the most any channel member may do through AWS Chatbot, whatever the role allows.
   *
   * @default - one policy that denies every action, so the channel stays notifications-only
   * even if the role is given permissions later. Without guardrails AWS applies AdministratorAccess.
   */
  readonly guardrailPolicies?: iam.IManagedPolicy[];
}

/**
 * Delivers cost alerts to a Slack or Microsoft Teams channel through AWS Chatbot (Amazon Q
 * Developer in chat applications): budget alerts, anomaly alerts, escalations and pipeline
 * summaries, from the topics this library creates.
 *
 * The channel is notifications-only by default: its role has no permissions and its guardrail
 * denies every action. The workspace (Slack) or team and tenant (Teams) must first be authorized
 * in the AWS Chatbot console; that step has no API.
 *
 * Encrypted topics need nothing more in their key policy: AWS Chatbot reads a topic through an
 * SNS subscription, which its service-linked role makes with sns:Subscribe; the policy of that
 * role, AWSChatbotServiceLinkedRolePolicy, grants `"sns:ListSubscriptionsByTopic", "sns:ListTopics",
 * "sns:Unsubscribe", "sns:Subscribe", "sns:ListSubscriptions"` and logs actions on
 * `log-group:/aws/chatbot/*`, and no KMS action
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSChatbotServiceLinkedRolePolicy.html).
 * What the key policy must hold is the publishers' use of the key (kms:GenerateDataKey* and
 * kms:Decrypt for budgets.amazonaws.com, costalerts.amazonaws.com, cloudwatch.amazonaws.com and
 * the functions that publish), which {@link AlertTopic} and the topics' grants already give:
 * without it the publisher's message never reaches the topic, let alone the channel.
 *
 * @example
 * declare const budget: FinOpsBudget;
 * declare const pipeline: OptimizationPipeline;
 * new ChatDelivery(this, 'FinOpsChannel', {
 *   channel: ChatChannel.slack({ workspaceId: 'T0123456789', channelId: 'C0123456789' }),
 *   configurationName: 'finops-alerts',
 *   topics: [budget.alertTopic, pipeline.alertTopic],
 * });
 */
export class ChatDelivery extends Construct {
  /** The role AWS Chatbot assumes for the channel. */
  public readonly role: iam.IRole;
  /** The channel configuration's ARN. */
  public readonly configurationArn: string;

  private readonly topics: sns.ITopic[] = [];
  private readonly slackConfiguration?: chatbot.SlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: ChatDeliveryProps) {
    super(scope, id);
    this.role = props.role ?? new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      description: `Notifications-only role of the chat channel ${this.node.path}`,
    });
    const guardrailPolicies = props.guardrailPolicies ?? [this.createNotificationsOnlyGuardrail()];
    const loggingLevel = props.loggingLevel ?? chatbot.LoggingLevel.ERROR;
    const channel = props.channel._config;
    if (channel.kind === 'slack') {
      this.slackConfiguration = new chatbot.SlackChannelConfiguration(this, 'Resource', {
        slackChannelConfigurationName: props.configurationName,
        slackWorkspaceId: channel.workspaceId,
        slackChannelId: channel.channelId,
        role: this.role,
        guardrailPolicies,
        loggingLevel,
      });
      this.configurationArn = this.slackConfiguration.slackChannelConfigurationArn;
    } else {
      const teams = new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, 'Resource', {
        configurationName: props.configurationName,
        teamId: channel.teamId,
        teamsTenantId: channel.tenantId,
        teamsChannelId: channel.channelId,
        teamsChannelName: channel.channelName,
        iamRoleArn: this.role.roleArn,
        guardrailPolicies: guardrailPolicies.map((policy) => policy.managedPolicyArn),
        loggingLevel,
        snsTopicArns: Lazy.list({ produce: () => this.topics.map((topic) => topic.topicArn) }, { omitEmpty: true }),
      });
      this.configurationArn = teams.attrArn;
    }
    (props.topics ?? []).forEach((topic) => this.addTopic(topic));
  }

  /** Delivers the topic's messages to the channel too. */
  public addTopic(topic: sns.ITopic): void {
    if (this.topics.includes(topic)) {
      return;
    }
    this.topics.push(topic);
    this.slackConfiguration?.addNotificationTopic(topic);
  }

  private createNotificationsOnlyGuardrail(): iam.ManagedPolicy {
    // "The AWS managed 'AdministratorAccess' policy is applied as a default if this is not set"
    // (GuardrailPolicies, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-chatbot-slackchannelconfiguration.html,
    // as aws-cdk-lib's CfnSlackChannelConfigurationProps reproduces it): a guardrail is always set here.
    const guardrail = new iam.ManagedPolicy(this, 'NotificationsOnlyGuardrail', {
      description: `Guardrail of the chat channel ${this.node.path}: no action may be run from the channel`,
      statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] })],
    });
    acknowledgeRules(guardrail, [{
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::*]',
      reason: 'A guardrail that denies every action: the wildcard removes permissions, it grants none',
    }]);
    return guardrail;
  }
}

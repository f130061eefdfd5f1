/**
 * A Slack channel: the workspace authorized with AWS Chatbot (Amazon Q Developer in chat
 * applications) in its console, and the channel.
 */
export interface SlackChannelOptions {
  /** The ID of the Slack workspace authorized in the AWS Chatbot console, e.g. "T0123456789". */
  readonly workspaceId: string;
  /** The ID of the Slack channel, e.g. "C0123456789" (the end of the channel's link). */
  readonly channelId: string;
}

/**
 * A Microsoft Teams channel: the team and tenant authorized with AWS Chatbot (Amazon Q Developer
 * in chat applications) in its console, and the channel.
 */
export interface MicrosoftTeamsChannelOptions {
  /** The ID of the Microsoft Teams tenant authorized in the AWS Chatbot console. */
  readonly tenantId: string;
  /** The ID of the team authorized in the AWS Chatbot console. */
  readonly teamId: string;
  /** The ID of the channel, e.g. "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2". */
  readonly channelId: string;
  /**
   * The name of the channel.
   *
   * @default - none
   */
  readonly channelName?: string;
}

/**
 * The chat channel alerts are delivered to.
 */
export class ChatChannel {
  /** A Slack channel. */
  public static slack(options: SlackChannelOptions): ChatChannel {
    return new ChatChannel({ kind: 'slack', ...options });
  }

  /** A Microsoft Teams channel. */
  public static microsoftTeams(options: MicrosoftTeamsChannelOptions): ChatChannel {
    return new ChatChannel({ kind: 'teams', ...options });
  }

  private constructor(
    /** @internal */
    public readonly _config: ({ kind: 'slack' } & SlackChannelOptions) | ({ kind: 'teams' } & MicrosoftTeamsChannelOptions),
  ) {}
}

import { InvocationType, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { parseBudgetNotification } from '../runtime/budget-alerts/notification';
import { escalate, escalationSubject, parseTiers, TierConfig } from '../runtime/budget-alerts/tiers';

let sns: SNSClient | undefined;
let lambda: LambdaClient | undefined;

/**
 * Receives AWS Budgets notifications from the budget's topic, computes utilization and forwards a
 * structured escalation to the tier's topic or function. Messages that are not budget notifications
 * are logged and skipped; a failed delivery throws so that Lambda retries the event.
 */
export async function handler(event: SNSEvent): Promise<{ escalated: number; skipped: number }> {
  const tiers = parseTiers(process.env.ALERT_TIERS);
  let escalated = 0;
  for (const record of event.Records) {
    const notification = parseBudgetNotification(record.Sns.Message);
    const decision = notification ? escalate(notification, tiers) : undefined;
    if (!decision) {
      console.log(JSON.stringify({ skipped: record.Sns.MessageId, reason: notification ? 'below every tier' : 'not a budget notification' }));
      continue;
    }
    await deliver(decision.tier, JSON.stringify(decision.escalation), escalationSubject(decision.escalation));
    escalated++;
  }
  return { escalated, skipped: event.Records.length - escalated };
}

async function deliver(tier: TierConfig, message: string, subject: string): Promise<void> {
  if (tier.topicArn) {
    sns ??= new SNSClient({});
    await sns.send(
      new PublishCommand({
        TopicArn: tier.topicArn,
        Subject: subject,
        Message: message,
        MessageAttributes: { tier: { DataType: 'String', StringValue: tier.name } },
      }),
    );
  }
  if (tier.functionArn) {
    lambda ??= new LambdaClient({});
    await lambda.send(
      new InvokeCommand({ FunctionName: tier.functionArn, InvocationType: InvocationType.Event, Payload: Buffer.from(message) }),
    );
  }
}

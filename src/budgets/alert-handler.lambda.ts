import { InvocationType, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { parseBudgetNotification } from '../runtime/budget-alerts/notification';
import { readSnsEvent } from '../runtime/budget-alerts/sns-event';
import { escalate, escalationSubject, parseTiers, TierConfig } from '../runtime/budget-alerts/tiers';

let sns: SNSClient | undefined;
let lambda: LambdaClient | undefined;

/**
 * Receives AWS Budgets notifications from the budget's topic, computes utilization and forwards a
 * structured escalation to the tier's topic or function.
 *
 * Several budgets may share one topic, each with its own handler subscribed to it. AWS Budgets
 * publishes plain text without message attributes, so no subscription filter policy can tell the
 * budgets apart: each handler escalates only the notifications whose "Budget Name" is its budget
 * (BUDGET_NAME) and skips the others, which their own handlers escalate.
 *
 * Malformed input (no Records, a record without Sns, a message that is not a well-formed budget
 * notification) is logged and skipped, never escalated; a failed delivery throws so that Lambda retries the event.
 */
export async function handler(event: unknown): Promise<{ escalated: number; skipped: number }> {
  const tiers = parseTiers(process.env.ALERT_TIERS);
  const ownBudgetName = process.env.BUDGET_NAME;
  if (!ownBudgetName) {
    throw new Error('BUDGET_NAME must name the budget whose notifications this handler escalates');
  }
  const { messages, malformed } = readSnsEvent(event);
  malformed.forEach((input) => console.log(JSON.stringify({ skipped: input.recordIndex ?? 'event', reason: input.reason })));
  let escalated = 0;
  for (const { messageId, message } of messages) {
    const notification = parseBudgetNotification(message);
    const ofOwnBudget = notification?.budgetName === ownBudgetName;
    const decision = notification && ofOwnBudget ? escalate(notification, tiers) : undefined;
    if (!decision) {
      const reason = !notification ? 'not a well-formed budget notification' : !ofOwnBudget ? `a notification of budget ${notification.budgetName}, not ${ownBudgetName}` : 'below every tier';
      console.log(JSON.stringify({ skipped: messageId, reason }));
      continue;
    }
    await deliver(decision.tier, JSON.stringify(decision.escalation), escalationSubject(decision.escalation));
    escalated++;
  }
  return { escalated, skipped: messages.length + malformed.length - escalated };
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

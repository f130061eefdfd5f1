import { InvocationType, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { parseBudgetNotification } from '../runtime/budget-alerts/notification';
import { optimizerRunStart } from '../runtime/budget-alerts/optimizer-run-start';
import { readSnsEvent, SnsMessage } from '../runtime/budget-alerts/sns-event';
import { escalate, escalationSubject, OptimizerRun, optimizerRunsReached, parseTiers, TierConfig } from '../runtime/budget-alerts/tiers';

let sns: SNSClient | undefined;
let lambda: LambdaClient | undefined;
let stepFunctions: SFNClient | undefined;

/**
 * Receives AWS Budgets notifications from the budget's topic, computes utilization and forwards a
 * structured escalation to the tier's topic or function.
 *
 * Several budgets may share one topic, each with its own handler subscribed to it. AWS Budgets
 * publishes plain text without message attributes, so no subscription filter policy can tell the
 * budgets apart: each handler escalates only the notifications whose "Budget Name" is its budget
 * (BUDGET_NAME) and skips the others, which their own handlers escalate.
 *
 * A tier linked to the optimization pipeline also starts its optimizers (asynchronous invocations,
 * or executions of the organization-wide run) once utilization reaches it, for the moment SNS
 * published the notification: a redelivered notification starts the same runs, which rewrite the same reports.
 *
 * Malformed input (no Records, a record without Sns, a message that is not a well-formed budget
 * notification) is logged and skipped, never escalated; a failed delivery throws so that Lambda retries the event.
 */
export async function handler(event: unknown): Promise<{ escalated: number; skipped: number; optimizerRunsStarted: number }> {
  const tiers = parseTiers(process.env.ALERT_TIERS);
  const ownBudgetName = process.env.BUDGET_NAME;
  if (!ownBudgetName) {
    throw new Error('BUDGET_NAME must name the budget whose notifications this handler escalates');
  }
  const { messages, malformed } = readSnsEvent(event);
  malformed.forEach((input) => console.log({ skipped: input.recordIndex ?? 'event', reason: input.reason }));
  let escalated = 0;
  let optimizerRunsStarted = 0;
  for (const snsMessage of messages) {
    const { messageId, message } = snsMessage;
    const notification = parseBudgetNotification(message);
    const ofOwnBudget = notification?.budgetName === ownBudgetName;
    const decision = notification && ofOwnBudget ? escalate(notification, tiers) : undefined;
    if (!notification || !decision) {
      const reason = !notification ? 'not a well-formed budget notification' : !ofOwnBudget ? `a notification of budget ${notification.budgetName}, not ${ownBudgetName}` : 'below every tier';
      console.log({ skipped: messageId, reason });
      continue;
    }
    await deliver(decision.tier, JSON.stringify(decision.escalation), escalationSubject(decision.escalation));
    escalated++;
    for (const run of optimizerRunsReached(notification, tiers)) {
      await startOptimizer(run, snsMessage, decision.escalation);
      optimizerRunsStarted++;
    }
  }
  return { escalated, skipped: messages.length + malformed.length - escalated, optimizerRunsStarted };
}

async function startOptimizer(run: OptimizerRun, snsMessage: SnsMessage, trigger: object): Promise<void> {
  const start = optimizerRunStart(snsMessage, trigger, new Date());
  if (run.stateMachineArn) {
    stepFunctions ??= new SFNClient({});
    try {
      await stepFunctions.send(new StartExecutionCommand({
        stateMachineArn: run.stateMachineArn,
        name: start.executionName,
        input: JSON.stringify(start.input),
      }));
    } catch (error) {
      // A redelivered notification names the execution its first delivery started, with the same input:
      // "Executions with the same name and input are considered idempotent"; once that execution has
      // closed, StartExecution answers ExecutionAlreadyExists whatever the input. Either way the run exists.
      // https://docs.aws.amazon.com/botocore/latest/reference/services/stepfunctions/client/exceptions/ExecutionAlreadyExists.html
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  } else if (run.functionArn) {
    lambda ??= new LambdaClient({});
    await lambda.send(new InvokeCommand({
      FunctionName: run.functionArn,
      InvocationType: InvocationType.Event,
      Payload: Buffer.from(JSON.stringify(start.input)),
    }));
  }
  console.log({ startedOptimizer: run.kind, target: run.stateMachineArn ?? run.functionArn, notification: snsMessage.messageId });
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

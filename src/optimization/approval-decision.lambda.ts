import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { DeliveredDecision } from '../runtime/optimization-handlers/approval-tiers';
import { parseApprovalDecision } from '../runtime/optimization-handlers/decision';

const stepFunctions = new SFNClient({});

/** What the function URL answers. */
export interface DecisionResponse {
  readonly statusCode: number;
  readonly body: string;
}

/**
 * Delivers an approver's decision to the waiting workflow. Called through its function URL
 * (`AWS_IAM` auth) with a SigV4-signed POST of the token from the approval message:
 * `{ "taskToken": "...", "decision": "APPROVE" | "REJECT", "comment": "..." }`. The signer's ARN is
 * delivered with the decision; the workflow records it, and counts it or refuses it by the action's tier.
 */
export async function handler(event: unknown): Promise<DecisionResponse> {
  let decision;
  try {
    decision = parseApprovalDecision(event);
  } catch (error) {
    return { statusCode: 400, body: JSON.stringify({ error: (error as Error).message }) };
  }
  // A rejection is delivered like an approval: the workflow's tally decides whether this signer may decide at all.
  const delivered: DeliveredDecision = {
    decision: decision.approved ? 'APPROVE' : 'REJECT',
    decidedBy: decision.decidedBy,
    comment: decision.comment,
    decidedAt: new Date().toISOString(),
  };
  await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: decision.taskToken, output: JSON.stringify(delivered) }));
  return { statusCode: 200, body: JSON.stringify({ delivered: delivered.decision, decidedBy: decision.decidedBy }) };
}

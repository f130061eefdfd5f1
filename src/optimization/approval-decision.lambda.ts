import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { parseApprovalDecision, type PersonApproval } from '../runtime/optimization-handlers/decision';

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
 * recorded with the decision in the workflow's execution history and log.
 */
export async function handler(event: unknown): Promise<DecisionResponse> {
  let decision;
  try {
    decision = parseApprovalDecision(event);
  } catch (error) {
    return { statusCode: 400, body: JSON.stringify({ error: (error as Error).message }) };
  }
  const decidedAt = new Date().toISOString();
  if (decision.approved) {
    const approval: PersonApproval = { approved: true, approvedBy: decision.decidedBy, comment: decision.comment, decidedAt };
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: decision.taskToken, output: JSON.stringify(approval) }));
    return { statusCode: 200, body: JSON.stringify({ delivered: 'APPROVE', decidedBy: decision.decidedBy }) };
  }
  // The cause (at most 32,768 characters) is what the workflow's Rejected state records.
  const cause = JSON.stringify({ rejectedBy: decision.decidedBy, comment: decision.comment || 'Rejected by the approver', decidedAt });
  await stepFunctions.send(new SendTaskFailureCommand({ taskToken: decision.taskToken, error: 'Rejected', cause }));
  return { statusCode: 200, body: JSON.stringify({ delivered: 'REJECT', decidedBy: decision.decidedBy }) };
}

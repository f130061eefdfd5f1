import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { parseApprovalDecision } from '../runtime/optimization-handlers/decision';

const stepFunctions = new SFNClient({});

/**
 * Delivers an approver's decision to the waiting workflow. Invoked directly by a person with
 * lambda:InvokeFunction on it (no public URL), with the token from the approval message:
 * `{ "taskToken": "...", "decision": "APPROVE" | "REJECT", "comment": "..." }`.
 */
export async function handler(event: unknown): Promise<{ delivered: 'APPROVE' | 'REJECT' }> {
  const decision = parseApprovalDecision(event);
  if (decision.approved) {
    await stepFunctions.send(new SendTaskSuccessCommand({
      taskToken: decision.taskToken,
      output: JSON.stringify({ approved: true, comment: decision.comment }),
    }));
    return { delivered: 'APPROVE' };
  }
  await stepFunctions.send(new SendTaskFailureCommand({ taskToken: decision.taskToken, error: 'Rejected', cause: decision.comment || 'Rejected by the approver' }));
  return { delivered: 'REJECT' };
}

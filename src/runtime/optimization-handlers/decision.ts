/** What an approval decision delivered to the decision function looks like. */
export interface ApprovalDecision {
  readonly taskToken: string;
  readonly approved: boolean;
  readonly comment: string;
}

/**
 * Reads a decision event: `{ "taskToken": "...", "decision": "APPROVE" | "REJECT", "comment"?: "..." }`.
 *
 * @throws on anything else, so a typo never counts as an approval
 */
export function parseApprovalDecision(event: unknown): ApprovalDecision {
  const input = (event ?? {}) as Record<string, unknown>;
  if (typeof input.taskToken !== 'string' || input.taskToken === '') {
    throw new Error('The decision needs the taskToken from the approval message');
  }
  if (input.decision !== 'APPROVE' && input.decision !== 'REJECT') {
    throw new Error(`The decision is "APPROVE" or "REJECT"; got ${JSON.stringify(input.decision)}`);
  }
  const comment = typeof input.comment === 'string' ? input.comment.slice(0, 256) : '';
  return { taskToken: input.taskToken, approved: input.decision === 'APPROVE', comment };
}

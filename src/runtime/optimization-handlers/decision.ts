/** An approver's decision, as the decision function's URL received it. */
export interface ApprovalDecision {
  readonly taskToken: string;
  readonly approved: boolean;
  readonly comment: string;
  /** The IAM ARN that signed the request: Lambda puts it in the request context, the body cannot forge it. */
  readonly decidedBy: string;
}

/**
 * Reads a decision from a function URL request with `AWS_IAM` auth: the body is
 * `{ "taskToken": "...", "decision": "APPROVE" | "REJECT", "comment"?: "..." }`, the caller is
 * `requestContext.authorizer.iam.userArn`.
 *
 * @throws on anything else, so a typo never counts as an approval and an unsigned event never decides
 */
export function parseApprovalDecision(event: unknown): ApprovalDecision {
  const request = (event ?? {}) as { body?: unknown; isBase64Encoded?: boolean; requestContext?: { authorizer?: { iam?: { userArn?: unknown } } } };
  const decidedBy = request.requestContext?.authorizer?.iam?.userArn;
  if (typeof decidedBy !== 'string' || decidedBy === '') {
    throw new Error('The decision must come through the function URL, signed with the approver\'s IAM credentials');
  }
  const input = parseBody(request.body, request.isBase64Encoded === true);
  if (typeof input.taskToken !== 'string' || input.taskToken === '') {
    throw new Error('The decision needs the taskToken from the approval message');
  }
  if (input.decision !== 'APPROVE' && input.decision !== 'REJECT') {
    throw new Error(`The decision is "APPROVE" or "REJECT"; got ${JSON.stringify(input.decision)}`);
  }
  const comment = typeof input.comment === 'string' ? input.comment.slice(0, 256) : '';
  return { taskToken: input.taskToken, approved: input.decision === 'APPROVE', comment, decidedBy };
}

function parseBody(body: unknown, isBase64Encoded: boolean): Record<string, unknown> {
  if (typeof body !== 'string') return {};
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed as Record<string, unknown> : {};
  } catch {
    throw new Error('The decision body is not JSON');
  }
}

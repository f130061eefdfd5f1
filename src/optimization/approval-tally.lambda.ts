import type { ProtectedAction, StorageActionRequest } from '../runtime/optimization-handlers/approval';
import { approvalReport, type ApprovalReport, type RecordedItem } from '../runtime/optimization-handlers/approval-report';
import {
  openApproval, readTierRules, recordDecision, tierFor, type ApprovalState, type DeliveredDecision,
} from '../runtime/optimization-handlers/approval-tiers';

/**
 * What the state machine passes: the action, and after each decision the state so far and the new
 * decision; or, at the end of the run, the items to report.
 */
export type ApprovalTallyEvent =
  | { readonly action: StorageActionRequest; readonly approval?: ApprovalState; readonly decision?: DeliveredDecision }
  | { readonly report: ReportRequest };

/** The run's items, as the Map recorded them, and the protected resources from the execution input. */
interface ReportRequest {
  readonly runId: string;
  readonly reportLocation: string;
  readonly items: RecordedItem[];
  readonly protected?: ProtectedAction[];
}

/**
 * Keeps the count of an action's approval in the workflow. Without `approval`, it opens one in
 * the action's tier (from the environment); with a `decision`, it records it: refused when the
 * tier does not allow the signer or the signer's principal already approved, rejected at the first
 * counted rejection, approved once the tier's count of distinct principals is reached. With
 * `report`, it writes the run's report of outcomes. No AWS call.
 */
export async function handler(event: ApprovalTallyEvent): Promise<ApprovalState | ApprovalReport> {
  if ('report' in event) return approvalReport(event.report);
  if (event.approval === undefined) {
    return openApproval(tierFor(readTierRules(process.env), event.action.action, event.action.monthlySavings));
  }
  if (event.decision === undefined) throw new Error('A decision to record is missing');
  return recordDecision(event.approval, event.decision);
}

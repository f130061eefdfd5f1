import type { ProtectedAction } from './approval';
import type { ApprovalState, RecordedDecision } from './approval-tiers';
import type { ActionOutcome } from './storage-actions';

/** One Map item as the workflow records it (its RecordOutcome state). */
export interface RecordedItem {
  readonly opportunityId: string;
  /** The executor's outcome, or the workflow's own (REJECTED, TIMED_OUT, FAILED) with its reason. */
  readonly outcome: Partial<ActionOutcome> & { readonly outcome: string; readonly reason?: string };
  /** The policy marker, or the tally of decisions. */
  readonly approval: ApprovalState | string;
}

/** What the workflow publishes when a run's actions are all decided and done. */
export interface ApprovalReport {
  readonly runId: string;
  readonly reportLocation: string;
  /** How many actions ended in each outcome, protected resources included. */
  readonly counts: Record<string, number>;
  readonly actions: ReadonlyArray<{
    readonly opportunityId: string;
    readonly outcome: string;
    readonly reason?: string;
    readonly approvedBy?: string;
    readonly backupSnapshotId?: string;
    readonly modificationState?: string;
    readonly decisions: readonly RecordedDecision[];
  }>;
  /** Resources the run found protected: never sent to approval. */
  readonly protected: readonly ProtectedAction[];
}

/** The report of one run: each action's outcome with every decision recorded for it, and the protected resources. */
export function approvalReport(input: {
  runId: string;
  reportLocation: string;
  items: readonly RecordedItem[];
  protected?: readonly ProtectedAction[];
}): ApprovalReport {
  const actions = input.items.map((item) => ({
    opportunityId: item.opportunityId,
    outcome: item.outcome.outcome,
    ...(item.outcome.reason ? { reason: item.outcome.reason } : {}),
    ...(item.outcome.approvedBy ? { approvedBy: item.outcome.approvedBy } : {}),
    ...(item.outcome.backupSnapshotId ? { backupSnapshotId: item.outcome.backupSnapshotId } : {}),
    ...(item.outcome.modificationState ? { modificationState: item.outcome.modificationState } : {}),
    decisions: typeof item.approval === 'string' ? [] : item.approval.decisions,
  }));
  const protectedActions = input.protected ?? [];
  const counts: Record<string, number> = {};
  for (const outcome of [...actions.map((action) => action.outcome), ...protectedActions.map(() => 'SKIPPED_PROTECTED')]) {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return { runId: input.runId, reportLocation: input.reportLocation, counts, actions, protected: protectedActions };
}

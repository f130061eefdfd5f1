import type { Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import type { StorageActionRequest } from './approval';
import { readTierRules, tierApprovalBlocker, tierFor, type ApprovalState, type TierRule } from './approval-tiers';
import type { EbsPriceTable } from './ebs-price-source';
import {
  Decimal, ebsPricesFor, gp3EquivalentOfGp2, MANAGED_SNAPSHOT_TAG_KEYS, monthlyVolumeCost, protectedBy, type EbsRegionPrices, type ProtectedTagRule,
} from '../optimization';

const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * What the state machine passes as `approval` on its auto path: a fixed value of the definition.
 * The execution input cannot set it, and it is only a claim: the executor approves such an action
 * only when its own policy, applied to the live volume, would have.
 */
export const POLICY_APPROVAL_MARKER = 'APPROVED_BY_POLICY';

/** The pipeline's policy, as the construct gives it to the executor in its environment. */
export interface ExecutorPolicy {
  /** The function's own region: the only one whose resources it may change. */
  readonly region: string;
  /** USD/month; undefined: nothing is approved without a person. */
  readonly autoApproveBelowMonthlySavings?: string;
  readonly snapshotRetentionDays: number;
  readonly protectionTagKey: string;
  /** Tags that mark workloads never changed automatically. */
  readonly protectedTags: readonly ProtectedTagRule[];
  /** The approval tiers a person's approval is recounted against. */
  readonly tiers: readonly TierRule[];
  /** Snapshot a volume before changing it. */
  readonly snapshotBeforeModify: boolean;
  /** With an organization scope: the role the executor assumes in a member account, and the Regions it may act in there. */
  readonly member?: { readonly executorRoleName: string; readonly regions: readonly string[] };
}

/** The executor's environment variables. */
export const EXECUTOR_ENVIRONMENT = {
  autoApproveBelowMonthlySavings: 'AUTO_APPROVAL_MAX_MONTHLY_SAVINGS',
  snapshotRetentionDays: 'SNAPSHOT_RETENTION_DAYS',
  protectionTagKey: 'PROTECTION_TAG_KEY',
  protectedTags: 'PROTECTED_TAGS',
  snapshotBeforeModify: 'SNAPSHOT_BEFORE_MODIFY',
  memberExecutorRoleName: 'MEMBER_EXECUTOR_ROLE_NAME',
  organizationRegions: 'ORGANIZATION_REGIONS',
} as const;

/** Reads the policy; a missing or malformed variable is a deployment error, reported by name. */
export function readExecutorPolicy(env: Readonly<Record<string, string | undefined>>): ExecutorPolicy {
  const region = env.AWS_REGION;
  const protectionTagKey = env[EXECUTOR_ENVIRONMENT.protectionTagKey];
  const retention = Number(env[EXECUTOR_ENVIRONMENT.snapshotRetentionDays]);
  const threshold = env[EXECUTOR_ENVIRONMENT.autoApproveBelowMonthlySavings];
  if (!region) throw new Error('The environment variable AWS_REGION is not set');
  if (!protectionTagKey) throw new Error(`The environment variable ${EXECUTOR_ENVIRONMENT.protectionTagKey} is not set`);
  if (!Number.isInteger(retention) || retention < 1) {
    throw new Error(`The environment variable ${EXECUTOR_ENVIRONMENT.snapshotRetentionDays} is not a whole number of days`);
  }
  if (threshold !== undefined && threshold !== '' && !/^\d+(\.\d+)?$/.test(threshold)) {
    throw new Error(`The environment variable ${EXECUTOR_ENVIRONMENT.autoApproveBelowMonthlySavings} is not an amount`);
  }
  const memberRole = env[EXECUTOR_ENVIRONMENT.memberExecutorRoleName];
  const member = memberRole ? { executorRoleName: memberRole, regions: JSON.parse(env[EXECUTOR_ENVIRONMENT.organizationRegions] || '[]') as string[] } : undefined;
  return {
    region,
    protectionTagKey,
    protectedTags: JSON.parse(env[EXECUTOR_ENVIRONMENT.protectedTags] || '[]') as ProtectedTagRule[],
    tiers: readTierRules(env),
    snapshotBeforeModify: env[EXECUTOR_ENVIRONMENT.snapshotBeforeModify] !== 'false',
    snapshotRetentionDays: retention,
    autoApproveBelowMonthlySavings: threshold || undefined,
    member,
  };
}

/** Where an action runs: with the function's own role, or through the member executor role of its account. */
export type ExecutionPlace = { readonly inOwnAccount: true } | { readonly inOwnAccount: false; readonly accountId: string };

/** An action without an account, or in the executor's own account, runs with the function's own role. */
export function executionPlaceOf(action: StorageActionRequest, ownAccountId: string | undefined): ExecutionPlace {
  return action.accountId === undefined || action.accountId === ownAccountId
    ? { inOwnAccount: true }
    : { inOwnAccount: false, accountId: action.accountId };
}

/** How an action was approved, as the executor accepts it. */
export type Approval = { readonly by: 'POLICY' } | { readonly by: 'PEOPLE'; readonly state: ApprovalState };

/**
 * Reads the `approval` the state machine passed: the policy marker, or the tally of people's
 * decisions (each delivered by `states:SendTaskSuccess` with a task token), approved.
 *
 * @returns undefined when it is neither: nothing is done
 */
export function approvalOf(value: unknown): Approval | undefined {
  if (value === POLICY_APPROVAL_MARKER) return { by: 'POLICY' };
  const state = value as Partial<ApprovalState> | undefined;
  if (state?.status === 'APPROVED' && Array.isArray(state.decisions) && Array.isArray(state.approvedBy) && state.approvedBy.length > 0) {
    return { by: 'PEOPLE', state: state as ApprovalState };
  }
  return undefined;
}

/** Who approved, for the outcome: `policy`, or the distinct principals that approved. */
export function approversOf(approval: Approval): string {
  return approval.by === 'POLICY' ? 'policy' : approval.state.approvedBy.join(', ');
}

/** Why the action must not run in this function at all, or undefined. */
export function requestBlocker(
  action: StorageActionRequest,
  approval: Approval | undefined,
  policy: ExecutorPolicy,
  place: ExecutionPlace = { inOwnAccount: true },
): string | undefined {
  if (approval === undefined) return 'the action carries no approval';
  if (place.inOwnAccount && action.region !== policy.region) return `the action is in ${action.region}; this executor changes ${policy.region} only`;
  if (!place.inOwnAccount && policy.member === undefined) return `the action is in account ${place.accountId}; this executor changes its own account only`;
  if (!place.inOwnAccount && !policy.member!.regions.includes(action.region)) {
    return `the action is in ${action.region}; the organization scope covers ${policy.member!.regions.join(', ')} only`;
  }
  const idPattern = action.action === 'MODIFY_VOLUME_TO_GP3' ? /^vol-[0-9a-f]+$/ : /^snap-[0-9a-f]+$/;
  if (!idPattern.test(action.resourceId)) return `${JSON.stringify(action.resourceId)} is not an id of what ${action.action} changes`;
  if (approval.by === 'POLICY' && action.action !== 'MODIFY_VOLUME_TO_GP3') return 'only gp2-to-gp3 changes are ever approved by policy';
  return undefined;
}

/**
 * Why an approved gp2-to-gp3 change must not run now, or undefined when it may: the volume
 * may have changed since the run that proposed it, and a policy approval is re-decided here
 * from the live volume, never taken from the execution input.
 */
export function volumeModificationBlocker(
  volume: Volume | undefined,
  approval: Approval,
  policy: ExecutorPolicy,
  prices: EbsRegionPrices,
): string | undefined {
  if (volume === undefined) return 'the volume no longer exists';
  if (volume.VolumeType !== 'gp2') return `the volume is ${volume.VolumeType} now, not gp2`;
  if (volume.Size === undefined) return 'EC2 did not report the volume\'s size';
  const protection = protectionOf(volume.Tags, policy);
  if (protection !== undefined) return `the volume is protected (${protection})`;
  if (approval.by === 'POLICY') return policyApprovalBlocker(volume.Size, policy, prices);
  return tierApprovalBlocker(approval.state, tierFor(policy.tiers, 'MODIFY_VOLUME_TO_GP3', gp3MonthlySaving(volume.Size, prices)));
}

/** The protection tag key, or the protected tag rule, a resource carries: `finops:retain`, `environment=production`. */
export function protectionOf(tags: readonly Tag[] | undefined, policy: Pick<ExecutorPolicy, 'protectionTagKey' | 'protectedTags'>): string | undefined {
  return hasTag(tags, policy.protectionTagKey) ? policy.protectionTagKey : protectedBy(tags, policy.protectedTags);
}

/** A gp2-to-gp3 change is LOW risk; the policy approves it only when it saves less than the threshold. */
function policyApprovalBlocker(sizeGb: number, policy: ExecutorPolicy, prices: EbsRegionPrices): string | undefined {
  if (policy.autoApproveBelowMonthlySavings === undefined) return 'the pipeline approves nothing without a person';
  const saving = gp3MonthlySaving(sizeGb, prices);
  if (!saving.lessThan(policy.autoApproveBelowMonthlySavings)) {
    return `the change saves ${saving.toFixed(2)} USD/month, not less than the ${policy.autoApproveBelowMonthlySavings} the policy approves without a person`;
  }
  return undefined;
}

/**
 * The prices an action is decided and recorded at: its region's in the table the Price List (or,
 * failing it, the hand-copied table) gave, us-east-1's where the table has none; and the ledger's
 * note of where they came from.
 */
export function actionPrices(table: EbsPriceTable, region: string): { prices: EbsRegionPrices; basis: string } {
  const lookup = ebsPricesFor(region, table.table);
  return { prices: lookup.prices, basis: lookup.fallbackNote === undefined ? table.note : `${table.note}; ${lookup.fallbackNote}` };
}

/** The monthly saving of a gp2 volume's gp3 equivalent at the region's prices, as the storage optimizer prices it. */
export function gp3MonthlySaving(sizeGb: number, prices: EbsRegionPrices): Decimal {
  return monthlyVolumeCost({ volumeType: 'gp2', sizeGb }, prices)!.minus(monthlyVolumeCost(gp3EquivalentOfGp2(sizeGb), prices)!);
}

/**
 * Why an approved snapshot deletion must not run now, or undefined when it may. Checked right
 * before DeleteSnapshot: someone may have tagged the snapshot for protection since approval. The
 * age is measured to the real clock, so no input can make a young snapshot look old.
 */
export function snapshotDeletionBlocker(
  snapshot: Snapshot | undefined,
  approval: Approval,
  policy: ExecutorPolicy,
  now: Date,
  prices: EbsRegionPrices,
): string | undefined {
  if (snapshot === undefined) return 'the snapshot no longer exists';
  const protection = protectionOf(snapshot.Tags, policy);
  if (protection !== undefined) return `the snapshot is protected (${protection})`;
  const managedBy = MANAGED_SNAPSHOT_TAG_KEYS.find((key) => hasTag(snapshot.Tags, key));
  if (managedBy !== undefined) return `the snapshot is managed by another service (tag ${managedBy})`;
  if (snapshot.StartTime === undefined) return 'EC2 did not report when the snapshot was taken';
  const ageDays = (now.getTime() - snapshot.StartTime.getTime()) / MILLISECONDS_PER_DAY;
  if (ageDays <= policy.snapshotRetentionDays) {
    return `the snapshot is ${Math.floor(ageDays)} days old, within the ${policy.snapshotRetentionDays}-day retention`;
  }
  if (approval.by === 'POLICY') return 'only gp2-to-gp3 changes are ever approved by policy';
  return tierApprovalBlocker(approval.state, tierFor(policy.tiers, 'DELETE_SNAPSHOT', snapshotMonthlyCost(snapshot.VolumeSize ?? 0, prices)));
}

/** What a snapshot's deletion saves a month at the region's prices, as the storage optimizer prices it (its size: an upper bound). */
export function snapshotMonthlyCost(sizeGb: number, prices: EbsRegionPrices): Decimal {
  return new Decimal(sizeGb).times(prices.snapshotPerGbMonth);
}

function hasTag(tags: readonly Tag[] | undefined, key: string): boolean {
  return (tags ?? []).some((tag) => tag.Key === key);
}

/** What became of one action: the executor's outcome, carried through the workflow into its report. */
export interface ActionOutcome {
  readonly opportunityId: string;
  readonly resourceId: string;
  readonly change: StorageActionRequest['action'];
  /** EXECUTED: changed, not (yet) verified; VERIFIED: the volume reached gp3; FAILED: the change or its verification failed. */
  readonly outcome: 'EXECUTED' | 'VERIFIED' | 'FAILED' | 'SKIPPED_PROTECTED' | 'SKIPPED';
  readonly reason?: string;
  /** `policy`, or the principals who approved. */
  readonly approvedBy?: string;
  /** The snapshot taken before the volume was changed. */
  readonly backupSnapshotId?: string;
  /** True while the workflow should check the modification again. */
  readonly verificationPending?: boolean;
  readonly verificationAttempts?: number;
  readonly modificationState?: string;
}

/** How many times the workflow checks a modification before it reports it unverified. */
export const MAX_VERIFICATION_ATTEMPTS = 10;

/**
 * The outcome after one more look at a volume's modification (DescribeVolumesModifications):
 * verified once it is `optimizing` or `completed` toward gp3 (the new type is in effect then),
 * failed when EC2 says `failed`, still pending while `modifying`, until the attempts run out.
 */
export function verifiedOutcome(
  previous: ActionOutcome,
  modification: { ModificationState?: string; TargetVolumeType?: string; StatusMessage?: string } | undefined,
): ActionOutcome {
  const attempts = (previous.verificationAttempts ?? 0) + 1;
  const state = modification?.ModificationState;
  const base = { ...previous, verificationAttempts: attempts, modificationState: state, verificationPending: false };
  if (state === 'failed') return { ...base, outcome: 'FAILED', reason: `the modification failed: ${modification?.StatusMessage ?? 'EC2 gave no reason'}` };
  if ((state === 'optimizing' || state === 'completed') && modification?.TargetVolumeType === 'gp3') return { ...base, outcome: 'VERIFIED' };
  if (state === 'optimizing' || state === 'completed') {
    return { ...base, outcome: 'FAILED', reason: `the modification targets ${modification?.TargetVolumeType}, not gp3` };
  }
  if (attempts >= MAX_VERIFICATION_ATTEMPTS) {
    return { ...base, outcome: 'EXECUTED', reason: `the modification was still ${state ?? 'not reported'} after ${attempts} checks: not verified` };
  }
  return { ...base, verificationPending: true };
}

/** The tags of the snapshot taken before a change: they name the action, so the snapshot explains itself. */
export function backupSnapshotTags(action: StorageActionRequest, approvedBy: string): Array<{ Key: string; Value: string }> {
  return [
    { Key: 'finops:action', Value: 'backup-before-gp3' },
    { Key: 'finops:opportunity-id', Value: action.opportunityId.slice(0, 256) },
    { Key: 'finops:approved-by', Value: approvedBy.slice(0, 256) },
  ];
}

import type { Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import type { StorageActionRequest } from './approval';
import type { PersonApproval } from './decision';
import { Decimal, ebsPricesFor, gp3EquivalentOfGp2, MANAGED_SNAPSHOT_TAG_KEYS, monthlyVolumeCost } from '../optimization';

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
  /** With an organization scope: the role the executor assumes in a member account, and the Regions it may act in there. */
  readonly member?: { readonly executorRoleName: string; readonly regions: readonly string[] };
}

/** The executor's environment variables. */
export const EXECUTOR_ENVIRONMENT = {
  autoApproveBelowMonthlySavings: 'AUTO_APPROVAL_MAX_MONTHLY_SAVINGS',
  snapshotRetentionDays: 'SNAPSHOT_RETENTION_DAYS',
  protectionTagKey: 'PROTECTION_TAG_KEY',
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
  return { region, protectionTagKey, snapshotRetentionDays: retention, autoApproveBelowMonthlySavings: threshold || undefined, member };
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
export type Approval = { readonly by: 'POLICY' } | { readonly by: 'PERSON'; readonly approvedBy: string };

/**
 * Reads the `approval` the state machine passed: the policy marker, or the output of a person's
 * decision (which only `states:SendTaskSuccess` with the task token can write).
 *
 * @returns undefined when it is neither: nothing is done
 */
export function approvalOf(value: unknown): Approval | undefined {
  if (value === POLICY_APPROVAL_MARKER) return { by: 'POLICY' };
  const person = value as Partial<PersonApproval> | undefined;
  if (person?.approved === true && typeof person.approvedBy === 'string' && person.approvedBy !== '') {
    return { by: 'PERSON', approvedBy: person.approvedBy };
  }
  return undefined;
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
  region: string = policy.region,
): string | undefined {
  if (volume === undefined) return 'the volume no longer exists';
  if (volume.VolumeType !== 'gp2') return `the volume is ${volume.VolumeType} now, not gp2`;
  if (volume.Size === undefined) return 'EC2 did not report the volume\'s size';
  if (hasTag(volume.Tags, policy.protectionTagKey)) return `the volume carries the protection tag ${policy.protectionTagKey}`;
  if (approval.by === 'POLICY') return policyApprovalBlocker(volume.Size, policy, region);
  return undefined;
}

/** A gp2-to-gp3 change is LOW risk; the policy approves it only when it saves less than the threshold. */
function policyApprovalBlocker(sizeGb: number, policy: ExecutorPolicy, region: string): string | undefined {
  if (policy.autoApproveBelowMonthlySavings === undefined) return 'the pipeline approves nothing without a person';
  const saving = gp3MonthlySaving(sizeGb, region);
  if (!saving.lessThan(policy.autoApproveBelowMonthlySavings)) {
    return `the change saves ${saving.toFixed(2)} USD/month, not less than the ${policy.autoApproveBelowMonthlySavings} the policy approves without a person`;
  }
  return undefined;
}

/** The monthly saving of a gp2 volume's gp3 equivalent, priced as the storage optimizer prices it. */
export function gp3MonthlySaving(sizeGb: number, region: string): Decimal {
  const { prices } = ebsPricesFor(region);
  return monthlyVolumeCost({ volumeType: 'gp2', sizeGb }, prices)!.minus(monthlyVolumeCost(gp3EquivalentOfGp2(sizeGb), prices)!);
}

/**
 * Why an approved snapshot deletion must not run now, or undefined when it may. Checked right
 * before DeleteSnapshot: someone may have tagged the snapshot for protection since approval. The
 * age is measured to the real clock, so no input can make a young snapshot look old.
 */
export function snapshotDeletionBlocker(snapshot: Snapshot | undefined, policy: ExecutorPolicy, now: Date): string | undefined {
  if (snapshot === undefined) return 'the snapshot no longer exists';
  if (hasTag(snapshot.Tags, policy.protectionTagKey)) return `the snapshot carries the protection tag ${policy.protectionTagKey}`;
  const managedBy = MANAGED_SNAPSHOT_TAG_KEYS.find((key) => hasTag(snapshot.Tags, key));
  if (managedBy !== undefined) return `the snapshot is managed by another service (tag ${managedBy})`;
  if (snapshot.StartTime === undefined) return 'EC2 did not report when the snapshot was taken';
  const ageDays = (now.getTime() - snapshot.StartTime.getTime()) / MILLISECONDS_PER_DAY;
  if (ageDays <= policy.snapshotRetentionDays) {
    return `the snapshot is ${Math.floor(ageDays)} days old, within the ${policy.snapshotRetentionDays}-day retention`;
  }
  return undefined;
}

function hasTag(tags: readonly Tag[] | undefined, key: string): boolean {
  return (tags ?? []).some((tag) => tag.Key === key);
}

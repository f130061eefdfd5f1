import type { StorageActionKind } from './approval';
import { Decimal } from '../optimization';

/**
 * One approval tier as the construct hands it to the tally and the executor (environment
 * `APPROVAL_TIERS`, a JSON list): which actions it covers from which monthly saving, how many
 * distinct approvers they need, who may approve, and how long each wait for a decision lasts.
 */
export interface TierRule {
  readonly name: string;
  /** USD/month, inclusive. */
  readonly minMonthlySavings: string;
  readonly actions: readonly StorageActionKind[];
  readonly requiredApprovers: number;
  /** IAM user or role ARNs; empty: anyone allowed to call the decision URL. */
  readonly approvers: readonly string[];
  readonly decisionTimeoutSeconds: number;
}

/** An approver's decision as the decision function delivers it with SendTaskSuccess. */
export interface DeliveredDecision {
  readonly decision: 'APPROVE' | 'REJECT';
  /** The ARN that signed the request. */
  readonly decidedBy: string;
  readonly comment: string;
  readonly decidedAt: string;
}

/** A decision as the workflow records it: counted toward the tier, or refused and why. */
export interface RecordedDecision extends DeliveredDecision {
  /** The IAM principal the signer acts as: a role session counts as its role. */
  readonly principal: string;
  readonly counted: boolean;
  readonly refusal?: string;
}

/** Where an action's approval stands: the tally's output, carried by the state machine between decisions. */
export interface ApprovalState {
  readonly tier: TierRule;
  readonly status: 'PENDING' | 'APPROVED' | 'REJECTED';
  readonly decisions: readonly RecordedDecision[];
  /** The distinct principals whose approvals counted. */
  readonly approvedBy: readonly string[];
  readonly reason?: string;
}

/** Refused decisions an action accepts before it is rejected: a loop of refused decisions must end. */
export const MAX_REFUSED_DECISIONS = 5;

/** The tiers' environment variable of the tally and executor functions. */
export const APPROVAL_TIERS_ENVIRONMENT = 'APPROVAL_TIERS';

/** Reads the tiers; missing or malformed is a deployment error, reported by name. */
export function readTierRules(env: Readonly<Record<string, string | undefined>>): TierRule[] {
  const text = env[APPROVAL_TIERS_ENVIRONMENT];
  if (!text) throw new Error(`The environment variable ${APPROVAL_TIERS_ENVIRONMENT} is not set`);
  const tiers = JSON.parse(text) as TierRule[];
  if (!Array.isArray(tiers) || tiers.some((tier) => !(tier.requiredApprovers >= 1) || !Array.isArray(tier.actions))) {
    throw new Error(`The environment variable ${APPROVAL_TIERS_ENVIRONMENT} is not a list of tiers`);
  }
  return tiers;
}

/**
 * The tier of an action: of the tiers covering its kind whose minimum it reaches, the one with the
 * highest minimum. Undefined when none covers it (the construct's rules make every action covered).
 */
export function tierFor(tiers: readonly TierRule[], kind: StorageActionKind, monthlySavings: string | Decimal): TierRule | undefined {
  const saving = new Decimal(monthlySavings);
  return tiers
    .filter((tier) => tier.actions.includes(kind) && saving.greaterThanOrEqualTo(tier.minMonthlySavings))
    .reduce<TierRule | undefined>(
      (best, tier) => (best === undefined || new Decimal(tier.minMonthlySavings).greaterThan(best.minMonthlySavings) ? tier : best),
      undefined,
    );
}

/** An action waiting for its first decision; an action no tier covers is rejected at once. */
export function openApproval(tier: TierRule | undefined): ApprovalState {
  if (tier === undefined) {
    return { tier: NO_TIER, status: 'REJECTED', decisions: [], approvedBy: [], reason: 'no approval tier covers this action' };
  }
  return { tier, status: 'PENDING', decisions: [], approvedBy: [] };
}

const NO_TIER: TierRule = { name: 'none', minMonthlySavings: '0', actions: [], requiredApprovers: 1, approvers: [], decisionTimeoutSeconds: 1 };

/**
 * Records one decision. Refused (recorded, not counted): a signer the tier does not allow, a
 * second decision by a principal that already approved. The first counted rejection rejects the
 * action; it is approved once the tier's count of distinct principals approved.
 */
export function recordDecision(state: ApprovalState, delivered: DeliveredDecision): ApprovalState {
  if (state.status !== 'PENDING') return state;
  const principal = principalOf(delivered.decidedBy);
  const refusal = refusalOf(state, principal);
  const decisions = [...state.decisions, { ...delivered, principal, counted: refusal === undefined, ...(refusal ? { refusal } : {}) }];
  if (refusal !== undefined) {
    const refused = decisions.filter((decision) => !decision.counted).length;
    return refused >= MAX_REFUSED_DECISIONS
      ? { ...state, decisions, status: 'REJECTED', reason: `${refused} decisions were refused` }
      : { ...state, decisions };
  }
  if (delivered.decision === 'REJECT') return { ...state, decisions, status: 'REJECTED', reason: `rejected by ${delivered.decidedBy}` };
  const approvedBy = [...state.approvedBy, principal];
  return { ...state, decisions, approvedBy, status: approvedBy.length >= state.tier.requiredApprovers ? 'APPROVED' : 'PENDING' };
}

function refusalOf(state: ApprovalState, principal: string): string | undefined {
  if (!isAllowedApprover(state.tier, principal)) return `${principal} is not an approver of tier ${state.tier.name}`;
  if (state.approvedBy.includes(principal)) return `${principal} has already approved; tier ${state.tier.name} needs ${state.tier.requiredApprovers} distinct approvers`;
  return undefined;
}

/** True when the tier lets this principal decide: any signer when the tier names none. */
export function isAllowedApprover(tier: TierRule, principal: string): boolean {
  return tier.approvers.length === 0 || tier.approvers.some((approver) => principalOf(approver) === principal);
}

/**
 * The IAM principal a signer acts as. A role session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`)
 * is its role (`arn:aws:iam::<account>:role/<role>`): whoever assumes a role chooses the session
 * name, so two sessions of one role are one approver. A role ARN with a path compares by its name,
 * the only part a session ARN keeps.
 */
export function principalOf(arn: string): string {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (role) return `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  return arn;
}

/**
 * Why a person's approval does not carry the action in this tier, or undefined when it does: the
 * executor recounts the decisions against the tier of the saving it recomputed from live state.
 */
export function tierApprovalBlocker(approval: Pick<ApprovalState, 'status' | 'decisions'>, tier: TierRule | undefined): string | undefined {
  if (tier === undefined) return 'no approval tier covers this action';
  if (approval.status !== 'APPROVED') return 'the action is not approved';
  if (approval.decisions.some((decision) => decision.counted && decision.decision === 'REJECT')) return 'the action was rejected';
  const approvers = new Set(approval.decisions
    .filter((decision) => decision.counted && decision.decision === 'APPROVE')
    .map((decision) => principalOf(decision.decidedBy))
    .filter((principal) => isAllowedApprover(tier, principal)));
  return approvers.size >= tier.requiredApprovers
    ? undefined
    : `tier ${tier.name} needs ${tier.requiredApprovers} distinct approvers; ${approvers.size} approved`;
}

import { Decimal, OpportunityType, Risk, toMoney, type RankedOpportunity } from '../optimization';

/** The only changes the pipeline ever makes: both online (gp3) or limited to data past retention. */
export type StorageActionKind = 'MODIFY_VOLUME_TO_GP3' | 'DELETE_SNAPSHOT';

/** One storage change to route through the approval workflow. */
export interface StorageActionRequest {
  readonly opportunityId: string;
  readonly action: StorageActionKind;
  readonly resourceId: string;
  /** The account the resource is in: the pipeline's own, or a member account of its organization scope. */
  readonly accountId?: string;
  readonly region: string;
  /** The opportunity's exact monthly savings (USD, as the finding computed it), compared exactly with the auto-approval threshold. */
  readonly monthlySavings: string;
  readonly risk: Risk;
  /** True when the policy lets the workflow approve it without a person. */
  readonly autoApprove: boolean;
  /** What the approver reads. */
  readonly description: string;
}

/** An executable opportunity on a protected resource: reported as protected, never sent to approval. */
export interface ProtectedAction {
  readonly opportunityId: string;
  readonly resourceId: string;
  /** The tag that protects it: `environment=production`, `critical`. */
  readonly protectedBy: string;
}

/** The approval workflow's input for one run. */
export interface ApprovalInput {
  readonly runId: string;
  readonly reportLocation: string;
  readonly actions: StorageActionRequest[];
  /** Executable opportunities on protected resources: in the workflow's report, never approved or executed. */
  readonly protected: ProtectedAction[];
  /** Executable opportunities left out to keep the execution input under the Step Functions payload limit. */
  readonly omitted: number;
}

/** How many actions one execution carries: 256 KB of state input at ~500 bytes each, with room to spare. */
export const MAX_ACTIONS_PER_RUN = 200;

const EXECUTABLE: Partial<Record<OpportunityType, StorageActionKind>> = {
  [OpportunityType.STORAGE_GP2_TO_GP3]: 'MODIFY_VOLUME_TO_GP3',
  [OpportunityType.STORAGE_OLD_SNAPSHOT]: 'DELETE_SNAPSHOT',
};

/** What the approval workflow is told about auto-approval. */
export interface AutoApprovalPolicy {
  /** Auto-approve LOW-risk actions saving less than this (USD/month); undefined: a person approves everything. */
  readonly maxMonthlySavings?: string;
}

/**
 * The storage actions of a run, in rank order, to route through approval. Rightsizing and
 * commitments are never here: they are recommended in the report, never executed.
 */
export function storageActionRequests(
  opportunities: readonly RankedOpportunity[],
  policy: AutoApprovalPolicy,
  limit: number = MAX_ACTIONS_PER_RUN,
): { actions: StorageActionRequest[]; omitted: number; protected: ProtectedAction[] } {
  const candidates = opportunities.filter((opportunity) => EXECUTABLE[opportunity.type] !== undefined && opportunity.source === 'EC2_INVENTORY');
  const protectedActions = candidates.filter((opportunity) => protectionOf(opportunity) !== undefined).slice(0, limit).map((opportunity) => ({
    opportunityId: opportunity.id,
    resourceId: opportunity.resourceId,
    protectedBy: protectionOf(opportunity)!,
  }));
  const executable = candidates.filter((opportunity) => protectionOf(opportunity) === undefined);
  const actions = executable.slice(0, limit).map((opportunity) => ({
    opportunityId: opportunity.id,
    action: EXECUTABLE[opportunity.type]!,
    resourceId: opportunity.resourceId,
    accountId: opportunity.accountId,
    region: opportunity.region,
    monthlySavings: opportunity.monthlySavings,
    risk: opportunity.risk,
    autoApprove: isAutoApprovable(opportunity, policy),
    description: `${opportunity.action} (saves ${toMoney(new Decimal(opportunity.monthlySavings))} ${opportunity.currency}/month, risk ${opportunity.risk})`,
  }));
  return { actions, omitted: executable.length - actions.length, protected: protectedActions };
}

/** The storage optimizer marks an opportunity on a resource with a protected tag in `details.protectedBy`. */
function protectionOf(opportunity: RankedOpportunity): string | undefined {
  const protectedBy = opportunity.details?.protectedBy;
  return typeof protectedBy === 'string' && protectedBy !== '' ? protectedBy : undefined;
}

/** Only LOW-risk actions strictly below the threshold, and only when auto-approval is opted in. */
export function isAutoApprovable(opportunity: Pick<RankedOpportunity, 'risk' | 'monthlySavings'>, policy: AutoApprovalPolicy): boolean {
  return policy.maxMonthlySavings !== undefined
    && opportunity.risk === Risk.LOW
    && new Decimal(opportunity.monthlySavings).lessThan(policy.maxMonthlySavings);
}

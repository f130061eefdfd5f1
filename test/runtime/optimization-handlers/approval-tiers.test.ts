import { gp2ToGp3Opportunities, oldSnapshotOpportunities, protectedBy, type RankedOpportunity } from '../../../src/runtime/optimization';
import { storageActionRequests } from '../../../src/runtime/optimization-handlers/approval';
import {
  MAX_REFUSED_DECISIONS, openApproval, principalOf, recordDecision, tierFor, type ApprovalState, type TierRule,
} from '../../../src/runtime/optimization-handlers/approval-tiers';

const ROLE_A = 'arn:aws:iam::111122223333:role/ApproverA';
const TIERS: TierRule[] = [
  { name: 'small', minMonthlySavings: '0', actions: ['MODIFY_VOLUME_TO_GP3', 'DELETE_SNAPSHOT'], requiredApprovers: 1, approvers: [], decisionTimeoutSeconds: 60 },
  { name: 'large', minMonthlySavings: '1000', actions: ['MODIFY_VOLUME_TO_GP3', 'DELETE_SNAPSHOT'], requiredApprovers: 2, approvers: [ROLE_A], decisionTimeoutSeconds: 60 },
  { name: 'snapshots', minMonthlySavings: '50', actions: ['DELETE_SNAPSHOT'], requiredApprovers: 2, approvers: [], decisionTimeoutSeconds: 60 },
];
const decision = (decidedBy: string, verdict: 'APPROVE' | 'REJECT' = 'APPROVE') => ({ decision: verdict, decidedBy, comment: '', decidedAt: '2026-12-01T00:00:00Z' });

describe('approval tiers', () => {
  test('an action belongs to the tier of its type with the highest minimum it reaches, compared exactly', () => {
    expect(tierFor(TIERS, 'MODIFY_VOLUME_TO_GP3', '999.99')?.name).toBe('small');
    expect(tierFor(TIERS, 'MODIFY_VOLUME_TO_GP3', '1000.00')?.name).toBe('large');
    expect(tierFor(TIERS, 'DELETE_SNAPSHOT', '50')?.name).toBe('snapshots');
    expect(tierFor(TIERS, 'DELETE_SNAPSHOT', '1000')?.name).toBe('large');
    expect(tierFor(TIERS.slice(1), 'MODIFY_VOLUME_TO_GP3', '1')).toBeUndefined();
  });

  test('a role session is its role; a role with a path compares by name; users stay as they are', () => {
    expect(principalOf('arn:aws:sts::111122223333:assumed-role/ApproverA/alice')).toBe(ROLE_A);
    expect(principalOf('arn:aws:iam::111122223333:role/team/ApproverA')).toBe(ROLE_A);
    expect(principalOf('arn:aws:iam::111122223333:user/bob')).toBe('arn:aws:iam::111122223333:user/bob');
  });

  test('an action no tier covers is rejected at once', () => {
    expect(openApproval(undefined)).toMatchObject({ status: 'REJECTED', reason: 'no approval tier covers this action' });
  });

  test('refused decisions end the wait after the limit, so a loop of them cannot run forever', () => {
    let state: ApprovalState = openApproval(TIERS[1]);
    for (let index = 1; index < MAX_REFUSED_DECISIONS; index++) state = recordDecision(state, decision('arn:aws:iam::111122223333:user/outsider'));
    expect(state.status).toBe('PENDING');
    state = recordDecision(state, decision('arn:aws:iam::111122223333:user/outsider'));
    expect(state).toMatchObject({ status: 'REJECTED', reason: `${MAX_REFUSED_DECISIONS} decisions were refused` });
    // Once decided, nothing more is recorded.
    expect(recordDecision(state, decision(ROLE_A)).decisions).toHaveLength(MAX_REFUSED_DECISIONS);
  });
});

describe('protected workloads when the optimizer proposes', () => {
  const rules = [{ key: 'environment', values: ['production'] }, { key: 'critical' }];

  test('a tag matches its rule: the value without case, or the key alone', () => {
    expect(protectedBy([{ Key: 'environment', Value: 'PRODUCTION' }], rules)).toBe('environment=PRODUCTION');
    expect(protectedBy([{ Key: 'environment', Value: 'staging' }], rules)).toBeUndefined();
    expect(protectedBy([{ Key: 'critical', Value: '' }], rules)).toBe('critical');
    expect(protectedBy(undefined, rules)).toBeUndefined();
  });

  test('gp2 changes and snapshot deletions of protected resources are marked, reported as protected and never routed to approval', () => {
    const options = { accountId: '111122223333', region: 'us-east-1', now: new Date('2026-12-01T00:00:00Z'), protectedTags: rules };
    const volumes = gp2ToGp3Opportunities([
      { VolumeId: 'vol-1', VolumeType: 'gp2', State: 'in-use', Size: 500, Tags: [{ Key: 'environment', Value: 'production' }] },
      { VolumeId: 'vol-2', VolumeType: 'gp2', State: 'in-use', Size: 500 },
    ], options);
    const snapshots = oldSnapshotOpportunities([
      { SnapshotId: 'snap-1', StartTime: new Date('2025-01-01T00:00:00Z'), State: 'completed', VolumeSize: 10, Tags: [{ Key: 'critical', Value: 'yes' }] },
    ], options);
    expect([...volumes, ...snapshots].map((opportunity) => opportunity.details.protectedBy)).toEqual(['environment=production', undefined, 'critical']);

    const ranked = [...volumes, ...snapshots].map((opportunity, index) => ({ ...opportunity, rank: index + 1 }) as RankedOpportunity);
    const requests = storageActionRequests(ranked, {});
    expect(requests.actions.map((action) => action.resourceId)).toEqual(['vol-2']);
    expect(requests.protected).toEqual([
      { opportunityId: volumes[0].id, resourceId: 'vol-1', protectedBy: 'environment=production' },
      { opportunityId: snapshots[0].id, resourceId: 'snap-1', protectedBy: 'critical' },
    ]);
  });
});

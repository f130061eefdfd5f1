import { createOpportunity, Decimal, type RankedOpportunity } from '../../../src/runtime/optimization';
import { isAutoApprovable, storageActionRequests } from '../../../src/runtime/optimization-handlers/approval';
import { approvalExecutionName } from '../../../src/runtime/optimization-handlers/approval-start';

function opportunity(type: string, id: string, monthlySavings: string, risk: string, source = 'EC2_INVENTORY'): RankedOpportunity {
  return {
    id,
    type,
    resourceId: id,
    service: 'EBS',
    region: 'eu-west-1',
    accountId: '111122223333',
    currency: 'USD',
    currentMonthlyCost: '10.00',
    optimizedMonthlyCost: '0.00',
    monthlySavings,
    savingsPercentage: '10.00',
    upfrontCost: '0.00',
    effort: 'LOW',
    risk,
    priorityScore: '1.00',
    source,
    action: `act on ${id}`,
    details: {},
    rank: 1,
  } as RankedOpportunity;
}

describe('storageActionRequests', () => {
  const ranked = [
    opportunity('STORAGE_GP2_TO_GP3', 'vol-1', '24.99', 'LOW'),
    opportunity('STORAGE_GP2_TO_GP3', 'vol-2', '25.00', 'LOW'),
    opportunity('STORAGE_OLD_SNAPSHOT', 'snap-1', '1.00', 'MEDIUM'),
    opportunity('STORAGE_UNATTACHED_VOLUME', 'vol-3', '5.00', 'MEDIUM'),
    opportunity('RIGHTSIZING', 'i-1', '500.00', 'LOW', 'COST_EXPLORER'),
    opportunity('STORAGE_GP2_TO_GP3', 'vol-4', '3.00', 'LOW', 'COST_OPTIMIZATION_HUB'),
  ];

  test('only gp2-to-gp3 changes and snapshot deletions found in the inventory are executable', () => {
    const { actions, omitted } = storageActionRequests(ranked, {});
    expect(actions.map((action) => [action.action, action.resourceId])).toEqual([
      ['MODIFY_VOLUME_TO_GP3', 'vol-1'], ['MODIFY_VOLUME_TO_GP3', 'vol-2'], ['DELETE_SNAPSHOT', 'snap-1'],
    ]);
    expect(omitted).toBe(0);
    expect(actions[0].description).toBe('act on vol-1 (saves 24.99 USD/month, risk LOW)');
  });

  test('auto-approval: opted in, LOW risk, strictly below the threshold', () => {
    const { actions } = storageActionRequests(ranked, { maxMonthlySavings: '25' });
    expect(actions.map((action) => action.autoApprove)).toEqual([true, false, false]);
    expect(storageActionRequests(ranked, {}).actions.every((action) => !action.autoApprove)).toBe(true);
    expect(isAutoApprovable({ risk: 'MEDIUM', monthlySavings: '0.01' }, { maxMonthlySavings: '100' })).toBe(false);
  });

  test('carries the exact savings, so auto-approval compares what the finding computed, as the executor does', () => {
    // 9.996 USD a month is below a 10 USD threshold; rounded to 10.00 first, it would not be.
    const finding = createOpportunity({
      id: 'ebs:vol-9',
      type: 'STORAGE_GP2_TO_GP3',
      resourceId: 'vol-9',
      service: 'EBS',
      region: 'eu-west-1',
      accountId: '111122223333',
      currentMonthlyCost: new Decimal('49.98'),
      monthlySavings: new Decimal('9.996'),
      effort: 'LOW',
      risk: 'LOW',
      source: 'EC2_INVENTORY',
      action: 'act on vol-9',
    });
    const [action] = storageActionRequests([{ ...finding, rank: 1 }], { maxMonthlySavings: '10' }).actions;
    expect(action.monthlySavings).toBe('9.996');
    expect(action.autoApprove).toBe(true);
    expect(action.description).toBe('act on vol-9 (saves 10.00 USD/month, risk LOW)');
  });

  test('caps the actions of one execution and counts the rest', () => {
    const { actions, omitted } = storageActionRequests(ranked, {}, 2);
    expect(actions).toHaveLength(2);
    expect(omitted).toBe(1);
  });
});

test('an execution name per optimizer, account and day, within Step Functions\' 80 characters', () => {
  expect(approvalExecutionName('storage', '111122223333', '2026-11-30')).toBe('storage-111122223333-2026-11-30');
  expect(approvalExecutionName('a:b c'.repeat(30), '111122223333', '2026-11-30')).toMatch(/^[A-Za-z0-9_-]{80}$/);
});

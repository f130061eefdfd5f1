import Decimal from 'decimal.js';
import { BudgetNotification } from '../../../src/runtime/budget-alerts/notification';
import { escalate, escalationSubject, optimizerRunsReached, parseTiers, selectTier, utilizationPercent } from '../../../src/runtime/budget-alerts/tiers';

const seedTiers = [
  { name: 'analyze', minUtilization: '70', topicArn: 'arn:aws:sns:us-east-1:111111111111:analyze' },
  { name: 'optimize', minUtilization: '80', topicArn: 'arn:aws:sns:us-east-1:111111111111:optimize' },
  { name: 'emergency', minUtilization: '90', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:stop' },
];

const notification = (observedAmount: string, budgetedAmount = '10000.00'): BudgetNotification => ({
  accountId: '111111111111',
  budgetName: 'ec2-compute-monthly',
  budgetType: 'Cost',
  alertType: 'ACTUAL',
  budgetedAmount,
  observedAmount,
  unit: 'USD',
});

describe('utilizationPercent', () => {
  test('is exact where binary floating point is not', () => {
    // 0.1 + 0.2 style: 3333.33 / 10000 * 100 must be exactly 33.3333
    expect(utilizationPercent('3333.33', '10000.00')!.toString()).toBe('33.3333');
    expect(utilizationPercent('0.3', '0.1')!.toString()).toBe('300');
  });

  test('is undefined for a zero budget', () => {
    expect(utilizationPercent('5.00', '0.00')).toBeUndefined();
  });
});

describe('selectTier', () => {
  test.each([
    ['69.99', undefined],
    ['70', 'analyze'],
    ['79.999', 'analyze'],
    ['80', 'optimize'],
    ['90', 'emergency'],
    ['250', 'emergency'],
  ])('%s%% → %s', (utilization, tier) => {
    expect(selectTier(new Decimal(utilization), seedTiers)?.name).toBe(tier);
  });

  test('does not depend on the order tiers are listed in', () => {
    expect(selectTier(new Decimal(85), [...seedTiers].reverse())?.name).toBe('optimize');
  });
});

describe('escalate', () => {
  test('builds the structured escalation with exact figures', () => {
    expect(escalate(notification('8312.47'), seedTiers)).toEqual({
      tier: seedTiers[1],
      escalation: {
        tier: 'optimize',
        budgetName: 'ec2-compute-monthly',
        alertType: 'ACTUAL',
        accountId: '111111111111',
        budgetedAmount: '10000.00',
        observedAmount: '8312.47',
        unit: 'USD',
        utilizationPercent: '83.12',
        remainingAmount: '1687.53',
      },
    });
  });

  test('reports overspend as a negative remainder and rounds half up', () => {
    const result = escalate(notification('10000.50', '9999.00'), seedTiers)!;
    expect(result.escalation.remainingAmount).toBe('-1.5');
    expect(result.escalation.utilizationPercent).toBe('100.02');
  });

  test('returns undefined below every tier', () => {
    expect(escalate(notification('100.00'), seedTiers)).toBeUndefined();
  });
});

describe('escalationSubject', () => {
  test('is printable ASCII within 100 characters', () => {
    const subject = escalationSubject({ ...escalate(notification('9500.00'), seedTiers)!.escalation, budgetName: `équipe-${'x'.repeat(120)}` });
    expect(subject.length).toBe(100);
    expect(subject).toMatch(/^\[emergency\] Budget \?quipe-x+$/);
  });
});

describe('parseTiers', () => {
  test('reads the JSON the construct writes', () => {
    expect(parseTiers(JSON.stringify(seedTiers))).toEqual(seedTiers);
  });

  test('rejects tiers without a destination', () => {
    expect(() => parseTiers('[{"name":"x","minUtilization":"10"}]')).toThrow(/ALERT_TIERS must be a JSON list of \{ name, minUtilization, topicArn \| functionArn \| optimizerRuns/);
  });

  test('accepts a tier that only starts optimizers, and rejects an optimizer run without a target', () => {
    const startsOnly = [{ name: 'optimize', minUtilization: '80', optimizerRuns: [{ kind: 'storage', functionArn: STORAGE_FUNCTION }] }];
    expect(parseTiers(JSON.stringify(startsOnly))).toEqual(startsOnly);
    expect(() => parseTiers(JSON.stringify([{ ...startsOnly[0], optimizerRuns: [{ kind: 'storage' }] }]))).toThrow(/ALERT_TIERS/);
  });
});

const STORAGE_FUNCTION = 'arn:aws:lambda:us-east-1:111111111111:function:storage';
const ORGANIZATION_RUN = 'arn:aws:states:us-east-1:111111111111:stateMachine:organization-storage';

describe('optimizerRunsReached', () => {
  const tiers = [
    { ...seedTiers[0] },
    { ...seedTiers[1], optimizerRuns: [{ kind: 'storage', functionArn: STORAGE_FUNCTION }] },
    { ...seedTiers[2], optimizerRuns: [{ kind: 'storage', functionArn: STORAGE_FUNCTION }, { kind: 'storage', stateMachineArn: ORGANIZATION_RUN }] },
  ];

  test.each([
    ['79.99% starts nothing', '7999.00', []],
    ['exactly 80% starts the optimize tier\'s runs', '8000.00', [STORAGE_FUNCTION]],
    ['95% starts the runs of every tier reached, each target once', '9500.00', [STORAGE_FUNCTION, ORGANIZATION_RUN]],
  ])('%s', (_name, observed, targets) => {
    expect(optimizerRunsReached(notification(observed), tiers).map((run) => run.functionArn ?? run.stateMachineArn)).toEqual(targets);
  });

  test('a zero budget starts nothing', () => {
    expect(optimizerRunsReached(notification('10.00', '0.00'), tiers)).toEqual([]);
  });
});

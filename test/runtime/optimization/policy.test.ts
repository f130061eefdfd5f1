import { testOpportunity } from './opportunities';
import {
  applyPolicy, DEFAULT_POLICY, OpportunityType, rejectionReason, resolvePolicy,
} from '../../../src/runtime/optimization';

describe('DEFAULT_POLICY', () => {
  test('has the seed\'s thresholds', () => {
    expect(DEFAULT_POLICY).toEqual({
      rightsizing: {
        minMonthlySavings: '50',
        minSavingsPercentage: '15',
        maxCpuUtilizationPercentage: '20',
        maxMemoryUtilizationPercentage: '20',
        lookbackDays: 14,
        recommendationTarget: 'SAME_INSTANCE_FAMILY',
      },
      reservedInstances: {
        minMonthlySavings: '100', minUtilizationPercentage: '0', termInYears: 'ONE_YEAR', paymentOption: 'PARTIAL_UPFRONT', lookbackPeriodInDays: 'THIRTY_DAYS',
      },
      savingsPlans: {
        minMonthlySavings: '200', minHourlyCommitment: '0', savingsPlansType: 'COMPUTE_SP', termInYears: 'ONE_YEAR', paymentOption: 'PARTIAL_UPFRONT', lookbackPeriodInDays: 'THIRTY_DAYS',
      },
      storage: { minMonthlySavings: '0', gp2ToGp3MinMonthlySavings: '0', snapshotRetentionDays: 30, protectionTagKey: 'finops:retain' },
    });
  });
});

describe('resolvePolicy', () => {
  test('applies overrides over the defaults', () => {
    const policy = resolvePolicy({ rightsizing: { minMonthlySavings: '25' }, storage: { snapshotRetentionDays: 90 } });
    expect(policy.rightsizing).toEqual({ ...DEFAULT_POLICY.rightsizing, minMonthlySavings: '25' });
    expect(policy.storage.snapshotRetentionDays).toBe(90);
    expect(policy.savingsPlans).toEqual(DEFAULT_POLICY.savingsPlans);
  });

  test('refuses impossible values, naming them', () => {
    expect(() => resolvePolicy({ reservedInstances: { minMonthlySavings: '-1' } })).toThrow('policy reservedInstances.minMonthlySavings is -1; it must be zero or more');
    expect(() => resolvePolicy({ rightsizing: { minSavingsPercentage: 'fifteen' } })).toThrow('policy rightsizing.minSavingsPercentage is not a decimal amount');
    expect(() => resolvePolicy({ storage: { snapshotRetentionDays: 0 } })).toThrow('policy storage.snapshotRetentionDays is 0');
    expect(() => resolvePolicy({ rightsizing: { lookbackDays: 1.5 } })).toThrow('policy rightsizing.lookbackDays is 1.5');
    expect(() => resolvePolicy({ storage: { protectionTagKey: ' ' } })).toThrow('protectionTagKey is empty');
  });
});

describe('rejectionReason', () => {
  const reject = (overrides: Parameters<typeof testOpportunity>[0]) => rejectionReason(testOpportunity(overrides), DEFAULT_POLICY);

  test('rightsizing: 50.00 a month passes, 49.99 does not', () => {
    expect(reject({ monthlySavings: '50.00', currentMonthlyCost: '100' })).toBeUndefined();
    expect(reject({ monthlySavings: '49.99', currentMonthlyCost: '100' })).toBe('saves 49.99 USD a month, below the minimum of 50');
  });

  test('rightsizing: 15.00% passes, 14.99% does not', () => {
    expect(reject({ monthlySavings: '150', currentMonthlyCost: '1000' })).toBeUndefined();
    expect(reject({ monthlySavings: '149.90', currentMonthlyCost: '1000' })).toBe('saves 14.99%, below the minimum of 15%');
  });

  test('rightsizing: peak CPU and memory of exactly 20% pass, above does not', () => {
    expect(reject({ utilization: { maxCpuPercentage: '20', maxMemoryPercentage: '20.00' } })).toBeUndefined();
    expect(reject({ utilization: { maxCpuPercentage: '20.01' } })).toBe('peak CPU 20.01% is above 20%');
    expect(reject({ utilization: { maxCpuPercentage: '3', maxMemoryPercentage: '64' } })).toBe('peak memory 64% is above 20%');
    expect(reject({ type: OpportunityType.IDLE_RESOURCE, utilization: { maxCpuPercentage: '35' } })).toBe('peak CPU 35% is above 20%');
  });

  test('rightsizing: unknown utilization passes, and a Graviton migration is not judged by it', () => {
    expect(reject({ utilization: undefined })).toBeUndefined();
    expect(reject({ type: OpportunityType.MIGRATE_TO_GRAVITON, utilization: { maxCpuPercentage: '90' } })).toBeUndefined();
  });

  test('Reserved Instances: 100.00 passes, 99.99 does not; no percentage minimum', () => {
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '100.00', currentMonthlyCost: '100000' })).toBeUndefined();
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '99.99' })).toBe('saves 99.99 USD a month, below the minimum of 100');
  });

  test('Reserved Instances: a term or payment option other than the policy\'s is turned down; unknown ones pass', () => {
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '500', details: { termInYears: 'THREE_YEARS' } }))
      .toBe('termInYears is THREE_YEARS, the policy wants ONE_YEAR');
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '500', details: { termInYears: 'ONE_YEAR', paymentOption: 'ALL_UPFRONT' } }))
      .toBe('paymentOption is ALL_UPFRONT, the policy wants PARTIAL_UPFRONT');
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '500' })).toBeUndefined();
  });

  test('Savings Plans: 200.00 passes, 199.99 does not; the plan type must match', () => {
    expect(reject({ type: OpportunityType.SAVINGS_PLANS, monthlySavings: '200.00', currentMonthlyCost: '100000' })).toBeUndefined();
    expect(reject({ type: OpportunityType.SAVINGS_PLANS, monthlySavings: '199.99' })).toBe('saves 199.99 USD a month, below the minimum of 200');
    expect(reject({ type: OpportunityType.SAVINGS_PLANS, monthlySavings: '900', details: { savingsPlansType: 'EC2_INSTANCE_SP' } }))
      .toBe('savingsPlansType is EC2_INSTANCE_SP, the policy wants COMPUTE_SP');
  });

  test('storage: any positive saving passes by default, a custom minimum applies', () => {
    expect(reject({ type: OpportunityType.STORAGE_OLD_SNAPSHOT, monthlySavings: '0.01', currentMonthlyCost: '0.01' })).toBeUndefined();
    const strict = resolvePolicy({ storage: { minMonthlySavings: '1' } });
    expect(rejectionReason(testOpportunity({ type: OpportunityType.STORAGE_GP2_TO_GP3, monthlySavings: '0.99' }), strict)).toBe('saves 0.99 USD a month, below the minimum of 1');
  });

  test('storage: gp2-to-gp3 changes have their own minimum, the storage minimum when a policy names none', () => {
    const gp2Only = resolvePolicy({ storage: { minMonthlySavings: '0', gp2ToGp3MinMonthlySavings: '5' } });
    expect(rejectionReason(testOpportunity({ type: OpportunityType.STORAGE_GP2_TO_GP3, monthlySavings: '4.99' }), gp2Only))
      .toBe('saves 4.99 USD a month, below the minimum of 5');
    expect(rejectionReason(testOpportunity({ type: OpportunityType.STORAGE_GP2_TO_GP3, monthlySavings: '5.00' }), gp2Only)).toBeUndefined();
    expect(rejectionReason(testOpportunity({ type: OpportunityType.STORAGE_OLD_SNAPSHOT, monthlySavings: '0.01' }), gp2Only)).toBeUndefined();
    expect(resolvePolicy({ storage: { minMonthlySavings: '3' } }).storage.gp2ToGp3MinMonthlySavings).toBe('3');
  });

  test('Reserved Instances: an expected utilization below the minimum is turned down; exactly the minimum and unknown pass', () => {
    const policy = resolvePolicy({ reservedInstances: { minUtilizationPercentage: '80' } });
    const judge = (details: Record<string, string>) =>
      rejectionReason(testOpportunity({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '500', details }), policy);
    expect(judge({ averageUtilization: '79.9' })).toBe('expected utilization 79.9% is below the minimum of 80%');
    expect(judge({ averageUtilization: '80.0' })).toBeUndefined();
    expect(judge({})).toBeUndefined();
    expect(reject({ type: OpportunityType.RESERVED_INSTANCES, monthlySavings: '500', details: { averageUtilization: '1' } })).toBeUndefined();
  });

  test('Savings Plans: an hourly commitment below the minimum is turned down', () => {
    const policy = resolvePolicy({ savingsPlans: { minHourlyCommitment: '0.50' } });
    const judge = (hourlyCommitmentToPurchase: string) =>
      rejectionReason(testOpportunity({ type: OpportunityType.SAVINGS_PLANS, monthlySavings: '900', details: { hourlyCommitmentToPurchase } }), policy);
    expect(judge('0.49')).toBe('hourly commitment 0.49 USD/hour is below the minimum of 0.50 USD/hour');
    expect(judge('0.50')).toBeUndefined();
  });

  test('an opportunity that saves nothing is always turned down', () => {
    expect(reject({ type: OpportunityType.STORAGE_GP2_TO_GP3, monthlySavings: '0' })).toBe('saves nothing');
    expect(reject({ monthlySavings: '-3' })).toBe('saves nothing');
  });
});

describe('applyPolicy', () => {
  test('splits opportunities into kept and rejected with reasons, in input order', () => {
    const small = testOpportunity({ id: 'a', monthlySavings: '10', currentMonthlyCost: '20' });
    const good = testOpportunity({ id: 'b', monthlySavings: '80' });
    const alsoGood = testOpportunity({ id: 'c', type: OpportunityType.STORAGE_UNATTACHED_VOLUME, monthlySavings: '1' });
    const outcome = applyPolicy([small, good, alsoGood]);
    expect(outcome.kept.map(opportunity => opportunity.id)).toEqual(['b', 'c']);
    expect(outcome.rejected).toEqual([{ opportunity: small, reason: 'saves 10.00 USD a month, below the minimum of 50' }]);
  });
});

import type {
  GetEBSVolumeRecommendationsResponse,
  GetEC2InstanceRecommendationsResponse,
  GetLambdaFunctionRecommendationsResponse,
  GetRDSDatabaseRecommendationsResponse,
} from '@aws-sdk/client-compute-optimizer';
import { loadFixture } from './fixtures';
import {
  computeOptimizerDatabaseOpportunities,
  computeOptimizerFunctionOpportunities,
  computeOptimizerInstanceOpportunities,
  computeOptimizerVolumeOpportunities,
  shortIdOf,
  sumExact,
  parseExactAmount,
  exactAmountText,
} from '../../../src/runtime/optimization';

const instancePages = () => [
  loadFixture<GetEC2InstanceRecommendationsResponse>('GetEC2InstanceRecommendations.page1'),
  loadFixture<GetEC2InstanceRecommendationsResponse>('GetEC2InstanceRecommendations.page2'),
];

describe('Compute Optimizer EC2 instance recommendations', () => {
  test('take the rank-1 option of each instance that saves money, amounts to the cent', () => {
    const opportunities = computeOptimizerInstanceOpportunities(instancePages(), { accountId: '999999999999' });
    const rows = opportunities.map((opportunity) =>
      [opportunity.id, opportunity.type, opportunity.resourceId, opportunity.monthlySavings, opportunity.risk, opportunity.effort]);
    expect(rows).toEqual([
      ['compute-optimizer:arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60001', 'RIGHTSIZING', 'i-0a1b2c3d4e5f60001', '145.27', 'MEDIUM', 'LOW'],
      ['compute-optimizer:arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60008', 'MIGRATE_TO_GRAVITON', 'i-0a1b2c3d4e5f60008', '107.018', 'MEDIUM', 'MEDIUM'],
    ]);
    const [first] = opportunities;
    expect(first).toMatchObject({
      source: 'COMPUTE_OPTIMIZER',
      service: 'EC2',
      region: 'us-east-1',
      accountId: '111122223333',
      currency: 'USD',
      currentMonthlyCost: '0.00',
      savingsPercentage: '50.00',
      action: 'Change EC2 instance i-0a1b2c3d4e5f60001: m5.2xlarge -> m5.xlarge',
      generatedAt: '2026-11-29T03:00:00.000Z',
    });
    expect(first.details).toMatchObject({
      currentInstanceType: 'm5.2xlarge',
      recommendedInstanceType: 'm5.xlarge',
      performanceRisk: '1',
      resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60001',
      lookbackPeriodInDays: '14',
    });
  });

  test('leave out under-provisioned instances (no savings) and optimized ones (no option)', () => {
    const ids = computeOptimizerInstanceOpportunities(instancePages()).map((opportunity) => opportunity.resourceId);
    expect(ids).not.toContain('i-0a1b2c3d4e5f60005');
    expect(ids).not.toContain('i-0a1b2c3d4e5f60006');
  });

  test('a performance risk of 3 or more is HIGH risk', () => {
    const page = instancePages()[0];
    const instance = page.instanceRecommendations![0];
    const riskier = { instanceRecommendations: [{ ...instance, recommendationOptions: [{ ...instance.recommendationOptions![0], rank: 1 }] }] };
    const [opportunity] = computeOptimizerInstanceOpportunities([riskier]);
    expect([opportunity.monthlySavings, opportunity.risk]).toEqual(['210.24', 'HIGH']);
  });
});

describe('Compute Optimizer EBS, Lambda and RDS recommendations', () => {
  test('a gp2 volume to gp3 is STORAGE_GP2_TO_GP3, online and low risk', () => {
    const [volume] = computeOptimizerVolumeOpportunities([loadFixture<GetEBSVolumeRecommendationsResponse>('GetEBSVolumeRecommendations.page1')]);
    expect(volume).toMatchObject({
      type: 'STORAGE_GP2_TO_GP3',
      resourceId: 'vol-0123456789abcdef0',
      service: 'EBS',
      monthlySavings: '10.00',
      risk: 'LOW',
      effort: 'LOW',
      action: 'Modify EBS volume vol-0123456789abcdef0: gp2 500 GiB 1500 IOPS 250 MiB/s -> gp3 500 GiB 3000 IOPS 125 MiB/s',
    });
  });

  test('a Lambda memory size names the function, not its version, and keeps 0.1 as 0.10', () => {
    const functions = computeOptimizerFunctionOpportunities([loadFixture<GetLambdaFunctionRecommendationsResponse>('GetLambdaFunctionRecommendations.page1')]);
    const rows = functions.map((opportunity) =>
      [opportunity.resourceId, opportunity.type, opportunity.monthlySavings, opportunity.risk, opportunity.details.recommendedMemorySize]);
    expect(rows).toEqual([['my-function', 'RIGHTSIZING', '0.10', 'LOW', '1024'], ['image-resizer', 'RIGHTSIZING', '91.30', 'LOW', '4096']]);
  });

  test('an RDS class change with performance risk 3 is HIGH risk; thousandths are kept', () => {
    const [database] = computeOptimizerDatabaseOpportunities([loadFixture<GetRDSDatabaseRecommendationsResponse>('GetRDSDatabaseRecommendations.page1')]);
    expect(database).toMatchObject({
      resourceId: 'orders',
      service: 'RDS',
      monthlySavings: '1234.567',
      savingsPercentage: '55.50',
      risk: 'HIGH',
      effort: 'MEDIUM',
      action: 'Change RDS database orders: db.r5.4xlarge -> db.r6g.2xlarge',
    });
  });

  test('every amount is the decimal the service wrote, so totals are exact', () => {
    const all = [
      ...computeOptimizerInstanceOpportunities(instancePages()),
      ...computeOptimizerVolumeOpportunities([loadFixture<GetEBSVolumeRecommendationsResponse>('GetEBSVolumeRecommendations.page1')]),
      ...computeOptimizerFunctionOpportunities([loadFixture<GetLambdaFunctionRecommendationsResponse>('GetLambdaFunctionRecommendations.page1')]),
      ...computeOptimizerDatabaseOpportunities([loadFixture<GetRDSDatabaseRecommendationsResponse>('GetRDSDatabaseRecommendations.page1')]),
    ];
    const total = sumExact(all.map((opportunity) => parseExactAmount(opportunity.monthlySavings, 'monthlySavings')));
    expect(exactAmountText(total)).toBe('1588.255');
  });
});

describe('shortIdOf', () => {
  test.each([
    ['arn:aws:ec2:us-east-1:111122223333:instance/i-0abc', 'i-0abc'],
    ['arn:aws:ec2:us-east-1:111122223333:volume/vol-0abc', 'vol-0abc'],
    ['arn:aws:lambda:us-east-1:111122223333:function:my-function:$LATEST', 'my-function'],
    ['arn:aws:lambda:us-east-1:111122223333:function:my-function', 'my-function'],
    ['arn:aws:rds:us-east-1:111122223333:db:orders', 'orders'],
    ['i-0abc', 'i-0abc'],
  ])('%s is %s', (resource, id) => {
    expect(shortIdOf(resource)).toBe(id);
  });
});

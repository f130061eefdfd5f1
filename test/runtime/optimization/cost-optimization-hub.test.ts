import type { ListRecommendationsResponse } from '@aws-sdk/client-cost-optimization-hub';
import { loadFixture } from './fixtures';
import { costOptimizationHubOpportunities, opportunityTypeOf } from '../../../src/runtime/optimization';

const page = loadFixture<ListRecommendationsResponse>('ListRecommendations.page1');

describe('costOptimizationHubOpportunities', () => {
  const opportunities = costOptimizationHubOpportunities([page]);

  test('converts the API\'s doubles through their decimal text', () => {
    expect(opportunities[0]).toEqual({
      id: 'cost-optimization-hub:MTExMTIyMjIzMzMzXzAwMDE=',
      type: 'RIGHTSIZING',
      resourceId: 'i-0a1b2c3d4e5f60001',
      service: 'EC2',
      region: 'us-east-1',
      accountId: '111122223333',
      currency: 'USD',
      currentMonthlyCost: '280.30',
      optimizedMonthlyCost: '130.20',
      monthlySavings: '150.10',
      savingsPercentage: '53.55',
      upfrontCost: '0.00',
      effort: 'MEDIUM',
      risk: 'MEDIUM',
      priorityScore: '1080.72',
      source: 'COST_OPTIMIZATION_HUB',
      action: 'Rightsize Ec2Instance i-0a1b2c3d4e5f60001: m5.2xlarge -> m5.xlarge',
      generatedAt: '2026-11-26T04:00:00.000Z',
      details: {
        actionType: 'Rightsize',
        currentResourceSummary: 'm5.2xlarge',
        currentResourceType: 'Ec2Instance',
        implementationEffort: 'Medium',
        lookbackPeriodInDays: '14',
        recommendationId: 'MTExMTIyMjIzMzMzXzAwMDE=',
        recommendationSource: 'ComputeOptimizer',
        recommendedResourceSummary: 'm5.xlarge',
        recommendedResourceType: 'Ec2Instance',
        resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60001',
        restartNeeded: 'true',
        rollbackPossible: 'true',
        sourceSavingsPercentage: '53.55',
      },
    });
  });

  test('maps actions and resource types to opportunity types, effort and risk', () => {
    const summaries = opportunities.map(({ type, service, effort, risk, monthlySavings }) => [type, service, effort, risk, monthlySavings]);
    expect(summaries).toEqual([
      ['RIGHTSIZING', 'EC2', 'MEDIUM', 'MEDIUM', '150.10'],
      ['STORAGE_GP2_TO_GP3', 'EBS', 'LOW', 'LOW', '10.00'],
      ['IDLE_RESOURCE', 'EC2', 'LOW', 'MEDIUM', '33.30'],
      ['SAVINGS_PLANS', 'Compute', 'LOW', 'MEDIUM', '400.25'],
      ['RIGHTSIZING', 'Lambda', 'LOW', 'LOW', '75.50'],
      ['MIGRATE_TO_GRAVITON', 'EC2', 'HIGH', 'HIGH', '88.88'],
    ]);
  });

  test('says a purchase\'s upfront cost is unknown rather than zero', () => {
    expect(opportunities[3].upfrontCost).toBe('0.00');
    expect(opportunities[3].details.upfrontCost).toBe('unknown: ListRecommendations does not report it');
    expect(opportunities[0].details.upfrontCost).toBeUndefined();
  });

  test('uses the source percentage only when the current cost is unknown', () => {
    const [withoutCost] = costOptimizationHubOpportunities([{
      items: [{
        recommendationId: 'r1',
        accountId: '111122223333',
        resourceId: 'x',
        actionType: 'Delete',
        currentResourceType: 'EbsVolume',
        estimatedMonthlySavings: 12.5,
        estimatedSavingsPercentage: 100,
      }],
    }]);
    expect(withoutCost).toMatchObject({ type: 'STORAGE_UNATTACHED_VOLUME', currentMonthlyCost: '0.00', savingsPercentage: '100.00', effort: 'MEDIUM', risk: 'HIGH' });
  });
});

describe('opportunityTypeOf', () => {
  test.each([
    ['PurchaseReservedInstances', 'Ec2ReservedInstances', undefined, undefined, 'RESERVED_INSTANCES'],
    ['Delete', 'Ec2Instance', undefined, undefined, 'IDLE_RESOURCE'],
    ['ScaleIn', 'Ec2AutoScalingGroup', undefined, undefined, 'RIGHTSIZING'],
    ['Upgrade', 'RdsDbInstance', undefined, undefined, 'RIGHTSIZING'],
    ['Rightsize', 'EbsVolume', 'io1 100 GiB', 'io2 100 GiB', 'STORAGE_VOLUME_RIGHTSIZING'],
    ['Upgrade', 'EbsVolume', 'GP2 100 GiB', 'GP3 100 GiB', 'STORAGE_GP2_TO_GP3'],
    ['SomethingNew', 'Ec2Instance', undefined, undefined, 'OTHER'],
  ])('%s on %s (%s -> %s) is %s', (actionType, currentResourceType, currentResourceSummary, recommendedResourceSummary, expected) => {
    const item = {
      actionType: actionType as never, currentResourceType: currentResourceType as never, currentResourceSummary, recommendedResourceSummary,
    };
    expect(opportunityTypeOf(item)).toBe(expected);
  });
});

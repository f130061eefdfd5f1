import type { GetRightsizingRecommendationResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import { rightsizingOpportunities } from '../../../src/runtime/optimization';

const pages = [
  loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page1'),
  loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page2'),
];

describe('rightsizingOpportunities', () => {
  const opportunities = rightsizingOpportunities(pages);
  const byResource = (resourceId: string) => opportunities.find(opportunity => opportunity.resourceId === resourceId)!;

  test('normalizes every recommendation of every page', () => {
    expect(opportunities.map(opportunity => [opportunity.type, opportunity.resourceId])).toEqual([
      ['RIGHTSIZING', 'i-0a1b2c3d4e5f60001'],
      ['IDLE_RESOURCE', 'i-0a1b2c3d4e5f60002'],
      ['RIGHTSIZING', 'i-0a1b2c3d4e5f60003'],
      ['RIGHTSIZING', 'i-0a1b2c3d4e5f60004'],
    ]);
  });

  test('a MODIFY recommendation moves to the default target', () => {
    expect(byResource('i-0a1b2c3d4e5f60001')).toEqual({
      id: 'cost-explorer:RIGHTSIZING:111122223333:i-0a1b2c3d4e5f60001',
      type: 'RIGHTSIZING',
      resourceId: 'i-0a1b2c3d4e5f60001',
      service: 'EC2',
      region: 'us-east-1',
      accountId: '111122223333',
      currency: 'USD',
      currentMonthlyCost: '280.32',
      optimizedMonthlyCost: '140.16',
      monthlySavings: '140.16',
      savingsPercentage: '50.00',
      upfrontCost: '0.00',
      effort: 'MEDIUM',
      risk: 'MEDIUM',
      priorityScore: '1009.15',
      source: 'COST_EXPLORER',
      action: 'Resize i-0a1b2c3d4e5f60001 (api-server) from m5.2xlarge to m5.xlarge',
      generatedAt: '2026-11-26T06:00:00Z',
      utilization: { maxCpuPercentage: '12.5', maxMemoryPercentage: '18' },
      details: {
        findingReasonCodes: 'CPU_OVER_PROVISIONED MEMORY_OVER_PROVISIONED',
        instanceName: 'api-server',
        instanceType: 'm5.2xlarge',
        platform: 'Linux/UNIX',
        recommendationId: '6f5e4d3c-0000-4000-8000-000000000001',
        targetEstimatedMonthlyCost: '140.16',
        targetInstanceType: 'm5.xlarge',
      },
    });
  });

  test('without a default target, the target saving most is chosen; platform differences make it HIGH risk', () => {
    const opportunity = byResource('i-0a1b2c3d4e5f60003');
    expect(opportunity.monthlySavings).toBe('372.30');
    expect(opportunity.optimizedMonthlyCost).toBe('124.10');
    expect(opportunity.savingsPercentage).toBe('75.00');
    expect(opportunity.risk).toBe('HIGH');
    expect(opportunity.region).toBe('us-west-2');
    expect(opportunity.details.platformDifferences).toBe('NETWORK_INTERFACE HYPERVISOR');
    expect(opportunity.priorityScore).toBe('1787.04');
    expect(opportunity.action).toBe('Resize i-0a1b2c3d4e5f60003 (render, "fast" node) from c5.4xlarge to c6gn.xlarge');
  });

  test('a TERMINATE recommendation is an idle resource: low effort, high risk, all its cost saved', () => {
    expect(byResource('i-0a1b2c3d4e5f60002')).toMatchObject({
      type: 'IDLE_RESOURCE',
      accountId: '444455556666',
      region: 'eu-west-1',
      currentMonthlyCost: '78.11',
      optimizedMonthlyCost: '0.00',
      monthlySavings: '78.11',
      savingsPercentage: '100.00',
      effort: 'LOW',
      risk: 'HIGH',
      priorityScore: '468.66',
      action: 'Terminate idle m5.large i-0a1b2c3d4e5f60002 (batch-worker)',
      utilization: { maxCpuPercentage: '0.8' },
    });
  });

  test('rounds the savings percentage to two decimals', () => {
    expect(byResource('i-0a1b2c3d4e5f60004')).toMatchObject({ region: 'us-east-2', monthlySavings: '60.73', savingsPercentage: '50.00', priorityScore: '437.26' });
  });

  test('uses the fallback account only when the recommendation names none', () => {
    const page: GetRightsizingRecommendationResponse = {
      RightsizingRecommendations: [{
        CurrentInstance: { ResourceId: 'i-1', MonthlyCost: '10' },
        RightsizingType: 'TERMINATE',
        TerminateRecommendationDetail: { EstimatedMonthlySavings: '10' },
      }],
    };
    expect(rightsizingOpportunities([page], { accountId: '999988887777' })[0]).toMatchObject({ accountId: '999988887777', region: 'unknown' });
    expect(rightsizingOpportunities([page])[0].accountId).toBe('unknown');
  });

  test('skips a MODIFY recommendation without targets and an unknown type', () => {
    const page: GetRightsizingRecommendationResponse = {
      RightsizingRecommendations: [
        { AccountId: '111122223333', CurrentInstance: { ResourceId: 'i-2', MonthlyCost: '10' }, RightsizingType: 'MODIFY', ModifyRecommendationDetail: { TargetInstances: [] } },
        { AccountId: '111122223333', CurrentInstance: { ResourceId: 'i-3', MonthlyCost: '10' } },
      ],
    };
    expect(rightsizingOpportunities([page])).toEqual([]);
  });

  test('fails loudly on an amount that is not a number, naming it', () => {
    const page: GetRightsizingRecommendationResponse = {
      RightsizingRecommendations: [{ CurrentInstance: { ResourceId: 'i-4', MonthlyCost: 'n/a' }, RightsizingType: 'TERMINATE' }],
    };
    expect(() => rightsizingOpportunities([page])).toThrow('CurrentInstance.MonthlyCost of i-4 is not a decimal amount: "n/a"');
  });
});

import type { GetReservationPurchaseRecommendationResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import { reservedInstanceOpportunities, selectOpportunities } from '../../../src/runtime/optimization';

const page = loadFixture<GetReservationPurchaseRecommendationResponse>('GetReservationPurchaseRecommendation.page1');
const severalRegions = loadFixture<GetReservationPurchaseRecommendationResponse>('GetReservationPurchaseRecommendation.several-regions');

describe('reservedInstanceOpportunities', () => {
  const opportunities = reservedInstanceOpportunities([page]);

  test('gives one opportunity per recommendation detail', () => {
    expect(opportunities.map(opportunity => [opportunity.accountId, opportunity.resourceId, opportunity.monthlySavings])).toEqual([
      ['111122223333', 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '250.50'],
      ['444455556666', 'EC2:eu-west-1:r5.xlarge:Linux/UNIX:Shared', '99.99'],
      ['111122223333', 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '100.00'],
    ]);
  });

  test('reads on-demand cost, savings and upfront cost, and scores the payback', () => {
    expect(opportunities[0]).toEqual({
      id: 'cost-explorer:RESERVED_INSTANCES:111122223333:EC2:us-east-1:m5.large:Linux/UNIX:Shared:ONE_YEAR:PARTIAL_UPFRONT',
      type: 'RESERVED_INSTANCES',
      resourceId: 'EC2:us-east-1:m5.large:Linux/UNIX:Shared',
      service: 'EC2',
      region: 'us-east-1',
      accountId: '111122223333',
      currency: 'USD',
      currentMonthlyCost: '700.80',
      optimizedMonthlyCost: '450.30',
      monthlySavings: '250.50',
      savingsPercentage: '35.74',
      upfrontCost: '2628.00',
      effort: 'LOW',
      risk: 'MEDIUM',
      priorityScore: '1202.88',
      source: 'COST_EXPLORER',
      action: 'Buy 10 1-year partial upfront EC2 reservation(s) for m5.large Linux/UNIX Shared in us-east-1',
      generatedAt: '2026-11-25T12:00:00Z',
      details: {
        averageUtilization: '98.5',
        estimatedBreakEvenInMonths: '5.2',
        lookbackPeriodInDays: 'THIRTY_DAYS',
        offeringClass: 'STANDARD',
        paymentOption: 'PARTIAL_UPFRONT',
        recommendationId: '7a6b5c4d-0000-4000-8000-000000000001',
        recommendedQuantity: '10',
        recurringStandardMonthlyCost: '219.00',
        sourceSavingsPercentage: '35.75',
        termInYears: 'ONE_YEAR',
      },
    });
  });

  test('translates Cost Explorer region names', () => {
    expect(opportunities[1].region).toBe('eu-west-1');
  });

  test('a three-year term is a HIGH risk', () => {
    const threeYears = reservedInstanceOpportunities([{ ...page, Recommendations: [{ ...page.Recommendations![0], TermInYears: 'THREE_YEARS' }] }]);
    expect(threeYears[0].risk).toBe('HIGH');
    expect(threeYears[0].id).toContain(':THREE_YEARS:PARTIAL_UPFRONT');
    expect(threeYears[0].resourceId).toBe(opportunities[0].resourceId);
  });

  test('names RDS and DynamoDB reservations by their own attributes', () => {
    const other: GetReservationPurchaseRecommendationResponse = {
      Recommendations: [{
        TermInYears: 'ONE_YEAR',
        PaymentOption: 'NO_UPFRONT',
        RecommendationDetails: [
          {
            AccountId: '111122223333',
            InstanceDetails: { RDSInstanceDetails: { InstanceType: 'db.r6g.large', Region: 'Europe (Frankfurt)', DatabaseEngine: 'PostgreSQL', DeploymentOption: 'Multi-AZ', LicenseModel: 'No license required' } },
            RecommendedNumberOfInstancesToPurchase: '2',
            EstimatedMonthlySavingsAmount: '120.5',
            EstimatedMonthlyOnDemandCost: '400',
          },
          {
            AccountId: '111122223333',
            ReservedCapacityDetails: { DynamoDBCapacityDetails: { CapacityUnits: '100', Region: 'us-west-2' } },
            RecommendedNumberOfCapacityUnitsToPurchase: '100',
            EstimatedMonthlySavingsAmount: '30',
            EstimatedMonthlyOnDemandCost: '90',
          },
        ],
      }],
    };
    const [rds, dynamoDb] = reservedInstanceOpportunities([other]);
    expect(rds).toMatchObject({
      service: 'RDS',
      region: 'eu-central-1',
      resourceId: 'RDS:eu-central-1:db.r6g.large:PostgreSQL:Multi-AZ:No license required',
      upfrontCost: '0.00',
      action: 'Buy 2 1-year no upfront RDS reservation(s) for db.r6g.large PostgreSQL Multi-AZ No license required in eu-central-1',
    });
    expect(dynamoDb).toMatchObject({ service: 'DynamoDB', region: 'us-west-2', resourceId: 'DynamoDB:us-west-2:capacity-units', monthlySavings: '30.00', savingsPercentage: '33.33' });
  });

  test('one instance type in several regions, platforms and tenancies is several purchases, all kept by selection', () => {
    const recommended = reservedInstanceOpportunities([severalRegions]);
    const selection = selectOpportunities(recommended);
    expect(selection.duplicates).toEqual([]);
    expect(selection.ranked.map(opportunity => [opportunity.resourceId, opportunity.monthlySavings]).sort()).toEqual([
      ['EC2:ap-southeast-2:m5.large:Linux/UNIX:Shared', '130.00'],
      ['EC2:eu-west-1:m5.large:Linux/UNIX:Shared', '140.00'],
      ['EC2:us-east-1:m5.large:Linux/UNIX:Dedicated', '180.00'],
      ['EC2:us-east-1:m5.large:Linux/UNIX:Shared', '150.00'],
      ['EC2:us-east-1:m5.large:Windows:Shared', '210.00'],
      ['EC2:us-west-2:m5.large:Linux/UNIX:Shared', '120.00'],
      ['RDS:eu-central-1:db.r6g.large:PostgreSQL:Single-AZ:No license required', '110.00'],
      ['RDS:us-east-1:db.r6g.large:PostgreSQL:Single-AZ:No license required', '120.00'],
    ]);
    expect(new Set(recommended.map(opportunity => opportunity.id)).size).toBe(8);
    expect(selection.ranked.map(opportunity => opportunity.region).sort()).toEqual([
      'ap-southeast-2', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-west-2',
    ]);
  });

  test('the same purchase for another term or payment option is still recognised as the same reservation', () => {
    const threeYears = reservedInstanceOpportunities([{ ...severalRegions, Recommendations: [{ ...severalRegions.Recommendations![0], TermInYears: 'THREE_YEARS' }] }]);
    const oneYear = reservedInstanceOpportunities([{ ...severalRegions, Recommendations: [severalRegions.Recommendations![0]] }]);
    const selection = selectOpportunities([...oneYear, ...threeYears]);
    expect(selection.ranked).toHaveLength(6);
    expect(selection.duplicates).toHaveLength(6);
  });
});

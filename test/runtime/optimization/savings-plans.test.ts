import type { GetSavingsPlansPurchaseRecommendationResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import { savingsPlansOpportunities } from '../../../src/runtime/optimization';

const page = loadFixture<GetSavingsPlansPurchaseRecommendationResponse>('GetSavingsPlansPurchaseRecommendation.page1');

describe('savingsPlansOpportunities', () => {
  const opportunities = savingsPlansOpportunities([page]);

  test('turns hourly on-demand spend into a monthly cost at 730 hours', () => {
    expect(opportunities[0]).toEqual({
      id: 'cost-explorer:SAVINGS_PLANS:111122223333:COMPUTE_SP:ONE_YEAR:PARTIAL_UPFRONT',
      type: 'SAVINGS_PLANS',
      resourceId: 'COMPUTE_SP',
      service: 'Compute',
      region: 'global',
      accountId: '111122223333',
      currency: 'USD',
      currentMonthlyCost: '1606.00',
      optimizedMonthlyCost: '1185.52',
      monthlySavings: '420.48',
      savingsPercentage: '26.18',
      upfrontCost: '3504.00',
      effort: 'LOW',
      risk: 'MEDIUM',
      priorityScore: '2233.37',
      source: 'COST_EXPLORER',
      action: 'Commit 0.800 USD/hour to a 1-year partial upfront Compute Savings Plan',
      generatedAt: '2026-11-25T12:00:00Z',
      details: {
        currentAverageHourlyOnDemandSpend: '2.20',
        estimatedAverageUtilization: '99.5',
        estimatedROI: '35.2',
        hourlyCommitmentToPurchase: '0.800',
        lookbackPeriodInDays: 'THIRTY_DAYS',
        paymentOption: 'PARTIAL_UPFRONT',
        recommendationDetailId: '9c8d7e6f-0000-4000-8000-000000000001',
        recommendationId: '8b7c6d5e-0000-4000-8000-000000000001',
        savingsPlansType: 'COMPUTE_SP',
        sourceSavingsPercentage: '26.18',
        termInYears: 'ONE_YEAR',
      },
    });
  });

  test('gives one opportunity per account detail', () => {
    expect(opportunities[1]).toMatchObject({ accountId: '444455556666', currentMonthlyCost: '730.00', monthlySavings: '199.99', upfrontCost: '500.00', priorityScore: '1489.57' });
  });

  test('an EC2 Instance Savings Plan is regional and per family', () => {
    const ec2Plan = savingsPlansOpportunities([{
      SavingsPlansPurchaseRecommendation: {
        SavingsPlansType: 'EC2_INSTANCE_SP',
        TermInYears: 'THREE_YEARS',
        PaymentOption: 'ALL_UPFRONT',
        SavingsPlansPurchaseRecommendationDetails: [{
          AccountId: '111122223333',
          SavingsPlansDetails: { Region: 'US East (N. Virginia)', InstanceFamily: 'm5' },
          HourlyCommitmentToPurchase: '1.5',
          CurrentAverageHourlyOnDemandSpend: '3',
          EstimatedMonthlySavingsAmount: '700',
          UpfrontCost: '39420',
        }],
      },
    }]);
    expect(ec2Plan[0]).toMatchObject({
      resourceId: 'EC2_INSTANCE_SP:m5:us-east-1',
      service: 'EC2',
      region: 'us-east-1',
      risk: 'HIGH',
      currentMonthlyCost: '2190.00',
      action: 'Commit 1.5 USD/hour to a 3-year all upfront EC2 Instance Savings Plan for m5 in us-east-1',
    });
  });

  test('names SageMaker and other plan types', () => {
    const plan = (SavingsPlansType: 'SAGEMAKER_SP' | 'DATABASE_SP') => savingsPlansOpportunities([{
      SavingsPlansPurchaseRecommendation: {
        SavingsPlansType,
        SavingsPlansPurchaseRecommendationDetails: [{ AccountId: '111122223333', HourlyCommitmentToPurchase: '1', EstimatedMonthlySavingsAmount: '300' }],
      },
    }])[0];
    expect(plan('SAGEMAKER_SP')).toMatchObject({ service: 'SageMaker', region: 'unknown', action: 'Commit 1 USD/hour to a 1-year partial upfront SageMaker Savings Plan' });
    expect(plan('DATABASE_SP')).toMatchObject({ service: 'Database', action: 'Commit 1 USD/hour to a 1-year partial upfront DATABASE_SP Savings Plan' });
  });

  test('a page without a recommendation gives nothing', () => {
    expect(savingsPlansOpportunities([{}])).toEqual([]);
  });
});

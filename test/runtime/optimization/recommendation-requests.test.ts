import {
  RESERVATION_SERVICES, reservationPurchaseRequest, resolvePolicy, rightsizingRequest, savingsPlansPurchaseRequest,
} from '../../../src/runtime/optimization';

describe('recommendation requests from the policy', () => {
  test('rightsizing stays in the instance family and counts existing commitments', () => {
    expect(rightsizingRequest()).toEqual({ Service: 'AmazonEC2', Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY', BenefitsConsidered: true } });
    expect(rightsizingRequest(resolvePolicy({ rightsizing: { recommendationTarget: 'CROSS_INSTANCE_FAMILY' } })).Configuration?.RecommendationTarget)
      .toBe('CROSS_INSTANCE_FAMILY');
  });

  test('Reserved Instances: one year, partial upfront, standard EC2 offering by default', () => {
    expect(reservationPurchaseRequest()).toEqual({
      Service: 'Amazon Elastic Compute Cloud - Compute',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'PARTIAL_UPFRONT',
      LookbackPeriodInDays: 'THIRTY_DAYS',
      ServiceSpecification: { EC2Specification: { OfferingClass: 'STANDARD' } },
    });
    expect(reservationPurchaseRequest(resolvePolicy(), RESERVATION_SERVICES.RDS)).toEqual({
      Service: 'Amazon Relational Database Service', TermInYears: 'ONE_YEAR', PaymentOption: 'PARTIAL_UPFRONT', LookbackPeriodInDays: 'THIRTY_DAYS',
    });
  });

  test('Savings Plans: Compute, one year, partial upfront by default', () => {
    expect(savingsPlansPurchaseRequest()).toEqual({
      SavingsPlansType: 'COMPUTE_SP', TermInYears: 'ONE_YEAR', PaymentOption: 'PARTIAL_UPFRONT', LookbackPeriodInDays: 'THIRTY_DAYS',
    });
    expect(savingsPlansPurchaseRequest(resolvePolicy({ savingsPlans: { termInYears: 'THREE_YEARS', paymentOption: 'NO_UPFRONT' } })))
      .toMatchObject({ TermInYears: 'THREE_YEARS', PaymentOption: 'NO_UPFRONT' });
  });
});

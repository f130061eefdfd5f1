import {
  ALL_RESERVATION_SERVICES, RESERVATION_SERVICES, reservationPurchaseRequest, reservationServicesOf, resolvePolicy, rightsizingRequest,
  savingsPlansPurchaseRequest,
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

describe('reservation services from the optimizer setting', () => {
  test('every service Cost Explorer recommends reservations for when unset, in order', () => {
    expect(reservationServicesOf(undefined)).toEqual([
      'Amazon Elastic Compute Cloud - Compute', 'Amazon Relational Database Service', 'Amazon Redshift',
      'Amazon ElastiCache', 'Amazon OpenSearch Service', 'Amazon MemoryDB',
    ]);
    expect(ALL_RESERVATION_SERVICES).toHaveLength(6);
  });

  test('the named services, and a name Cost Explorer does not know is refused', () => {
    expect(reservationServicesOf('Amazon Redshift,Amazon MemoryDB')).toEqual(['Amazon Redshift', 'Amazon MemoryDB']);
    expect(() => reservationServicesOf('Amazon Redshift,Amazon DynamoDB')).toThrow(/names "Amazon DynamoDB"; Cost Explorer recommends reservations for/);
  });
});

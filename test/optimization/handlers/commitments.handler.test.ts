import { acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, setEnvironment, storedReport, wireFixture } from './loopback-fixtures';
import { Optimizer, OptimizerKind, PriorityFormula } from '../../../src/optimization';
import { handler } from '../../../src/optimization/commitments.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, useLoopbackEnvironment } from '../../support/aws-loopback';

/**
 * When the commitments schedule fires (the 1st, 09:00 UTC by default); the SDK's clock stays real.
 * A past moment: a run refuses a scheduledTime in the future (runTimeOf).
 */
const SCHEDULED_TIME = '2026-11-01T09:00:00Z';

let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  // The seed's defaults: RIs from 100 USD/month, Compute Savings Plans from 200, one year, partial upfront, 30 days.
  deployed = deployOptimizer(OptimizerKind.COMMITMENTS, { optimizers: [Optimizer.commitments()] });
});

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
  restore.push(setEnvironment(deployed.environment));
});

afterEach(() => {
  restore.pop()?.();
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

describe('commitments handler over the loopback', () => {
  test('asks for the policy\'s commitments, pages, retries throttling, and reports them exactly', async () => {
    const reservations = wireFixture('GetReservationPurchaseRecommendation.page1');
    loopback.queue('GetReservationPurchaseRecommendation',
      awsJsonReply({ ...reservations, NextPageToken: 'ri-page-2' }),
      awsJsonReply({ Metadata: reservations.Metadata, Recommendations: [] }),
    );
    loopback.queue('GetSavingsPlansPurchaseRecommendation',
      awsJsonError('ThrottlingException', 'Rate exceeded'),
      awsJsonReply(wireFixture('GetSavingsPlansPurchaseRecommendation.page1')),
    );

    const result = await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });

    const reservationCalls = loopback.requestsFor('GetReservationPurchaseRecommendation');
    expect(reservationCalls[0].input).toEqual({
      Service: 'Amazon Elastic Compute Cloud - Compute',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'PARTIAL_UPFRONT',
      LookbackPeriodInDays: 'THIRTY_DAYS',
      ServiceSpecification: { EC2Specification: { OfferingClass: 'STANDARD' } },
    });
    expect(reservationCalls[1].input.NextPageToken).toBe('ri-page-2');
    const planCalls = loopback.requestsFor('GetSavingsPlansPurchaseRecommendation');
    expect(planCalls.map(attemptOf)).toEqual(['1', '2']);
    expect(planCalls[1].input).toEqual({ SavingsPlansType: 'COMPUTE_SP', TermInYears: 'ONE_YEAR', PaymentOption: 'PARTIAL_UPFRONT', LookbackPeriodInDays: 'THIRTY_DAYS' });

    const report = storedReport(loopback, 'commitments', SCHEDULED_TIME);
    expect(report.totals).toEqual({ count: 3, monthlySavings: '770.98', annualSavings: '9251.76', upfrontCost: '6132.00' });
    expect(report.opportunities.map((opportunity: any) => [opportunity.rank, opportunity.type, opportunity.resourceId, opportunity.monthlySavings,
      opportunity.upfrontCost])).toEqual([
      [1, 'SAVINGS_PLANS', 'COMPUTE_SP', '420.48', '3504.00'],
      [2, 'RESERVED_INSTANCES', 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '250.50', '2628.00'],
      [3, 'RESERVED_INSTANCES', 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '100.00', '0.00'],
    ]);
    // Two recommendations save less than the policy's minimums (100 USD for RIs, 200 for Savings Plans).
    expect(report.excluded).toEqual({ duplicates: 0, belowThresholds: 2 });
    expect(report.costExplorerRequests).toEqual({
      requestCount: 3, costUsd: '0.03', byOperation: { GetReservationPurchaseRecommendation: 2, GetSavingsPlansPurchaseRecommendation: 1 },
    });
    expect(result.monthlySavings).toBe('770.98');
    expect(report.accountId).toBe('111122223333');
  });

  test('ranks with the pipeline\'s priority formula, as the template passes it', async () => {
    const seedPipeline = deployOptimizer(OptimizerKind.COMMITMENTS, { optimizers: [Optimizer.commitments()], priorityFormula: PriorityFormula.SEED });
    expect([deployed.environment.PRIORITY_FORMULA, seedPipeline.environment.PRIORITY_FORMULA]).toEqual(['risk-adjusted-savings', 'seed']);
    const ranking = async (pipeline: DeployedOptimizer) => {
      loopback.requests.length = 0;
      loopback.queue('GetReservationPurchaseRecommendation', awsJsonReply(wireFixture('GetReservationPurchaseRecommendation.page1')));
      loopback.queue('GetSavingsPlansPurchaseRecommendation', awsJsonReply(wireFixture('GetSavingsPlansPurchaseRecommendation.page1')));
      restore.push(setEnvironment(pipeline.environment));
      await handler(pipeline.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: pipeline.functionArn });
      restore.pop()!();
      return storedReport(loopback, 'commitments', SCHEDULED_TIME).opportunities
        .map((opportunity: any) => [opportunity.rank, opportunity.resourceId, opportunity.priorityScore]);
    };

    expect(await ranking(deployed)).toEqual([
      [1, 'COMPUTE_SP', '2233.37'],
      [2, 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '1202.88'],
      [3, 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '900.00'],
    ]);
    // Seed: int(420.48 / 100) - 0 - 5 = -1, int(250.50 / 100) - 0 - 5 = -3, int(100 / 100) - 0 - 5 = -4: each raised to 1,
    // and the tie goes to the smaller id (RESERVED_INSTANCES before SAVINGS_PLANS, c5 before m5).
    expect(await ranking(seedPipeline)).toEqual([
      [1, 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '1.00'],
      [2, 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '1.00'],
      [3, 'COMPUTE_SP', '1.00'],
    ]);
  });
});

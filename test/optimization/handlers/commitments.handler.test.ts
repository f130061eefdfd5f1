import { acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, metricsLogged, setEnvironment, storedReport, wireFixture } from './loopback-fixtures';
import { Optimizer, OptimizerKind, PriorityFormula, ReservationService } from '../../../src/optimization';
import { handler } from '../../../src/optimization/commitments.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, LoopbackReply, useLoopbackEnvironment } from '../../support/aws-loopback';

/**
 * When the commitments schedule fires (the 1st, 09:00 UTC by default); the SDK's clock stays real.
 * A past moment: a run refuses a scheduledTime in the future (runTimeOf).
 */
const SCHEDULED_TIME = '2026-11-01T09:00:00Z';

const COMMITMENT_USAGE_OPERATIONS = ['GetReservationUtilization', 'GetReservationCoverage', 'GetSavingsPlansUtilization', 'GetSavingsPlansCoverage'];

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
  // Services a test gives no recommendations for answer with none.
  loopback.on('GetReservationPurchaseRecommendation', () => awsJsonReply({ Metadata: { RecommendationId: 'none' }, Recommendations: [] }));
  // An account with no commitments: Cost Explorer has no utilization or coverage to give.
  for (const operation of COMMITMENT_USAGE_OPERATIONS) {
    loopback.on(operation, () => awsJsonError('DataUnavailableException', 'Data is not available for the requested time period.'));
  }
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
  test('asks each service for its reservations and for Savings Plans, pages, retries throttling, and reports them exactly', async () => {
    const ec2 = wireFixture('GetReservationPurchaseRecommendation.page1');
    const pagesByService: Record<string, Array<LoopbackReply>> = {
      'Amazon Elastic Compute Cloud - Compute': [
        awsJsonReply({ ...ec2, NextPageToken: 'ri-page-2' }),
        awsJsonReply({ Metadata: ec2.Metadata, Recommendations: [] }),
      ],
      'Amazon Relational Database Service': [awsJsonReply(wireFixture('GetReservationPurchaseRecommendation.rds'))],
      'Amazon ElastiCache': [awsJsonReply(wireFixture('GetReservationPurchaseRecommendation.elasticache'))],
      'Amazon OpenSearch Service': [awsJsonError('AccessDeniedException', 'Not authorized for this service')],
    };
    loopback.on('GetReservationPurchaseRecommendation', (request) =>
      pagesByService[request.input.Service]?.shift() ?? awsJsonReply({ Metadata: ec2.Metadata, Recommendations: [] }));
    loopback.queue('GetSavingsPlansPurchaseRecommendation',
      awsJsonError('ThrottlingException', 'Rate exceeded'),
      awsJsonReply(wireFixture('GetSavingsPlansPurchaseRecommendation.page1')),
    );

    const result = await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });

    const reservationCalls = loopback.requestsFor('GetReservationPurchaseRecommendation');
    expect(reservationCalls.map((call) => [call.input.Service, call.input.NextPageToken])).toEqual([
      ['Amazon Elastic Compute Cloud - Compute', undefined],
      ['Amazon Elastic Compute Cloud - Compute', 'ri-page-2'],
      ['Amazon Relational Database Service', undefined],
      ['Amazon ElastiCache', undefined],
      ['Amazon OpenSearch Service', undefined],
      ['Amazon Redshift', undefined],
      ['Amazon MemoryDB', undefined],
    ]);
    expect(reservationCalls[0].input).toEqual({
      Service: 'Amazon Elastic Compute Cloud - Compute',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'PARTIAL_UPFRONT',
      LookbackPeriodInDays: 'THIRTY_DAYS',
      ServiceSpecification: { EC2Specification: { OfferingClass: 'STANDARD' } },
    });
    expect(reservationCalls[2].input).toEqual({
      Service: 'Amazon Relational Database Service', TermInYears: 'ONE_YEAR', PaymentOption: 'PARTIAL_UPFRONT', LookbackPeriodInDays: 'THIRTY_DAYS',
    });
    const planCalls = loopback.requestsFor('GetSavingsPlansPurchaseRecommendation');
    expect(planCalls.map(attemptOf)).toEqual(['1', '2']);
    expect(planCalls[1].input).toEqual({ SavingsPlansType: 'COMPUTE_SP', TermInYears: 'ONE_YEAR', PaymentOption: 'PARTIAL_UPFRONT', LookbackPeriodInDays: 'THIRTY_DAYS' });

    const report = storedReport(loopback, 'commitments', SCHEDULED_TIME);
    expect(report.opportunities.map((opportunity: any) => [opportunity.rank, opportunity.type, opportunity.service, opportunity.resourceId,
      opportunity.monthlySavings, opportunity.upfrontCost])).toEqual([
      [1, 'SAVINGS_PLANS', 'Compute', 'COMPUTE_SP', '420.48', '3504.00'],
      [2, 'RESERVED_INSTANCES', 'EC2', 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '250.50', '2628.00'],
      // No upfront cost to pay back: c5.large ranks above larger savings that need one.
      [3, 'RESERVED_INSTANCES', 'EC2', 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '100.00', '0.00'],
      [4, 'RESERVED_INSTANCES', 'RDS', 'RDS:us-east-1:db.r6g.large:PostgreSQL:Multi-AZ:No license required', '180.25', '2190.00'],
      [5, 'RESERVED_INSTANCES', 'ElastiCache', 'ElastiCache:us-east-1:cache.r6g.large:redis', '140.16', '1314.00'],
      [6, 'RESERVED_INSTANCES', 'RDS', 'RDS:us-east-1:db.m5.xlarge:MySQL:Single-AZ:No license required', '120.00', '1500.00'],
    ]);
    expect(report.totals).toEqual({ count: 6, monthlySavings: '1211.39', annualSavings: '14536.68', upfrontCost: '11136.00' });
    // Two recommendations save less than the policy's minimums (100 USD for RIs, 200 for Savings Plans).
    expect(report.excluded).toEqual({ duplicates: 0, belowThresholds: 2 });
    expect(report.failedSources).toEqual([expect.objectContaining({
      source: 'Cost Explorer GetReservationPurchaseRecommendation (Amazon OpenSearch Service)', errorName: 'AccessDeniedException',
    })]);
    // Answered requests are counted: the refused OpenSearch request and the throttled attempt are not.
    expect(report.costExplorerRequests).toEqual({
      requestCount: 7, costUsd: '0.07', byOperation: { GetReservationPurchaseRecommendation: 6, GetSavingsPlansPurchaseRecommendation: 1 },
    });
    expect(result.monthlySavings).toBe('1211.39');
    expect(report.accountId).toBe('111122223333');
  });

  test('asks only the configured services, and drops reservations below the expected utilization and plans below the hourly commitment', async () => {
    const pipeline = deployOptimizer(OptimizerKind.COMMITMENTS, {
      optimizers: [Optimizer.commitments({
        reservationServices: [ReservationService.RDS],
        reservedInstancesMinUtilizationPercentage: 80,
        savingsPlansMinHourlyCommitment: 1,
      })],
    });
    loopback.queue('GetReservationPurchaseRecommendation', awsJsonReply(wireFixture('GetReservationPurchaseRecommendation.rds')));
    loopback.queue('GetSavingsPlansPurchaseRecommendation', awsJsonReply(wireFixture('GetSavingsPlansPurchaseRecommendation.page1')));
    restore.push(setEnvironment(pipeline.environment));
    await handler(pipeline.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: pipeline.functionArn });
    restore.pop()!();

    expect(loopback.requestsFor('GetReservationPurchaseRecommendation').map((call) => call.input.Service)).toEqual(['Amazon Relational Database Service']);
    const report = storedReport(loopback, 'commitments', SCHEDULED_TIME);
    // db.m5.xlarge is expected at 61.0% utilization, below 80; the Compute plan commits 0.800 USD/hour, below 1.
    expect(report.opportunities.map((opportunity: any) => opportunity.resourceId))
      .toEqual(['RDS:us-east-1:db.r6g.large:PostgreSQL:Multi-AZ:No license required']);
    expect(report.costExplorerRequests.requestCount).toBe(2);
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

describe('commitments handler measuring utilization and coverage over the loopback', () => {
  const LAST_MONTH = { Start: '2026-10-01', End: '2026-11-01' };
  // Response shapes from the API references (GetReservationUtilization, GetReservationCoverage, GetSavingsPlansUtilization, GetSavingsPlansCoverage).
  const answerUsage = (coverageRefused = false) => {
    loopback.queue('GetReservationUtilization',
      awsJsonReply({ UtilizationsByTime: [], NextPageToken: 'ru-page-2' }),
      awsJsonReply({
        UtilizationsByTime: [{ TimePeriod: LAST_MONTH, Total: { UtilizationPercentage: '87.5' } }],
        Total: { UtilizationPercentage: '87.5', PurchasedHours: '1488', TotalActualHours: '1302', UnusedHours: '186' },
      }));
    loopback.queue('GetReservationCoverage', coverageRefused
      ? awsJsonError('AccessDeniedException', 'not authorized to perform: ce:GetReservationCoverage')
      : awsJsonReply({
        CoveragesByTime: [],
        Total: { CoverageHours: { OnDemandHours: '2232', ReservedHours: '1302', TotalRunningHours: '3534', CoverageHoursPercentage: '36.8421052631' } },
      }));
    loopback.queue('GetSavingsPlansUtilization', awsJsonReply({
      SavingsPlansUtilizationsByTime: [],
      Total: { Utilization: { TotalCommitment: '744.00', UsedCommitment: '706.80', UnusedCommitment: '37.20', UtilizationPercentage: '95' } },
    }));
    loopback.queue('GetSavingsPlansCoverage',
      awsJsonReply({
        SavingsPlansCoverages: [{ TimePeriod: LAST_MONTH, Coverage: { SpendCoveredBySavingsPlans: '706.80', OnDemandCost: '300.10', TotalCost: '1006.90' } }],
        NextToken: 'spc-page-2',
      }),
      awsJsonReply({
        SavingsPlansCoverages: [{ TimePeriod: LAST_MONTH, Coverage: { SpendCoveredBySavingsPlans: '0', OnDemandCost: '93.10', TotalCost: '93.10' } }],
      }));
  };

  const run = async () => {
    await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
    return storedReport(loopback, 'commitments', SCHEDULED_TIME);
  };

  test('last month\'s RI and Savings Plans utilization and coverage, paged and counted, exact in the report and published as metrics', async () => {
    answerUsage();
    loopback.on('GetSavingsPlansPurchaseRecommendation', () => awsJsonReply({ Metadata: {}, SavingsPlansPurchaseRecommendation: {} }));

    const report = await run();

    for (const operation of COMMITMENT_USAGE_OPERATIONS) {
      expect(loopback.requestsFor(operation)[0].input).toEqual({ TimePeriod: LAST_MONTH, Granularity: 'MONTHLY' });
    }
    expect(loopback.requestsFor('GetReservationUtilization').map((call) => call.input.NextPageToken)).toEqual([undefined, 'ru-page-2']);
    expect(loopback.requestsFor('GetSavingsPlansCoverage').map((call) => call.input.NextToken)).toEqual([undefined, 'spc-page-2']);
    // 706.80 / (1006.90 + 93.10) = 706.80 / 1100.00 = 64.2545...%.
    expect(report.commitmentUsage).toEqual({
      period: { start: '2026-10-01', end: '2026-11-01' },
      reservationUtilization: { percentage: '87.5', purchasedHours: '1488', actualHours: '1302' },
      reservationCoverage: { percentage: '36.8421052631', reservedHours: '1302', totalRunningHours: '3534' },
      savingsPlansUtilization: { percentage: '95', totalCommitment: '744.00', usedCommitment: '706.80' },
      savingsPlansCoverage: { percentage: '64.25', coveredSpend: '706.8', totalCost: '1100' },
    });
    expect(report.notes).toEqual(expect.arrayContaining([
      'Reserved Instance utilization 2026-10-01 to 2026-11-01: 87.5% (1302 of 1488 purchased hours used)',
      'Savings Plans coverage 2026-10-01 to 2026-11-01: 64.25% (706.8 of 1100 USD covered)',
    ]));
    expect(report.costExplorerRequests.byOperation).toMatchObject({
      GetReservationUtilization: 2, GetReservationCoverage: 1, GetSavingsPlansUtilization: 1, GetSavingsPlansCoverage: 2,
    });
    expect(report.failedSources).toEqual([]);
    const published = metricsLogged().filter((datum) => /Percentage$/.test(datum.name));
    expect(published).toEqual([
      { name: 'ReservationUtilizationPercentage', dimensions: 'Optimizer=commitments', value: 87.5 },
      { name: 'ReservationCoveragePercentage', dimensions: 'Optimizer=commitments', value: 36.8421052631 },
      { name: 'SavingsPlansUtilizationPercentage', dimensions: 'Optimizer=commitments', value: 95 },
      { name: 'SavingsPlansCoveragePercentage', dimensions: 'Optimizer=commitments', value: 64.25 },
    ]);
  });

  test('no commitments: no figure and no failure; a refused figure is named and the others still come', async () => {
    loopback.on('GetSavingsPlansPurchaseRecommendation', () => awsJsonReply({ Metadata: {}, SavingsPlansPurchaseRecommendation: {} }));
    const quiet = await run();
    expect(quiet.commitmentUsage).toEqual({ period: { start: '2026-10-01', end: '2026-11-01' } });
    expect(quiet.failedSources).toEqual([]);
    expect(metricsLogged().filter((datum) => /Percentage$/.test(datum.name))).toEqual([]);

    loopback.requests.length = 0;
    answerUsage(true);
    const partial = await run();
    expect(partial.failedSources).toEqual([expect.objectContaining({ source: 'Cost Explorer GetReservationCoverage', errorName: 'AccessDeniedException' })]);
    expect(partial.commitmentUsage.reservationUtilization.percentage).toBe('87.5');
    expect(partial.commitmentUsage.reservationCoverage).toBeUndefined();
    expect(partial.commitmentUsage.savingsPlansCoverage.percentage).toBe('64.25');
  });
});

import type { GetEC2InstanceRecommendationsResponse, GetLambdaFunctionRecommendationsResponse } from '@aws-sdk/client-compute-optimizer';
import type { GetRightsizingRecommendationResponse } from '@aws-sdk/client-cost-explorer';
import type { ListRecommendationsResponse } from '@aws-sdk/client-cost-optimization-hub';
import { loadFixture } from './fixtures';
import { testOpportunity } from './opportunities';
import { allFixtureOpportunities } from './pipeline-fixture';
import {
  computeOptimizerFunctionOpportunities,
  computeOptimizerInstanceOpportunities,
  costOptimizationHubOpportunities,
  deduplicateOpportunities,
  dedupeKey,
  isPreferred,
  OpportunityType,
  rightsizingOpportunities,
  withAgreeingSources,
} from '../../../src/runtime/optimization';

describe('deduplicateOpportunities', () => {
  test('keeps the Cost Optimization Hub copy of a resource change that Cost Explorer also reports', () => {
    const explorer = testOpportunity({ id: 'cost-explorer:a', source: 'COST_EXPLORER', resourceId: 'i-0ABC', generatedAt: '2026-11-26T06:00:00Z' });
    const hub = testOpportunity({ id: 'cost-optimization-hub:b', source: 'COST_OPTIMIZATION_HUB', resourceId: 'i-0abc', generatedAt: '2026-11-26T04:00:00Z' });
    const outcome = deduplicateOpportunities([explorer, hub]);
    expect(outcome.kept).toEqual([hub]);
    expect(outcome.duplicates).toEqual([{
      opportunity: explorer,
      keptId: 'cost-optimization-hub:b',
      reason: 'the same resource and type from a preferred or newer source (cost-optimization-hub:b) is kept',
    }]);
  });

  test('between copies from one source keeps the newer, then the smaller id, whatever the input order', () => {
    const older = testOpportunity({ id: 'x:1', generatedAt: '2026-11-25T00:00:00Z' });
    const newer = testOpportunity({ id: 'x:2', generatedAt: '2026-11-26T00:00:00Z' });
    const undated = testOpportunity({ id: 'x:0' });
    expect(deduplicateOpportunities([older, newer, undated]).kept).toEqual([newer]);
    expect(deduplicateOpportunities([undated, newer, older]).kept).toEqual([newer]);
    const twin = testOpportunity({ id: 'x:3', generatedAt: '2026-11-26T00:00:00Z' });
    expect(deduplicateOpportunities([twin, newer]).kept).toEqual([newer]);
    expect(deduplicateOpportunities([newer, twin]).kept).toEqual([newer]);
  });

  test('prefers Cost Explorer for a purchase, and keeps one source\'s plan per account and service', () => {
    const explorerPlan = testOpportunity({ id: 'ce:sp', type: OpportunityType.SAVINGS_PLANS, resourceId: 'COMPUTE_SP', service: 'Compute', source: 'COST_EXPLORER' });
    const hubPlan = testOpportunity({ id: 'coh:sp', type: OpportunityType.SAVINGS_PLANS, resourceId: '111122223333', service: 'Compute', source: 'COST_OPTIMIZATION_HUB' });
    const hubPlanElsewhere = testOpportunity({
      id: 'coh:sp2', type: OpportunityType.SAVINGS_PLANS, resourceId: '444455556666', accountId: '444455556666', service: 'Compute', source: 'COST_OPTIMIZATION_HUB',
    });
    const outcome = deduplicateOpportunities([hubPlan, explorerPlan, hubPlanElsewhere]);
    expect(outcome.kept).toEqual([explorerPlan, hubPlanElsewhere]);
    expect(outcome.duplicates).toEqual([{
      opportunity: hubPlan, keptId: 'COST_EXPLORER', reason: 'COST_EXPLORER\'s purchase recommendations for the same account and service are kept',
    }]);
  });

  test('keeps one change per resource, the one saving most', () => {
    const resize = testOpportunity({ id: 'a', type: OpportunityType.RIGHTSIZING, monthlySavings: '60' });
    const terminate = testOpportunity({ id: 'b', type: OpportunityType.IDLE_RESOURCE, monthlySavings: '120' });
    const otherAccount = testOpportunity({ id: 'c', accountId: '444455556666', monthlySavings: '10' });
    const outcome = deduplicateOpportunities([resize, terminate, otherAccount]);
    expect(outcome.kept).toEqual([terminate, otherAccount]);
    expect(outcome.duplicates.map(duplicate => [duplicate.opportunity.id, duplicate.keptId])).toEqual([['a', 'b']]);
    expect(deduplicateOpportunities([resize, terminate], { onePerResource: false }).kept).toEqual([resize, terminate]);
  });

  test('leaves purchases of different things alone', () => {
    const first = testOpportunity({ id: 'ri:1', type: OpportunityType.RESERVED_INSTANCES, resourceId: 'EC2:m5.large' });
    const second = testOpportunity({ id: 'ri:2', type: OpportunityType.RESERVED_INSTANCES, resourceId: 'EC2:c5.large' });
    expect(deduplicateOpportunities([first, second]).kept).toEqual([first, second]);
  });

  test('on the fixtures, drops the Explorer rightsizing, the inventory gp2 volume and the Hub Savings Plan', () => {
    const outcome = deduplicateOpportunities(allFixtureOpportunities());
    expect(outcome.duplicates.map(duplicate => duplicate.opportunity.id)).toEqual([
      'cost-explorer:RIGHTSIZING:111122223333:i-0a1b2c3d4e5f60001',
      'ec2-inventory:STORAGE_GP2_TO_GP3:111122223333:vol-0123456789abcdef0',
      'cost-optimization-hub:MTExMTIyMjIzMzMzXzAwMDQ=',
    ]);
    expect(outcome.kept).toHaveLength(allFixtureOpportunities().length - 3);
  });
});

describe('dedupeKey and isPreferred', () => {
  test('key on type, account, Region and resource, ignoring the case of the resource id', () => {
    expect(dedupeKey(testOpportunity({ resourceId: 'VOL-ABC' }))).toBe('RIGHTSIZING|111122223333|us-east-1|vol-abc');
  });

  test('a region that names no one Region (a Compute Savings Plan\'s "global", an unmapped "unknown") leaves the key by account and id', () => {
    expect(dedupeKey(testOpportunity({ resourceId: 'COMPUTE_SP', region: 'global' }))).toBe('RIGHTSIZING|111122223333||compute_sp');
    expect(dedupeKey(testOpportunity({ resourceId: 'i-0abc', region: 'unknown' }))).toBe('RIGHTSIZING|111122223333||i-0abc');
  });

  test('opportunities with one key text are one, also when a part of it holds "|"', () => {
    const first = testOpportunity({ id: 'x:1', region: 'a', resourceId: 'b|c' });
    const second = testOpportunity({ id: 'x:2', region: 'a|b', resourceId: 'c' });
    expect(dedupeKey(first)).toBe(dedupeKey(second));
    expect(deduplicateOpportunities([second, first]).kept).toEqual([first]);
    const other = testOpportunity({ id: 'x:3', region: 'a', resourceId: 'b|d' });
    expect(deduplicateOpportunities([first, other]).kept).toEqual([first, other]);
  });

  test('an opportunity is not preferred over itself', () => {
    const opportunity = testOpportunity();
    expect(isPreferred(opportunity, opportunity)).toBe(false);
  });
});

describe('deduplication across Cost Explorer, Cost Optimization Hub and Compute Optimizer', () => {
  const explorerPages = () => [
    loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page1'),
    loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page2'),
  ];
  const overlapping = () => withAgreeingSources([
    ...rightsizingOpportunities(explorerPages()),
    ...costOptimizationHubOpportunities([loadFixture<ListRecommendationsResponse>('ListRecommendations.page1')]),
    ...computeOptimizerInstanceOpportunities([loadFixture<GetEC2InstanceRecommendationsResponse>('GetEC2InstanceRecommendations.page1')]),
    ...computeOptimizerFunctionOpportunities([loadFixture<GetLambdaFunctionRecommendationsResponse>('GetLambdaFunctionRecommendations.page1')]),
  ]);

  test('one opportunity per resource and action: the hub\'s, naming the sources that agreed with it', () => {
    const outcome = deduplicateOpportunities(overlapping());
    const instance = outcome.kept.filter((opportunity) => opportunity.resourceId === 'i-0a1b2c3d4e5f60001');
    expect(instance.map((opportunity) => [opportunity.source, opportunity.monthlySavings, opportunity.details.alsoFoundBy]))
      .toEqual([['COST_OPTIMIZATION_HUB', '150.10', 'COMPUTE_OPTIMIZER, COST_EXPLORER']]);
    const dropped = outcome.duplicates.filter((duplicate) => duplicate.opportunity.resourceId === 'i-0a1b2c3d4e5f60001');
    expect(dropped.map((duplicate) => [duplicate.opportunity.source, duplicate.keptId])).toEqual([
      ['COST_EXPLORER', instance[0].id],
      ['COMPUTE_OPTIMIZER', instance[0].id],
    ]);
  });

  test('a function named by ARN (Compute Optimizer) and by name (the hub) is one resource', () => {
    const outcome = deduplicateOpportunities(overlapping());
    const kept = outcome.kept.filter((opportunity) => opportunity.resourceId === 'my-function');
    expect(kept.map((opportunity) => [opportunity.source, opportunity.details.alsoFoundBy])).toEqual([['COST_OPTIMIZATION_HUB', 'COMPUTE_OPTIMIZER']]);
    expect(outcome.duplicates.map((duplicate) => duplicate.opportunity.id))
      .toContain('compute-optimizer:arn:aws:lambda:us-east-1:111122223333:function:my-function:$LATEST');
  });

  test('without the hub, Compute Optimizer is kept over Cost Explorer, and names it', () => {
    const found = withAgreeingSources([
      ...rightsizingOpportunities(explorerPages()),
      ...computeOptimizerInstanceOpportunities([loadFixture<GetEC2InstanceRecommendationsResponse>('GetEC2InstanceRecommendations.page1')]),
    ]);
    const kept = deduplicateOpportunities(found).kept.filter((opportunity) => opportunity.resourceId === 'i-0a1b2c3d4e5f60001');
    expect(kept.map((opportunity) => [opportunity.source, opportunity.monthlySavings, opportunity.details.alsoFoundBy]))
      .toEqual([['COMPUTE_OPTIMIZER', '145.27', 'COST_EXPLORER']]);
  });

  test('two Lambda functions of one name in two Regions of one account are two resources, the same one named by ARN and by name still one', () => {
    const functionIn = (region: string, resourceId: string, source: string, id: string) =>
      testOpportunity({ id, type: OpportunityType.RIGHTSIZING, service: 'Lambda', region, resourceId, source: source as any, monthlySavings: '4.00' });
    const virginia = functionIn('us-east-1', 'arn:aws:lambda:us-east-1:111122223333:function:api', 'COMPUTE_OPTIMIZER', 'co:use1');
    const ireland = functionIn('eu-west-1', 'arn:aws:lambda:eu-west-1:111122223333:function:api', 'COMPUTE_OPTIMIZER', 'co:euw1');
    const irelandByName = functionIn('eu-west-1', 'api', 'COST_OPTIMIZATION_HUB', 'coh:euw1');
    const outcome = deduplicateOpportunities(withAgreeingSources([virginia, ireland, irelandByName]));
    expect(outcome.kept.map((opportunity) => [opportunity.id, opportunity.details.alsoFoundBy])).toEqual([
      ['co:use1', undefined], ['coh:euw1', 'COMPUTE_OPTIMIZER'],
    ]);
    expect(outcome.duplicates.map((duplicate) => [duplicate.opportunity.id, duplicate.keptId])).toEqual([['co:euw1', 'coh:euw1']]);
  });

  test('a copy whose source could not tell the Region meets the copy that names it; with two named Regions it meets neither', () => {
    const named = testOpportunity({ id: 'coh:a', source: 'COST_OPTIMIZATION_HUB', region: 'eu-west-1', resourceId: 'i-0abc' });
    const unnamed = testOpportunity({ id: 'ce:a', source: 'COST_EXPLORER', region: 'unknown', resourceId: 'i-0abc' });
    expect(deduplicateOpportunities([unnamed, named]).kept).toEqual([named]);
    const elsewhere = testOpportunity({ id: 'coh:b', source: 'COST_OPTIMIZATION_HUB', region: 'us-east-1', resourceId: 'i-0abc' });
    expect(deduplicateOpportunities([unnamed, named, elsewhere], { onePerResource: false }).kept).toEqual([unnamed, named, elsewhere]);
  });

  test('an opportunity no other source confirms is left as it was', () => {
    const alone = testOpportunity({ id: 'only', resourceId: 'i-0lonely' });
    expect(withAgreeingSources([alone])[0]).toBe(alone);
  });
});

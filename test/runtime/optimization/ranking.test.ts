import { testOpportunity } from './opportunities';
import { allFixtureOpportunities } from './pipeline-fixture';
import {
  Decimal, OpportunityType, rankOpportunities, resolvePolicy, seedPriorityScore, selectOpportunities,
} from '../../../src/runtime/optimization';

describe('rankOpportunities', () => {
  const small = testOpportunity({ id: 'c', monthlySavings: '10' });
  const large = testOpportunity({ id: 'b', monthlySavings: '1000', currentMonthlyCost: '4000' });
  const tieB = testOpportunity({ id: 'e', monthlySavings: '100' });
  const tieA = testOpportunity({ id: 'd', monthlySavings: '100' });

  test('ranks by score, highest first, ties by id', () => {
    const ranked = rankOpportunities([small, tieB, large, tieA]);
    expect(ranked.map(opportunity => [opportunity.rank, opportunity.id, opportunity.priorityScore])).toEqual([
      [1, 'b', '12000.00'],
      [2, 'd', '1200.00'],
      [3, 'e', '1200.00'],
      [4, 'c', '120.00'],
    ]);
  });

  test('ranks opportunities as built (scores remembered) exactly as copies of them (scores computed from their fields)', () => {
    const built = allFixtureOpportunities();
    const copies = built.map(opportunity => JSON.parse(JSON.stringify(opportunity)));
    expect(JSON.stringify(rankOpportunities(built))).toBe(JSON.stringify(rankOpportunities(copies)));
  });

  test('keeps each field of the opportunity, in the order the report lists them, with its rank last', () => {
    const [ranked] = rankOpportunities([large]);
    expect(Object.keys(ranked)).toEqual([...Object.keys(large), 'rank']);
    expect(ranked).toEqual({ ...large, rank: 1 });
  });

  test('gives the same order whatever the input order', () => {
    const forward = rankOpportunities([small, tieB, large, tieA]).map(opportunity => opportunity.id);
    const backward = rankOpportunities([tieA, large, tieB, small]).map(opportunity => opportunity.id);
    expect(backward).toEqual(forward);
  });

  test('compares scores at full precision before falling back to the id', () => {
    const scores: Record<string, string> = { a: '1.001', z: '1.004' };
    const scorer = (opportunity: { monthlySavings: string }) => new Decimal(scores[opportunity.monthlySavings === '1.00' ? 'a' : 'z']);
    const first = testOpportunity({ id: 'a', monthlySavings: '1' });
    const second = testOpportunity({ id: 'z', monthlySavings: '2' });
    const ranked = rankOpportunities([first, second], scorer);
    expect(ranked.map(opportunity => [opportunity.id, opportunity.priorityScore])).toEqual([['z', '1.00'], ['a', '1.00']]);
  });

  test('re-scores with the seed formula on request', () => {
    // Default: 3000 * 12 halved by a 12-month payback = 18000 against 2000 * 12 = 24000. Seed: 30 against 20, upfront ignored.
    const bigWithUpfront = testOpportunity({ id: 'x', monthlySavings: '3000', currentMonthlyCost: '9000', upfrontCost: '36000' });
    const smallerWithout = testOpportunity({ id: 'y', monthlySavings: '2000', currentMonthlyCost: '9000' });
    expect(rankOpportunities([bigWithUpfront, smallerWithout]).map(opportunity => [opportunity.id, opportunity.priorityScore]))
      .toEqual([['y', '24000.00'], ['x', '18000.00']]);
    const seedRanked = rankOpportunities([bigWithUpfront, smallerWithout], seedPriorityScore);
    expect(seedRanked.map(opportunity => [opportunity.id, opportunity.priorityScore])).toEqual([['x', '30.00'], ['y', '20.00']]);
  });
});

describe('selectOpportunities on the fixtures', () => {
  const selection = selectOpportunities(allFixtureOpportunities());

  test('deduplicates, applies the seed thresholds and ranks', () => {
    const rows = selection.ranked.map(opportunity => [
      opportunity.rank, opportunity.type, opportunity.resourceId, opportunity.monthlySavings, opportunity.priorityScore,
    ]);
    expect(rows).toEqual([
      [1, 'STORAGE_UNATTACHED_VOLUME', 'vol-0aaaaaaaaaaaaaaa5', '337.50', '3037.50'],
      [2, 'SAVINGS_PLANS', 'COMPUTE_SP', '420.48', '2233.37'],
      [3, 'RESERVED_INSTANCES', 'EC2:us-east-1:m5.large:Linux/UNIX:Shared', '250.50', '1202.88'],
      [4, 'RIGHTSIZING', 'i-0a1b2c3d4e5f60001', '150.10', '1080.72'],
      [5, 'RIGHTSIZING', 'my-function', '75.50', '906.00'],
      [6, 'RESERVED_INSTANCES', 'EC2:us-east-1:c5.large:Linux/UNIX:Shared', '100.00', '900.00'],
      [7, 'IDLE_RESOURCE', 'i-0a1b2c3d4e5f60002', '78.11', '468.66'],
      [8, 'RIGHTSIZING', 'i-0a1b2c3d4e5f60004', '60.73', '437.26'],
      [9, 'MIGRATE_TO_GRAVITON', 'i-0a1b2c3d4e5f60009', '88.88', '319.97'],
      [10, 'STORAGE_GP2_TO_GP3', 'vol-0aaaaaaaaaaaaaaa2', '20.00', '240.00'],
      [11, 'STORAGE_UNATTACHED_VOLUME', 'vol-0aaaaaaaaaaaaaaa3', '26.00', '234.00'],
      [12, 'STORAGE_GP2_TO_GP3', 'vol-0123456789abcdef0', '10.00', '120.00'],
      [13, 'STORAGE_UNATTACHED_VOLUME', 'vol-0aaaaaaaaaaaaaaa6', '8.00', '72.00'],
      [14, 'STORAGE_OLD_SNAPSHOT', 'snap-0000000000000002', '5.00', '45.00'],
      [15, 'STORAGE_GP2_TO_GP3', 'vol-0aaaaaaaaaaaaaaa1', '2.00', '24.00'],
      [16, 'STORAGE_OLD_SNAPSHOT', 'snap-0000000000000004', '0.40', '1.92'],
    ]);
    expect(selection.ranked[11].source).toBe('COST_OPTIMIZATION_HUB');
  });

  test('says what the thresholds turned down and why', () => {
    expect(selection.rejected.map(rejection => [rejection.opportunity.id, rejection.reason])).toEqual([
      ['cost-explorer:RIGHTSIZING:111122223333:i-0a1b2c3d4e5f60003', 'peak CPU 35.2% is above 20%'],
      ['cost-explorer:RESERVED_INSTANCES:444455556666:EC2:eu-west-1:r5.xlarge:Linux/UNIX:Shared:ONE_YEAR:PARTIAL_UPFRONT', 'saves 99.99 USD a month, below the minimum of 100'],
      ['cost-explorer:SAVINGS_PLANS:444455556666:COMPUTE_SP:ONE_YEAR:PARTIAL_UPFRONT', 'saves 199.99 USD a month, below the minimum of 200'],
      ['cost-optimization-hub:NDQ0NDU1NTU2NjY2XzAwMDM=', 'saves 33.30 USD a month, below the minimum of 50'],
    ]);
    expect(selection.duplicates).toHaveLength(3);
  });

  test('a laxer policy keeps more', () => {
    const lax = resolvePolicy({ rightsizing: { maxCpuUtilizationPercentage: '40', minMonthlySavings: '30' } });
    expect(selectOpportunities(allFixtureOpportunities(), { policy: lax }).ranked).toHaveLength(17);
    const laxer = resolvePolicy({ rightsizing: { maxCpuUtilizationPercentage: '40', maxMemoryUtilizationPercentage: '40', minMonthlySavings: '30' } });
    const laxerSelection = selectOpportunities(allFixtureOpportunities(), { policy: laxer });
    expect(laxerSelection.ranked).toHaveLength(18);
    expect(laxerSelection.ranked.map(opportunity => opportunity.resourceId)).toContain('i-0a1b2c3d4e5f60003');
    expect(laxerSelection.ranked.filter(opportunity => opportunity.type === OpportunityType.IDLE_RESOURCE)).toHaveLength(2);
  });
});

describe('rankOpportunities on many ties', () => {
  // Ids that ascend in input order take the fast path (ties by index); shuffled they compare ids.
  const opportunities = Array.from({ length: 40 }, (_, index) => testOpportunity({
    id: `rec-${String(index).padStart(3, '0')}`, monthlySavings: String(100 + (index % 4) * 25),
  }));

  test('ranks ascending and shuffled input alike, ties by id', () => {
    const shuffled = opportunities.map((_, index) => opportunities[(index * 7) % opportunities.length]);
    const ascending = rankOpportunities(opportunities).map(opportunity => opportunity.id);
    expect(rankOpportunities(shuffled).map(opportunity => opportunity.id)).toEqual(ascending);
    expect(ascending.slice(0, 3)).toEqual(['rec-003', 'rec-007', 'rec-011']);
  });

  test('keeps opportunities of equal score and equal id in input order', () => {
    const first = testOpportunity({ id: 'same', monthlySavings: '100', resourceId: 'i-1' });
    const second = testOpportunity({ id: 'same', monthlySavings: '100', resourceId: 'i-2' });
    expect(rankOpportunities([first, second]).map(opportunity => opportunity.resourceId)).toEqual(['i-1', 'i-2']);
    expect(rankOpportunities([second, first]).map(opportunity => opportunity.resourceId)).toEqual(['i-2', 'i-1']);
  });
});

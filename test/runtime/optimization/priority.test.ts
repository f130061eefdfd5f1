import { testOpportunity } from './opportunities';
import { Decimal, paybackMonths, priorityScore, priorityScorerNamed, seedPriorityScore } from '../../../src/runtime/optimization';

describe('seedPriorityScore', () => {
  // max(min(int(monthlySavings / 100), 50) - effortPenalty - riskPenalty, 1), computed by hand.
  test.each([
    ['500', 'MEDIUM', 'LOW', '1'], // 5 - 10 - 0 = -5, raised to 1
    ['6000', 'LOW', 'LOW', '50'], // 60, capped at 50
    ['5000', 'LOW', 'LOW', '50'],
    ['4999.99', 'LOW', 'LOW', '49'], // int truncates 49.9999
    ['199.99', 'LOW', 'LOW', '1'], // int(1.9999) = 1
    ['3000', 'MEDIUM', 'MEDIUM', '15'], // 30 - 10 - 5
    ['3000', 'HIGH', 'HIGH', '1'], // 30 - 20 - 15 = -5
    ['9000', 'HIGH', 'HIGH', '15'], // 50 - 20 - 15
    ['9000', 'LOW', 'HIGH', '35'], // 50 - 0 - 15
    ['9000', 'HIGH', 'LOW', '30'], // 50 - 20 - 0
    ['2500', 'LOW', 'MEDIUM', '20'], // 25 - 0 - 5
    ['0', 'LOW', 'LOW', '1'],
  ] as const)('%s USD a month, effort %s, risk %s scores %s', (monthlySavings, effort, risk, score) => {
    expect(seedPriorityScore(testOpportunity({ monthlySavings, currentMonthlyCost: '100000', effort, risk })).toString()).toBe(score);
  });

  test('ignores upfront cost and the savings percentage', () => {
    const withUpfront = testOpportunity({ monthlySavings: '2500', currentMonthlyCost: '2600', upfrontCost: '99999' });
    const without = testOpportunity({ monthlySavings: '2500', currentMonthlyCost: '250000' });
    expect(seedPriorityScore(withUpfront).toString()).toBe('25');
    expect(seedPriorityScore(without).toString()).toBe('25');
  });
});

describe('priorityScorerNamed', () => {
  test('names both formulas and refuses any other name', () => {
    expect(priorityScorerNamed('risk-adjusted-savings')).toBe(priorityScore);
    expect(priorityScorerNamed('seed')).toBe(seedPriorityScore);
    expect(() => priorityScorerNamed('SEED')).toThrow('The priority formula is one of risk-adjusted-savings, seed; got "SEED"');
    expect(() => priorityScorerNamed('toString')).toThrow('The priority formula is one of');
  });
});

describe('priorityScore', () => {
  test('is the annual savings when effort and risk are low and nothing is paid upfront', () => {
    expect(priorityScore(testOpportunity({ monthlySavings: '1000', currentMonthlyCost: '4000' })).toString()).toBe('12000');
  });

  test('discounts risk and effort', () => {
    const risky = testOpportunity({ monthlySavings: '1000', currentMonthlyCost: '4000', risk: 'HIGH', effort: 'HIGH' });
    const middling = testOpportunity({ monthlySavings: '1000', currentMonthlyCost: '4000', risk: 'MEDIUM', effort: 'MEDIUM' });
    expect(priorityScore(risky).toString()).toBe('3600');
    expect(priorityScore(middling).toString()).toBe('7200');
  });

  test('halves the score for a 12-month payback, a third off for 6 months', () => {
    expect(priorityScore(testOpportunity({ monthlySavings: '1000', currentMonthlyCost: '4000', upfrontCost: '12000' })).toString()).toBe('6000');
    expect(priorityScore(testOpportunity({ monthlySavings: '1000', currentMonthlyCost: '4000', upfrontCost: '6000' })).toString()).toBe('8000');
  });

  test('scores an opportunity that saves nothing 0', () => {
    expect(priorityScore(testOpportunity({ monthlySavings: '0' })).toString()).toBe('0');
    expect(priorityScore(testOpportunity({ monthlySavings: '-5', upfrontCost: '100' })).toString()).toBe('0');
  });

  test('ranks a no-upfront saving above an equal one that needs cash first', () => {
    const noUpfront = priorityScore(testOpportunity({ monthlySavings: '250', risk: 'MEDIUM' }));
    const upfront = priorityScore(testOpportunity({ monthlySavings: '250', risk: 'MEDIUM', upfrontCost: '2628' }));
    expect(noUpfront.greaterThan(upfront)).toBe(true);
  });
});

describe('paybackMonths', () => {
  test('divides the upfront cost by the monthly savings', () => {
    expect(paybackMonths(new Decimal('3504'), new Decimal('420.48'))!.toFixed(4)).toBe('8.3333');
    expect(paybackMonths(new Decimal('0'), new Decimal('10'))!.toString()).toBe('0');
    expect(paybackMonths(new Decimal('100'), new Decimal('0'))).toBeUndefined();
  });
});

import { testOpportunity } from './opportunities';
import { Decimal, paybackMonths, priorityScore, seedPriorityScore } from '../../../src/runtime/optimization';

describe('seedPriorityScore', () => {
  test('matches the seed formula computed by hand', () => {
    // 25 * 0.4 + min(500 / 1000, 1) * 100 * 0.4 + 60 * 0.2 = 10 + 20 + 12
    const opportunity = testOpportunity({ currentMonthlyCost: '2000', monthlySavings: '500', effort: 'MEDIUM' });
    expect(opportunity.savingsPercentage).toBe('25.00');
    expect(seedPriorityScore(opportunity).toString()).toBe('42');
  });

  test('stops telling savings apart above 1000 a month, and ignores risk and upfront cost', () => {
    // 10 * 0.4 + 1 * 100 * 0.4 + 30 * 0.2 = 4 + 40 + 6
    const large = testOpportunity({ currentMonthlyCost: '25000', monthlySavings: '2500', effort: 'HIGH', risk: 'HIGH', upfrontCost: '99999' });
    const larger = testOpportunity({ currentMonthlyCost: '250000', monthlySavings: '25000', effort: 'HIGH' });
    expect(seedPriorityScore(large).toString()).toBe('50');
    expect(seedPriorityScore(larger).toString()).toBe('50');
  });

  test('scores LOW effort 100', () => {
    expect(seedPriorityScore(testOpportunity({ currentMonthlyCost: '100', monthlySavings: '0' })).toString()).toBe('20');
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

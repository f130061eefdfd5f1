import {
  exactAmountText, MONTHS_PER_YEAR, multiplyExact, parseExactAmount, percentageText, roundedText,
} from '../../../src/runtime/optimization/exact-amount';
import {
  addFixed, FIXED_SCALE, fixedAmountText, fixedPercentageText, fixedRoundedText, fixedRoundedTextAs, multiplyFixed, parseFixedAmount,
} from '../../../src/runtime/optimization/fixed-amount';
import { exactPriorityScore, FIXED_SCORE_SCALE, fixedPriorityScore } from '../../../src/runtime/optimization/priority';

/** Amounts that take every branch: cents, half cents, six decimals, trailing zeros, negatives, zero, the limits. */
const AMOUNTS = [
  '0', '0.00', '-0.001', '0.004', '0.005', '0.0049999', '1', '7', '10.5', '23.6', '99.995', '99.9949', '100.000001',
  '149.90', '150.1', '1798.80', '333.333333', '-5', '-12.345', '12.3400000', '1250000.125', '2251799813.685247',
  '2251799813.685248', '123456789012.5',
];

describe('fixed micro-unit amounts', () => {
  test('parse the digits of plain decimals, exactly', () => {
    expect(parseFixedAmount('12.34')).toBe(12_340_000);
    expect(parseFixedAmount('-0.004')).toBe(-4_000);
    expect(parseFixedAmount('7')).toBe(7_000_000);
    expect(parseFixedAmount('0.1234560000')).toBe(123_456);
    expect(parseFixedAmount('-0')).toBe(0);
  });

  test('leave the exact path what they cannot hold', () => {
    for (const text of ['0.0000001', '12.340000000000002', '1e-7', '1.5e+21', ' 1', '1.', '.5', '', '-', '1.2.3', 'abc', '2251799813.685248']) {
      expect(parseFixedAmount(text)).toBeUndefined();
    }
    expect(multiplyFixed(2 ** 50, 2)).toBeUndefined();
    expect(addFixed(2 ** 50, 2 ** 50)).toBeUndefined();
  });

  test.each(AMOUNTS)('%s renders as the exact path renders it', (text) => {
    const fixed = parseFixedAmount(text);
    if (fixed === undefined) {
      return;
    }
    const exact = parseExactAmount(text, 'amount');
    expect(fixedAmountText(fixed)).toBe(exactAmountText(exact));
    expect(fixedRoundedText(fixed)).toBe(roundedText(exact));
    const annual = multiplyFixed(fixed, 12);
    if (annual !== undefined) {
      expect(fixedAmountText(annual)).toBe(exactAmountText(multiplyExact(exact, MONTHS_PER_YEAR)));
    }
  });

  test('percentages and scores are the exact path\'s, to the cent', () => {
    for (const partText of AMOUNTS) {
      for (const wholeText of AMOUNTS) {
        const [part, whole] = [parseFixedAmount(partText), parseFixedAmount(wholeText)];
        if (part === undefined || whole === undefined || whole === 0) continue;
        const percentage = fixedPercentageText(part, whole);
        if (percentage !== undefined) {
          expect(`${partText}/${wholeText}: ${percentage}`).toBe(`${partText}/${wholeText}: ${percentageText(parseExactAmount(partText, 'part'), parseExactAmount(wholeText, 'whole'))}`);
        }
      }
      const savings = parseFixedAmount(partText);
      for (const [effort, risk] of [['LOW', 'LOW'], ['MEDIUM', 'MEDIUM'], ['HIGH', 'HIGH'], ['LOW', 'HIGH']] as const) {
        const score = savings === undefined ? undefined : fixedPriorityScore(savings, 0, effort, risk);
        if (score !== undefined) {
          const exact = exactPriorityScore(parseExactAmount(partText, 'savings'), parseExactAmount('0', 'upfront'), effort, risk);
          expect(`${partText} ${effort} ${risk}: ${fixedRoundedText(score, FIXED_SCORE_SCALE)}`).toBe(`${partText} ${effort} ${risk}: ${roundedText(exact)}`);
        }
      }
    }
  });

  test('a rounded text keeps the text it is given only when it is exactly that text', () => {
    const units = 1_199_875_000_000; // 1199.875 at scale 9: 1199.88
    expect(fixedRoundedTextAs(units, FIXED_SCORE_SCALE, '1199.88')).toBe('1199.88');
    for (const written of ['1199.87', '1199.89', '01199.88', '1199.880', '1199.8', '+1199.88', ' 1199.88', '1199.88 ', '1,199.88',
      '1199,88', '1199.8a', '', '.88', '119988', '-1199.88', '1199.88\n', '١١٩٩.٨٨', '0000000000001199.88', '99999999999999999.88']) {
      expect(fixedRoundedTextAs(units, FIXED_SCORE_SCALE, written)).toBe('1199.88');
    }
    expect(fixedRoundedTextAs(0, FIXED_SCORE_SCALE, '0.00')).toBe('0.00');
    expect(fixedRoundedTextAs(0, FIXED_SCORE_SCALE, '00.00')).toBe('0.00');
    expect(fixedRoundedTextAs(4_000_000, FIXED_SCORE_SCALE, '0.00')).toBe('0.00');
    expect(fixedRoundedTextAs(5_000_000, FIXED_SCORE_SCALE, '0.00')).toBe('0.01');
    expect(fixedRoundedTextAs(-5_000_000, FIXED_SCORE_SCALE, '0.01')).toBe('-0.01');
    expect(fixedRoundedTextAs(-4_000_000, FIXED_SCORE_SCALE, '0.00')).toBe('-0.00');
    for (const amount of AMOUNTS) {
      const fixed = parseFixedAmount(amount);
      if (fixed === undefined) continue;
      expect(fixedRoundedTextAs(fixed, FIXED_SCALE, 'x')).toBe(fixedRoundedText(fixed));
      expect(fixedRoundedTextAs(fixed, FIXED_SCALE, fixedRoundedText(fixed))).toBe(fixedRoundedText(fixed));
    }
  });

  test('an upfront cost takes the exact path', () => {
    expect(fixedPriorityScore(100 * 10 ** FIXED_SCALE, 1, 'LOW', 'LOW')).toBeUndefined();
  });
});

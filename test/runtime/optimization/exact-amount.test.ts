import {
  compareAmountTexts, Decimal, divideExact, exactAmountFromNumber, exactAmountText, InvalidAmountError, parseAmount, parseExactAmount,
  percentageText, priorityScore, roundedText, toDecimalPrecision, toExactAmount, toMoney,
} from '../../../src/runtime/optimization';
import { EFFORT_FACTORS, PAYBACK_HALVING_MONTHS, RISK_FACTORS } from '../../../src/runtime/optimization/priority';

/** A deterministic stream of amounts like the ones AWS sends: up to 15 significant digits, 0 to 12 decimals, some negative. */
function amounts(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  return Array.from({ length: count }, () => {
    const digits = String(next()) + String(next());
    const significant = digits.slice(0, 1 + (next() % 15)).replace(/^0+(?=\d)/, '');
    const decimals = next() % 13;
    const padded = significant.padStart(decimals + 1, '0');
    const text = decimals === 0 ? padded : `${padded.slice(0, padded.length - decimals)}.${padded.slice(padded.length - decimals)}`;
    return next() % 7 === 0 ? `-${text}` : text;
  });
}

const SAMPLES = amounts(400, 17);
const OTHER_SAMPLES = amounts(400, 91);

describe('parseExactAmount', () => {
  test('reads every amount as decimal.js does, and renders it as toExactAmount', () => {
    for (const text of [...SAMPLES, '1e-7', '1.5e+21', ' 5 ', '', '-0', '-0.00', '0x1f', '+5', '.5', '12.3450000000000000000001']) {
      expect(exactAmountText(parseExactAmount(text, 'amount'))).toBe(toExactAmount(parseAmount(text, 'amount')));
    }
    expect(exactAmountText(parseExactAmount(undefined, 'amount'))).toBe('0.00');
  });

  test('refuses what parseAmount refuses, naming the field', () => {
    for (const text of ['abc', '1,5', 'Infinity', 'NaN', '12 USD']) {
      expect(() => parseExactAmount(text, 'MonthlyCost of i-1')).toThrow(InvalidAmountError);
      expect(() => parseExactAmount(text, 'MonthlyCost of i-1')).toThrow('MonthlyCost of i-1 is not a decimal amount');
    }
  });

  test('JSON numbers keep the decimal the service wrote', () => {
    expect(exactAmountText(exactAmountFromNumber(0.1, 'x'))).toBe('0.10');
    expect(exactAmountText(exactAmountFromNumber(1e-7, 'x'))).toBe('0.0000001');
    expect(exactAmountText(exactAmountFromNumber(undefined, 'x'))).toBe('0.00');
    expect(() => exactAmountFromNumber(Number.NaN, 'x')).toThrow(InvalidAmountError);
  });
});

describe('roundedText', () => {
  test('rounds half away from zero to cents as toMoney does, keeping the sign of a negative amount that rounds to zero', () => {
    for (const text of [...SAMPLES, '0.005', '-0.005', '-0.001', '0.004999999999', '-0', '2.675']) {
      expect(roundedText(parseExactAmount(text, 'amount'))).toBe(toMoney(new Decimal(text)));
    }
  });
});

describe('divideExact', () => {
  test('rounds quotients to 40 significant digits as decimal.js dividedBy does', () => {
    SAMPLES.forEach((dividend, index) => {
      const divisor = OTHER_SAMPLES[index];
      if (new Decimal(divisor).isZero()) {
        return;
      }
      const quotient = divideExact(parseExactAmount(dividend, 'dividend'), parseExactAmount(divisor, 'divisor'));
      expect(exactAmountText(quotient)).toBe(toExactAmount(new Decimal(dividend).dividedBy(divisor)));
    });
  });

  test('breaks a tie at the 41st digit away from zero, and rounds a long integer without losing its magnitude', () => {
    for (const [dividend, divisor] of [
      ['1234567890123456789012345678901234567890.5', '1'],
      ['-1234567890123456789012345678901234567890.5', '1'],
      ['2', '3'],
      ['123456789012345678901234567890123456789012345', '7'],
      ['1', '0.0000003'],
    ]) {
      const quotient = divideExact(parseExactAmount(dividend, 'dividend'), parseExactAmount(divisor, 'divisor'));
      expect(exactAmountText(quotient)).toBe(toExactAmount(new Decimal(dividend).dividedBy(divisor)));
    }
    expect(() => divideExact(parseExactAmount('1', 'x'), parseExactAmount('0.00', 'y'))).toThrow(RangeError);
  });

  test('rounds as decimal.js where operands and quotients have digit counts at powers of ten and around 2^53', () => {
    const boundaries = ['9', '10', '99', '100', '999999999999999', '1000000000000000', '9007199254740991', '9007199254740992',
      '9007199254740993', '9999999999999999', '10000000000000000', '99999999999999999'];
    for (const dividend of boundaries) {
      for (const divisor of [...boundaries, '3', '7', '0.7', '1.0000000000000001']) {
        const quotient = divideExact(parseExactAmount(dividend, 'dividend'), parseExactAmount(divisor, 'divisor'));
        expect(exactAmountText(quotient)).toBe(toExactAmount(new Decimal(dividend).dividedBy(divisor)));
      }
    }
  });

  test('toDecimalPrecision rounds a product as decimal.js times does', () => {
    const long = '98765432109876543210.98765432109876543215';
    expect(exactAmountText(toDecimalPrecision(parseExactAmount(long, 'x')))).toBe(toExactAmount(new Decimal(long).times(1)));
  });
});

describe('percentageText', () => {
  /** What the decimal.js code computed: `toMoney(part / whole * 100)`. */
  const decimalPercentage = (part: string, whole: string) => toMoney(new Decimal(part).dividedBy(whole).times(100));
  const percentage = (part: string, whole: string) => percentageText(parseExactAmount(part, 'part'), parseExactAmount(whole, 'whole'));

  test('gives decimal.js\'s cents for amounts with any number of decimals and signs', () => {
    SAMPLES.forEach((part, index) => {
      const whole = OTHER_SAMPLES[index];
      if (!new Decimal(whole).isZero()) {
        expect(percentage(part, whole)).toBe(decimalPercentage(part, whole));
      }
    });
  });

  test('rounds half cents away from zero, keeps the sign of a negative that rounds to zero, and takes the long path for long amounts', () => {
    for (const [part, whole] of [
      ['1', '8'], ['-1', '8'], ['1', '-8'], ['0.00001', '3'], ['-0.00001', '3'], ['0', '7'], ['2', '3'], ['1', '0.0000003'],
      ['12345678901234567890123456789012345.5', '7'], ['1', '1234567890123456789012345678901234567'],
      ['0.0000000000000000000000000000000000001', '3'],
    ]) {
      expect(percentage(part, whole)).toBe(decimalPercentage(part, whole));
    }
    expect(() => percentage('1', '0.00')).toThrow(RangeError);
  });
});

describe('compareAmountTexts', () => {
  test('orders amounts as decimal.js does, also where their nearest doubles are equal', () => {
    SAMPLES.forEach((first, index) => {
      expect(compareAmountTexts(first, OTHER_SAMPLES[index], 'amount')).toBe(new Decimal(first).comparedTo(OTHER_SAMPLES[index]));
    });
    expect(compareAmountTexts('0.1000000000000000000001', '0.1', 'amount')).toBe(1);
    expect(compareAmountTexts('5.00', '5', 'amount')).toBe(0);
    expect(() => compareAmountTexts('Infinity', '5', 'maxCpuPercentage')).toThrow('maxCpuPercentage is not a decimal amount');
  });
});

describe('priorityScore on exact amounts', () => {
  /** The formula as it was written with decimal.js, step by step. */
  function decimalPriorityScore(monthlySavings: Decimal, upfrontCost: Decimal, effort: 'LOW' | 'MEDIUM' | 'HIGH', risk: 'LOW' | 'MEDIUM' | 'HIGH'): Decimal {
    if (monthlySavings.lessThanOrEqualTo(0)) {
      return new Decimal(0);
    }
    const payback = upfrontCost.lessThanOrEqualTo(0) ? new Decimal(0) : upfrontCost.dividedBy(monthlySavings);
    return monthlySavings.times(12).times(RISK_FACTORS[risk]).times(EFFORT_FACTORS[effort])
      .dividedBy(payback.dividedBy(PAYBACK_HALVING_MONTHS).plus(1));
  }

  test('equals the decimal.js formula at full precision for amounts with many decimals and upfront costs', () => {
    const levels = ['LOW', 'MEDIUM', 'HIGH'] as const;
    SAMPLES.forEach((monthlySavings, index) => {
      const upfrontCost = OTHER_SAMPLES[index];
      const effort = levels[index % 3];
      const risk = levels[Math.floor(index / 3) % 3];
      const expected = decimalPriorityScore(new Decimal(monthlySavings), new Decimal(upfrontCost), effort, risk);
      expect(priorityScore({ monthlySavings, upfrontCost, effort, risk, savingsPercentage: '0.00' }).toFixed()).toBe(expected.toFixed());
    });
  });
});

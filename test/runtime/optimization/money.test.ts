import { amountFromNumber, Decimal, InvalidAmountError, parseAmount, percentageOf, sumAmounts, toMoney, toPercentage } from '../../../src/runtime/optimization';

describe('parseAmount', () => {
  test('reads Cost Explorer amount strings exactly', () => {
    expect(parseAmount('1234.5678', 'x').toString()).toBe('1234.5678');
    expect(parseAmount(' 0.10 ', 'x').toString()).toBe('0.1');
  });

  test('treats a missing or empty amount as zero', () => {
    expect(parseAmount(undefined, 'x').toString()).toBe('0');
    expect(parseAmount('', 'x').toString()).toBe('0');
  });

  test('refuses text that is not a decimal, naming the field', () => {
    expect(() => parseAmount('12,50', 'UpfrontCost of m5.large')).toThrow(InvalidAmountError);
    expect(() => parseAmount('12,50', 'UpfrontCost of m5.large')).toThrow('UpfrontCost of m5.large is not a decimal amount: "12,50"');
    expect(() => parseAmount('Infinity', 'x')).toThrow(InvalidAmountError);
    expect(() => parseAmount('NaN', 'x')).toThrow(InvalidAmountError);
  });
});

describe('amountFromNumber', () => {
  test('recovers the decimal the service wrote, not the binary double', () => {
    expect(amountFromNumber(0.1, 'x').plus(amountFromNumber(0.2, 'x')).toString()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(amountFromNumber(150.1, 'x').toString()).toBe('150.1');
  });

  test('treats missing as zero and refuses non-finite numbers', () => {
    expect(amountFromNumber(undefined, 'x').toString()).toBe('0');
    expect(() => amountFromNumber(Number.NaN, 'estimatedMonthlySavings')).toThrow('estimatedMonthlySavings is not a decimal amount');
    expect(() => amountFromNumber(Number.POSITIVE_INFINITY, 'x')).toThrow(InvalidAmountError);
  });
});

describe('formatting', () => {
  test('money has two decimals, rounded half up', () => {
    expect(toMoney(new Decimal('2.345'))).toBe('2.35');
    expect(toMoney(new Decimal('2.344999'))).toBe('2.34');
    expect(toMoney(new Decimal('-2.345'))).toBe('-2.35');
    expect(toMoney(new Decimal('7'))).toBe('7.00');
    expect(toPercentage(new Decimal('33.335'))).toBe('33.34');
  });

  test('sums many amounts exactly, where binary floating point drifts', () => {
    const amounts = Array.from({ length: 10_000 }, () => '0.01');
    expect(toMoney(sumAmounts(amounts))).toBe('100.00');
    expect(amounts.reduce((sum, amount) => sum + Number(amount), 0)).not.toBe(100);
  });

  test('a share of nothing is zero', () => {
    expect(percentageOf(new Decimal(5), new Decimal(0)).toString()).toBe('0');
    expect(percentageOf(new Decimal(1), new Decimal(3)).toFixed(4)).toBe('33.3333');
  });
});

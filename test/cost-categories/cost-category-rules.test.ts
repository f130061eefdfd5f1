import { sumOfDecimals, valuesDefinedBy } from '../../src/cost-categories/cost-category-rules';

describe('sumOfDecimals', () => {
  test.each([
    [['33.33', '33.33', '33.34'], '100'],
    [['0.01', '65.4', '34.59'], '100'],
    [['60', '39.99'], '99.99'],
    [['0.5', '0.50'], '1'],
    [['0.05'], '0.05'],
  ])('adds %j exactly to %s', (decimals, total) => {
    expect(sumOfDecimals(decimals)).toBe(total);
  });

  test('refuses numbers that are not plain decimals', () => {
    expect(sumOfDecimals(['1e-7', '100'])).toBeUndefined();
  });
});

describe('valuesDefinedBy', () => {
  test('lists regular rule values in rule order without repeats, then the default value', () => {
    const rules = [
      { Type: 'REGULAR' as const, Value: 'Production' },
      { Type: 'INHERITED_VALUE' as const, InheritedValue: { DimensionName: 'TAG' as const, DimensionKey: 'team' } },
      { Type: 'REGULAR' as const, Value: 'Development' },
      { Type: 'REGULAR' as const, Value: 'Production' },
    ];
    expect(valuesDefinedBy(rules, 'Unallocated')).toEqual(['Production', 'Development', 'Unallocated']);
  });
});

import { normalizeRegion } from '../../../src/runtime/optimization';

describe('normalizeRegion', () => {
  test('passes region codes through', () => {
    expect(normalizeRegion('eu-central-1')).toBe('eu-central-1');
    expect(normalizeRegion(' ap-southeast-1 ')).toBe('ap-southeast-1');
    expect(normalizeRegion('us-gov-west-1')).toBe('us-gov-west-1');
  });

  test('translates Cost Explorer location names, old and new spellings', () => {
    expect(normalizeRegion('US East (N. Virginia)')).toBe('us-east-1');
    expect(normalizeRegion('EU (Frankfurt)')).toBe('eu-central-1');
    expect(normalizeRegion('Europe (Frankfurt)')).toBe('eu-central-1');
    expect(normalizeRegion('Asia Pacific (Tokyo)')).toBe('ap-northeast-1');
  });

  test('keeps what it does not recognize visible rather than guessing', () => {
    expect(normalizeRegion('Antarctica (McMurdo)')).toBe('Antarctica (McMurdo)');
    expect(normalizeRegion(undefined)).toBe('unknown');
    expect(normalizeRegion('')).toBe('unknown');
  });
});

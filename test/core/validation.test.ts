import { App, Aws, Stack } from 'aws-cdk-lib';
import { checkCount, checkLength, checkRange, describeValue, fail, FinOpsValidationError, formatViolation, isAccountId, isEmailAddress, violationsOf } from '../../src/core/validation';

describe('the synth-time error format', () => {
  test('names the construct path, the value, the rule and the fix on one line', () => {
    expect(formatViolation('App/Stack/Budget', { value: 'a:b', rule: 'a budget name contains no ":"', fix: 'rename it' })).toBe(
      'App/Stack/Budget: "a:b" breaks the rule: a budget name contains no ":". Fix: rename it.',
    );
  });

  test('fail throws our error class with the construct path', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => fail(stack, { value: 3, rule: 'r', fix: 'f' })).toThrow(FinOpsValidationError);
    expect(() => fail(stack, { value: 3, rule: 'r', fix: 'f' })).toThrow('Stack: 3 breaks the rule: r. Fix: f.');
  });

  test('values are described for people', () => {
    expect(describeValue(['a', 1])).toBe('["a",1]');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(true)).toBe('true');
  });
});

describe('checks', () => {
  test('length, range and count, skipping tokens', () => {
    expect(checkLength('abc', 1, 2, 'a name', 'shorten it')?.rule).toBe('a name is 1-2 characters (this one has 3)');
    expect(checkLength(Aws.STACK_NAME, 1, 2, 'a name', 'shorten it')).toBeUndefined();
    expect(checkRange(0, 1, 10, 'a count', 'raise it')?.rule).toBe('a count must be between 1 and 10');
    expect(checkRange(Number.NaN, 1, 10, 'a count', 'raise it')).toBeDefined();
    expect(checkCount([1, 2, 3], 2, 'items', 'drop one')?.rule).toBe('at most 2 items (got 3)');
    expect(violationsOf(undefined, checkCount([1], 2, 'items', 'x'))).toEqual([]);
  });

  test('email addresses and account IDs', () => {
    expect(isEmailAddress('finops@example.com')).toBe(true);
    expect(isEmailAddress('finops@example')).toBe(false);
    expect(isEmailAddress('fin ops@example.com')).toBe(false);
    expect(isAccountId('111111111111')).toBe(true);
    expect(isAccountId('11111111111')).toBe(false);
  });
});

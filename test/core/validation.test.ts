import { App, Aws, Stack, Token } from 'aws-cdk-lib';
import {
  checkCount,
  checkLength,
  checkRange,
  describeList,
  describeValue,
  fail,
  failOnFirst,
  failOnViolations,
  FinOpsValidationError,
  formatCount,
  formatViolation,
  isAccountId,
  isEmailAddress,
  MAX_LISTED_VIOLATIONS,
  violationsOf,
} from '../../src/core/validation';

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

describe('one error per construct, listing every violation', () => {
  const stack = () => new Stack(new App(), 'Stack');

  test('a single violation is its one line', () => {
    expect(() => failOnViolations(stack(), [{ value: 'x', rule: 'r', fix: 'f' }])).toThrow(/^Stack: "x" breaks the rule: r\. Fix: f\.$/);
  });

  test('several violations: a count, then each in the one-line format (failOnFirst, the older name, does the same)', () => {
    const violations = [{ value: 'a', rule: 'r1', fix: 'f1' }, { value: 2, rule: 'r2', fix: 'f2' }];
    for (const failOn of [failOnViolations, failOnFirst]) {
      expect(() => failOn(stack(), violations)).toThrow(
        'Stack breaks 2 rules:\nStack: "a" breaks the rule: r1. Fix: f1.\nStack: 2 breaks the rule: r2. Fix: f2.',
      );
    }
  });

  test('lists at most MAX_LISTED_VIOLATIONS, then says how many more', () => {
    const violations = Array.from({ length: MAX_LISTED_VIOLATIONS + 5 }, (_, index) => ({ value: index, rule: 'r', fix: 'f' }));
    const message = (() => {
      try {
        failOnViolations(stack(), violations);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.split('\n')).toHaveLength(MAX_LISTED_VIOLATIONS + 2);
    expect(message).toMatch(/Stack: … and 5 more$/);
  });

  test('the same violation found in several places is said once', () => {
    const violation = { value: 'not-an-email', rule: 'r', fix: 'f' };
    expect(() => failOnViolations(stack(), [violation, violation])).toThrow(/^Stack: "not-an-email" breaks the rule: r\. Fix: f\.$/);
  });

  test('nothing to report throws nothing', () => {
    expect(() => failOnViolations(stack(), [])).not.toThrow();
  });
});

describe('values in messages stay short', () => {
  test('long values are cut, with their full length', () => {
    const described = describeValue('x'.repeat(5000));
    expect(described.length).toBeLessThan(250);
    expect(described).toMatch(/… \(5002 characters\)$/);
    expect(describeValue(Array.from({ length: 501 }, (_, index) => ({ Value: `v${index}` }))).length).toBeLessThan(250);
  });

  test('number tokens are named as such, not printed as -1.888e+289', () => {
    expect(describeValue(Token.asNumber(Aws.ACCOUNT_ID))).toBe('a number known only at deploy time');
  });

  test('lists show their first values and how many more', () => {
    expect(describeList(['a', 'b', 'c'], 2)).toBe('"a", "b" and 1 more');
    expect(describeList(['a'])).toBe('"a"');
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

describe('formatCount', () => {
  test.each([0, 7, 999, 1000, 20000, 1234567])('writes %d as toLocaleString("en-US") does', (count) => {
    expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
  });

  test('the account quota rules are written without toLocaleString, whose locale data costs a synth process hundreds of milliseconds to load', () => {
    const toLocaleString = jest.spyOn(Number.prototype, 'toLocaleString');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of the module is what is measured
      jest.isolateModules(() => require('../../src/core/private/account-quotas'));
      expect(toLocaleString).not.toHaveBeenCalled();
    } finally {
      toLocaleString.mockRestore();
    }
  });
});

import { Fn, Token } from 'aws-cdk-lib';
import { CostDimension, CostFilter, MatchOption } from '../../src';
import { describeExpression, expressionLeaves, expressionViolations } from '../../src/core/private/expression';

describe('CostFilter renders the Cost Explorer Expression', () => {
  test('dimension factories', () => {
    expect(CostFilter.services(['Amazon Simple Storage Service']).toCostExplorerExpression()).toEqual({
      Dimensions: { Key: 'SERVICE', Values: ['Amazon Simple Storage Service'] },
    });
    expect(CostFilter.linkedAccounts(['222222222222']).toCostExplorerExpression()).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'] } });
    expect(CostFilter.regions(['eu-west-1']).toCostExplorerExpression()).toEqual({ Dimensions: { Key: 'REGION', Values: ['eu-west-1'] } });
    expect(CostFilter.dimension(CostDimension.USAGE_TYPE, ['BoxUsage'], [MatchOption.STARTS_WITH]).toCostExplorerExpression()).toEqual({
      Dimensions: { Key: 'USAGE_TYPE', Values: ['BoxUsage'], MatchOptions: ['STARTS_WITH'] },
    });
  });

  test('tags, absent tags and cost categories', () => {
    expect(CostFilter.tag('team', ['a', 'b']).toCostExplorerExpression()).toEqual({ Tags: { Key: 'team', Values: ['a', 'b'] } });
    expect(CostFilter.tagAbsent('team').toCostExplorerExpression()).toEqual({ Tags: { Key: 'team', MatchOptions: ['ABSENT'] } });
    expect(CostFilter.costCategory('business-unit', ['Production']).toCostExplorerExpression()).toEqual({
      CostCategories: { Key: 'business-unit', Values: ['Production'] },
    });
  });

  test('and, or, not nest', () => {
    const filter = CostFilter.allOf(
      CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
      CostFilter.anyOf(CostFilter.tag('team', ['a']), CostFilter.negate(CostFilter.regions(['us-east-1']))),
    );
    expect(filter.toCostExplorerExpression()).toEqual({
      And: [
        { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } },
        { Or: [{ Tags: { Key: 'team', Values: ['a'] } }, { Not: { Dimensions: { Key: 'REGION', Values: ['us-east-1'] } } }] },
      ],
    });
    expect(expressionLeaves(filter.toCostExplorerExpression()).map(({ kind, leaf }) => `${kind}:${leaf.Key}`)).toEqual([
      'Dimensions:SERVICE',
      'Tags:team',
      'Dimensions:REGION',
    ]);
  });

  test('values given are copied, so later changes to the array do not leak in', () => {
    const accounts = ['222222222222'];
    const filter = CostFilter.linkedAccounts(accounts);
    accounts.push('333333333333');
    expect(filter.toCostExplorerExpression().Dimensions.Values).toEqual(['222222222222']);
  });
});

describe('describeExpression', () => {
  test('reads like a sentence', () => {
    const filter = CostFilter.allOf(
      CostFilter.services(['Amazon EC2']),
      CostFilter.anyOf(CostFilter.tag('team', ['a', 'b']), CostFilter.tagAbsent('owner')),
      CostFilter.negate(CostFilter.costCategory('env', ['dev'], [MatchOption.STARTS_WITH])),
    );
    expect(describeExpression(filter.toCostExplorerExpression())).toBe(
      'SERVICE is "Amazon EC2" and (tag team is "a" or "b" or tag owner is absent) and not cost category env starts with "dev"',
    );
    expect(describeExpression({})).toBe('all costs');
  });
});

describe('expressionViolations', () => {
  test('accepts a well-formed filter', () => {
    expect(expressionViolations(CostFilter.allOf(CostFilter.tagAbsent('team'), CostFilter.regions(['eu-west-1'])).toCostExplorerExpression())).toEqual([]);
  });

  test('finds nested problems', () => {
    const filter = CostFilter.anyOf(CostFilter.anyOf(), CostFilter.tag('', ['x']), CostFilter.tag('team', ['y'.repeat(1025)]));
    expect(expressionViolations(filter.toCostExplorerExpression()).map((violation) => violation.rule)).toEqual([
      'a cost filter anyOf() combines at least 2 filters',
      'cost filter keys and values are 1-1024 characters',
      'cost filter keys and values are 1-1024 characters',
    ]);
  });
});

describe('mistakes of the API\'s shape get a clear message', () => {
  const a = CostFilter.services(['Amazon Simple Storage Service']);
  const b = CostFilter.regions(['eu-west-1']);

  test.each([
    ['allOf', 'all_of'],
    ['anyOf', 'any_of'],
  ] as const)('an array passed to %s() names the fix, not "toCostExplorerExpression is not a function"', (method, pythonMethod) => {
    const combine = CostFilter[method] as (...filters: unknown[]) => CostFilter;
    expect(() => combine([a, b])).toThrow(
      `CostFilter.${method}(): "an array" breaks the rule: CostFilter.${method}() combines CostFilter objects. ` +
        `Fix: pass the filters as separate arguments: CostFilter.${method}(...filters) in TypeScript, CostFilter.${pythonMethod}(*filters) in Python.`,
    );
  });

  test('something that is not a filter', () => {
    expect(() => (CostFilter.negate as (filter: unknown) => CostFilter)(undefined)).toThrow(/^CostFilter\.negate\(\): "undefined" breaks the rule/);
    expect(() => (CostFilter.allOf as (...filters: unknown[]) => CostFilter)(a, 'SERVICE')).toThrow(/"string" breaks the rule: CostFilter\.allOf\(\) combines CostFilter objects/);
  });
});

describe('account IDs in every filter', () => {
  test('an exact LINKED_ACCOUNT value is 12 digits; prefixes and tokens are not checked', () => {
    expect(expressionViolations(CostFilter.linkedAccounts(['22222222222']).toCostExplorerExpression())).toEqual([
      { value: '22222222222', rule: 'an account ID is 12 digits', fix: 'correct the account ID of the cost filter' },
    ]);
    expect(expressionViolations(CostFilter.dimension(CostDimension.LINKED_ACCOUNT, ['2222'], [MatchOption.STARTS_WITH]).toCostExplorerExpression())).toEqual([]);
    expect(expressionViolations(CostFilter.linkedAccounts(Fn.split(',', Token.asString({ Ref: 'Accounts' }))).toCostExplorerExpression())).toEqual([]);
  });
});

describe('the deprecated and / or / not, reserved words in Python, still work', () => {
  const a = CostFilter.services(['Amazon Simple Storage Service']);
  const b = CostFilter.regions(['eu-west-1']);

  test('they render what allOf / anyOf / negate render', () => {
    /* eslint-disable @typescript-eslint/no-deprecated */
    expect(CostFilter.and(a, b).toCostExplorerExpression()).toEqual(CostFilter.allOf(a, b).toCostExplorerExpression());
    expect(CostFilter.or(a, b).toCostExplorerExpression()).toEqual(CostFilter.anyOf(a, b).toCostExplorerExpression());
    expect(CostFilter.not(a).toCostExplorerExpression()).toEqual(CostFilter.negate(a).toCostExplorerExpression());
  });

  test('their mistakes name the method to use instead', () => {
    expect(() => (CostFilter.and as (...filters: unknown[]) => CostFilter)([a, b])).toThrow(/^CostFilter\.allOf\(\): "an array" breaks the rule/);
    expect(() => (CostFilter.not as (filter: unknown) => CostFilter)(undefined)).toThrow(/^CostFilter\.negate\(\): "undefined" breaks the rule/);
    /* eslint-enable @typescript-eslint/no-deprecated */
  });
});

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
    const filter = CostFilter.and(
      CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
      CostFilter.or(CostFilter.tag('team', ['a']), CostFilter.not(CostFilter.regions(['us-east-1']))),
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
    const filter = CostFilter.and(
      CostFilter.services(['Amazon EC2']),
      CostFilter.or(CostFilter.tag('team', ['a', 'b']), CostFilter.tagAbsent('owner')),
      CostFilter.not(CostFilter.costCategory('env', ['dev'], [MatchOption.STARTS_WITH])),
    );
    expect(describeExpression(filter.toCostExplorerExpression())).toBe(
      'SERVICE is "Amazon EC2" and (tag team is "a" or "b" or tag owner is absent) and not cost category env starts with "dev"',
    );
    expect(describeExpression({})).toBe('all costs');
  });
});

describe('expressionViolations', () => {
  test('accepts a well-formed filter', () => {
    expect(expressionViolations(CostFilter.and(CostFilter.tagAbsent('team'), CostFilter.regions(['eu-west-1'])).toCostExplorerExpression())).toEqual([]);
  });

  test('finds nested problems', () => {
    const filter = CostFilter.or(CostFilter.or(), CostFilter.tag('', ['x']), CostFilter.tag('team', ['y'.repeat(1025)]));
    expect(expressionViolations(filter.toCostExplorerExpression()).map((violation) => violation.rule)).toEqual([
      'a cost filter or() combines at least 2 filters',
      'cost filter keys and values are 1-1024 characters',
      'cost filter keys and values are 1-1024 characters',
    ]);
  });
});

describe('mistakes of the API\'s shape get a clear message', () => {
  const a = CostFilter.services(['Amazon Simple Storage Service']);
  const b = CostFilter.regions(['eu-west-1']);

  test.each(['and', 'or'] as const)('an array passed to %s() names the fix, not "toCostExplorerExpression is not a function"', (operator) => {
    const combine = CostFilter[operator] as (...filters: unknown[]) => CostFilter;
    expect(() => combine([a, b])).toThrow(
      `CostFilter.${operator}(): "an array" breaks the rule: CostFilter.${operator}() combines CostFilter objects. ` +
        `Fix: pass the filters as separate arguments: CostFilter.${operator}(...filters) in TypeScript, CostFilter.${operator}_(*filters) in Python.`,
    );
  });

  test('something that is not a filter', () => {
    expect(() => (CostFilter.not as (filter: unknown) => CostFilter)(undefined)).toThrow(/^CostFilter\.not\(\): "undefined" breaks the rule/);
    expect(() => (CostFilter.and as (...filters: unknown[]) => CostFilter)(a, 'SERVICE')).toThrow(/"string" breaks the rule: CostFilter\.and\(\) combines CostFilter objects/);
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

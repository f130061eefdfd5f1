import { CostDimension, CostFilter, MatchOption } from '../../../src';
import { renderBudgetFilter } from '../../../src/core/private/budget-filter';

const render = (filter: CostFilter) => renderBudgetFilter(filter.toCostExplorerExpression());

describe('renderBudgetFilter', () => {
  test('a single dimension becomes a CostFilters entry', () => {
    expect(render(CostFilter.dimension(CostDimension.USAGE_TYPE_GROUP, ['EC2: Running Hours']))).toEqual({ costFilters: { UsageTypeGroup: ['EC2: Running Hours'] } });
  });

  test('a conjunction of exact matches becomes one CostFilters map', () => {
    expect(render(CostFilter.allOf(CostFilter.regions(['eu-west-1']), CostFilter.tag('cost-center', ['cc-1', 'cc-2'])))).toEqual({
      costFilters: { Region: ['eu-west-1'], TagKeyValue: ['user:cost-center$cc-1', 'user:cost-center$cc-2'] },
    });
  });

  test('what the map cannot say falls back to FilterExpression', () => {
    const twoTagFilters = CostFilter.allOf(CostFilter.tag('a', ['1']), CostFilter.tag('b', ['2']));
    expect(render(twoTagFilters)).toEqual({
      filterExpression: { and: [{ tags: { key: 'a', values: ['1'], matchOptions: undefined } }, { tags: { key: 'b', values: ['2'], matchOptions: undefined } }] },
    });
    expect(render(CostFilter.dimension(CostDimension.RECORD_TYPE, ['Credit']))).toEqual({
      filterExpression: { dimensions: { key: 'RECORD_TYPE', values: ['Credit'], matchOptions: undefined } },
    });
    expect(render(CostFilter.tag('team', ['a'], [MatchOption.CASE_INSENSITIVE])).filterExpression).toBeDefined();
  });
});

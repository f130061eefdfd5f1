import { CostFilter } from '../core/cost-filter';
import { CostCategoryRuleJson } from './private/rule-json';

/**
 * A rule of a cost category: which costs get which value.
 *
 * Rules are evaluated in order and the first rule that matches a line item decides its value;
 * costs that no rule matches get the category's default value.
 *
 * @example
 * const rules = [
 *   CostCategoryRule.accounts('Production', ['222222222222', '333333333333']),
 *   CostCategoryRule.value('Data', CostFilter.tag('team', ['data'])),
 *   CostCategoryRule.inheritFromTag('cost-center'),
 * ];
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryRule.html
 */
export class CostCategoryRule {
  /**
   * Costs that match the filter get the value.
   *
   * The filter may use the dimensions LINKED_ACCOUNT, LINKED_ACCOUNT_NAME, SERVICE_CODE,
   * RECORD_TYPE, REGION and USAGE_TYPE, cost allocation tags and other cost categories.
   */
  public static value(value: string, filter: CostFilter): CostCategoryRule {
    return new CostCategoryRule({ Type: 'REGULAR', Value: value, Rule: filter.toCostExplorerExpression() });
  }

  /** All costs of these member accounts (12-digit account IDs) get the value. */
  public static accounts(value: string, accountIds: string[]): CostCategoryRule {
    return CostCategoryRule.value(value, CostFilter.linkedAccounts(accountIds));
  }

  /**
   * Costs take the value of their cost allocation tag `tagKey` (e.g. a "team" tag's value becomes
   * the category value). The tag must be an active cost allocation tag.
   */
  public static inheritFromTag(tagKey: string): CostCategoryRule {
    return new CostCategoryRule({ Type: 'INHERITED_VALUE', InheritedValue: { DimensionName: 'TAG', DimensionKey: tagKey } });
  }

  /** Costs take the name of the member account they were incurred in as their value. */
  public static inheritFromAccountName(): CostCategoryRule {
    return new CostCategoryRule({ Type: 'INHERITED_VALUE', InheritedValue: { DimensionName: 'LINKED_ACCOUNT_NAME' } });
  }

  private constructor(private readonly json: CostCategoryRuleJson) {}

  /**
   * The rule in the Cost Categories API shape.
   *
   * @internal
   */
  public _toJson(): CostCategoryRuleJson {
    return this.json;
  }
}

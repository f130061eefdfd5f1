/** The Cost Categories API shapes the rule classes render to (not part of the public API). */
import { CostExpression } from '../../core/private/expression';

/**
 * One rule of a cost category, as the Cost Categories API takes it.
 */
export interface CostCategoryRuleJson {
  readonly Type: 'REGULAR' | 'INHERITED_VALUE';
  readonly Value?: string;
  readonly Rule?: CostExpression;
  readonly InheritedValue?: { readonly DimensionName: 'TAG' | 'LINKED_ACCOUNT_NAME'; readonly DimensionKey?: string };
}

/**
 * A split charge rule in the Cost Categories API shape.
 */
export interface SplitChargeRuleJson {
  readonly Source: string;
  readonly Targets: string[];
  readonly Method: 'PROPORTIONAL' | 'EVEN' | 'FIXED';
  readonly Parameters?: Array<{ readonly Type: 'ALLOCATION_PERCENTAGES'; readonly Values: string[] }>;
}

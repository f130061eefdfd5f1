import { Tokenization } from 'aws-cdk-lib';
import { SplitChargeRuleJson } from './private/rule-json';

/**
 * How a split charge rule spreads the source value's costs over its targets.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategorySplitChargeRule.html
 */
export enum SplitChargeMethod {
  /** In proportion to each target's own cost. */
  PROPORTIONAL = 'PROPORTIONAL',
  /** In equal shares. */
  EVEN = 'EVEN',
  /** By fixed percentages that add up to 100. */
  FIXED = 'FIXED',
}

/** One target of a FIXED split charge rule and its share. */
export interface SplitChargeAllocation {
  /** The cost category value that receives the share. */
  readonly target: string;
  /** The share, in percent (e.g. 60 or 33.34). All shares of a rule add up to exactly 100. */
  readonly percentage: number;
}

/**
 * A split charge rule: spreads the costs of one cost category value (typically shared costs,
 * such as a "Shared Services" value) over other values of the category.
 *
 * The source and targets must be values that the category's rules (or its default value) define,
 * or the source is {@link SplitChargeRule.UNCATEGORIZED_COSTS}; a source cannot be the source or a
 * target of another rule, and a target cannot be another rule's source.
 *
 * @example
 * const allocations: SplitChargeAllocation[] = [
 *   { target: 'Production', percentage: 70 },
 *   { target: 'Development', percentage: 30 },
 * ];
 * SplitChargeRule.fixedPercentages('Shared Services', allocations);
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategorySplitChargeRule.html
 */
export class SplitChargeRule {
  /** The source that stands for costs no rule categorizes (the API's empty string), for a category without a default value. */
  public static readonly UNCATEGORIZED_COSTS = '';

  /** Spreads the source's costs over the targets in proportion to each target's own cost. */
  public static proportional(source: string, targets: string[]): SplitChargeRule {
    return new SplitChargeRule({ Source: source, Targets: [...targets], Method: SplitChargeMethod.PROPORTIONAL }, []);
  }

  /** Spreads the source's costs over the targets in equal shares. */
  public static even(source: string, targets: string[]): SplitChargeRule {
    return new SplitChargeRule({ Source: source, Targets: [...targets], Method: SplitChargeMethod.EVEN }, []);
  }

  /** Spreads the source's costs over the targets by fixed percentages that add up to exactly 100. */
  public static fixedPercentages(source: string, allocations: SplitChargeAllocation[]): SplitChargeRule {
    return new SplitChargeRule(
      {
        Source: source,
        Targets: allocations.map((allocation) => allocation.target),
        Method: SplitChargeMethod.FIXED,
        // stringifyNumber keeps a percentage known only at deploy time a token (String() would print -1.888e+289).
        Parameters: [{ Type: 'ALLOCATION_PERCENTAGES', Values: allocations.map((allocation) => Tokenization.stringifyNumber(allocation.percentage)) }],
      },
      allocations.map((allocation) => allocation.percentage),
    );
  }

  /**
   * Spreads the source's costs over the targets by fixed percentages.
   *
   * @deprecated use fixedPercentages: `fixed` is a reserved word in C#.
   */
  public static fixed(source: string, allocations: SplitChargeAllocation[]): SplitChargeRule {
    return SplitChargeRule.fixedPercentages(source, allocations);
  }

  private constructor(private readonly json: SplitChargeRuleJson, private readonly percentages: number[]) {}

  /**
   * The rule in the Cost Categories API shape.
   *
   * @internal
   */
  public _toJson(): SplitChargeRuleJson {
    return this.json;
  }

  /**
   * The FIXED percentages as the user wrote them (empty for other methods).
   *
   * @internal
   */
  public _percentages(): number[] {
    return this.percentages;
  }
}

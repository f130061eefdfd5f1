import { Tokenization } from 'aws-cdk-lib';
import { ImpactKind, ThresholdExpression } from './private/threshold-expression';
import { COMBINATION_FACTORY } from '../core/private/expression';
import { RuleViolation } from '../core/validation';

/**
 * When an anomaly is worth an alert: its total cost impact in USD, its impact as a percentage of the
 * expected spend, or a combination of both with `allOf` / `anyOf`.
 *
 * Renders to the subscription's `ThresholdExpression`; the deprecated single `Threshold` is never used.
 *
 * @example
 * // Alert when an anomaly costs at least 100 USD and is at least 10% above the expected spend.
 * AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10));
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html#awscostmanagement-Type-AnomalySubscription-ThresholdExpression
 */
export abstract class AnomalyThreshold {
  /**
   * Anomalies whose total impact (actual minus expected spend) is at least `usd` US dollars.
   *
   * @param usd an amount between 0 and 10,000,000,000, e.g. 100
   */
  public static absoluteImpact(usd: number): AnomalyThreshold {
    return AnomalyThreshold.impact('ANOMALY_TOTAL_IMPACT_ABSOLUTE', usd);
  }

  /**
   * Anomalies whose total impact is at least `percent` percent of the expected spend.
   *
   * @param percent a percentage between 0 and 10,000,000,000, e.g. 10
   */
  public static percentageImpact(percent: number): AnomalyThreshold {
    return AnomalyThreshold.impact('ANOMALY_TOTAL_IMPACT_PERCENTAGE', percent);
  }

  /**
   * Anomalies that reach every one of the thresholds (at least two), passed as separate arguments.
   *
   * @example
   * AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10));
   */
  public static allOf(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return AnomalyThreshold.combine('And', thresholds);
  }

  /**
   * Anomalies that reach any of the thresholds (at least two), passed as separate arguments.
   *
   * @example
   * AnomalyThreshold.anyOf(AnomalyThreshold.absoluteImpact(1000), AnomalyThreshold.percentageImpact(50));
   */
  public static anyOf(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return AnomalyThreshold.combine('Or', thresholds);
  }

  /**
   * Anomalies that reach every one of the thresholds.
   *
   * @deprecated use allOf: `and` is a reserved word in Python.
   */
  public static and(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return AnomalyThreshold.allOf(...thresholds);
  }

  /**
   * Anomalies that reach any of the thresholds.
   *
   * @deprecated use anyOf: `or` is a reserved word in Python.
   */
  public static or(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return AnomalyThreshold.anyOf(...thresholds);
  }

  /**
   * Operands that are not thresholds (an array passed instead of separate arguments, a number, ...)
   * become violations, reported with the path of the subscription that uses the threshold.
   */
  private static combine(operator: 'And' | 'Or', operands: unknown[]): AnomalyThreshold {
    const thresholds = operands.filter(isAnomalyThreshold);
    const factory = `AnomalyThreshold.${COMBINATION_FACTORY[operator]}()`;
    const misshapen = operands.filter((operand) => !isAnomalyThreshold(operand)).map((operand) => ({
      value: Array.isArray(operand) ? `an array of ${operand.length} passed to ${factory}` : `${typeof operand} ${String(operand)} passed to ${factory}`,
      rule: `${factory} takes thresholds as separate arguments`,
      fix: Array.isArray(operand)
        ? `spread the array: ${factory.slice(0, -1)}...thresholds)`
        : 'pass AnomalyThreshold.absoluteImpact(...) or AnomalyThreshold.percentageImpact(...)',
    }));
    return new ExpressionThreshold(
      { [operator]: thresholds.map((threshold) => threshold.toThresholdExpression()) },
      [...misshapen, ...thresholds.flatMap((threshold) => threshold._shapeViolations())],
    );
  }

  private static impact(kind: ImpactKind, value: number): AnomalyThreshold {
    return new ExpressionThreshold({
      Dimensions: { Key: kind, MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [Tokenization.stringifyNumber(value)] },
    });
  }

  /**
   * The threshold as the Cost Explorer `Expression` JSON of `ThresholdExpression` (PascalCase keys,
   * values as strings, match option GREATER_THAN_OR_EQUAL).
   */
  public abstract toThresholdExpression(): any;

  /** @internal */
  public abstract _shapeViolations(): RuleViolation[];
}

/** True for a threshold made by this class's factories (duck-typed: it may come from another copy of the library). */
export function isAnomalyThreshold(value: unknown): value is AnomalyThreshold {
  return typeof (value as Partial<AnomalyThreshold> | undefined)?.toThresholdExpression === 'function';
}

class ExpressionThreshold extends AnomalyThreshold {
  constructor(private readonly expression: ThresholdExpression, private readonly violations: RuleViolation[] = []) {
    super();
  }

  public toThresholdExpression(): any {
    return this.expression;
  }

  /** @internal */
  public _shapeViolations(): RuleViolation[] {
    return [...this.violations];
  }
}

import { Tokenization } from 'aws-cdk-lib';
import { ImpactKind, ThresholdExpression } from './private/threshold-expression';

/**
 * When an anomaly is worth an alert: its total cost impact in USD, its impact as a percentage of the
 * expected spend, or a combination of both with `and` / `or`.
 *
 * Renders to the subscription's `ThresholdExpression`; the deprecated single `Threshold` is never used.
 *
 * @example
 * // Alert when an anomaly costs at least 100 USD and is at least 10% above the expected spend.
 * AnomalyThreshold.and(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10));
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html#awscostmanagement-Type-AnomalySubscription-ThresholdExpression
 */
export abstract class AnomalyThreshold {
  /**
   * Anomalies whose total impact (actual minus expected spend) is at least `usd` US dollars.
   *
   * @param usd a positive amount, e.g. 100
   */
  public static absoluteImpact(usd: number): AnomalyThreshold {
    return AnomalyThreshold.impact('ANOMALY_TOTAL_IMPACT_ABSOLUTE', usd);
  }

  /**
   * Anomalies whose total impact is at least `percent` percent of the expected spend.
   *
   * @param percent a positive percentage, e.g. 10
   */
  public static percentageImpact(percent: number): AnomalyThreshold {
    return AnomalyThreshold.impact('ANOMALY_TOTAL_IMPACT_PERCENTAGE', percent);
  }

  /** Anomalies that reach every one of the thresholds (at least two). */
  public static and(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return new ExpressionThreshold({ And: thresholds.map((threshold) => threshold.toThresholdExpression()) });
  }

  /** Anomalies that reach any of the thresholds (at least two). */
  public static or(...thresholds: AnomalyThreshold[]): AnomalyThreshold {
    return new ExpressionThreshold({ Or: thresholds.map((threshold) => threshold.toThresholdExpression()) });
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
}

class ExpressionThreshold extends AnomalyThreshold {
  constructor(private readonly expression: ThresholdExpression) {
    super();
  }

  public toThresholdExpression(): any {
    return this.expression;
  }
}

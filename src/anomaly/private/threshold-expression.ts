import { THRESHOLD_MAX_VALUE } from '../../core/limits/anomaly';
import { EXPRESSION_MIN_OPERANDS } from '../../core/limits/cost-explorer';
import { COMBINATION_FACTORY } from '../../core/private/expression';
import { isUnresolved, RuleViolation } from '../../core/validation';

/** The two impact dimensions of a threshold expression. */
export type ImpactKind = 'ANOMALY_TOTAL_IMPACT_ABSOLUTE' | 'ANOMALY_TOTAL_IMPACT_PERCENTAGE';

/** The `ThresholdExpression` shape: one impact dimension, or an And / Or of expressions. */
export interface ThresholdExpression {
  readonly Dimensions?: { readonly Key: ImpactKind; readonly MatchOptions: string[]; readonly Values: string[] };
  readonly And?: ThresholdExpression[];
  readonly Or?: ThresholdExpression[];
}

/** Combinations have at least two operands; impact values are between 0 and 10,000,000,000. */
export function thresholdViolations(expression: ThresholdExpression): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const operator of ['And', 'Or'] as const) {
    const operands = expression[operator];
    if (operands !== undefined && operands.length < EXPRESSION_MIN_OPERANDS) {
      violations.push({
        value: `AnomalyThreshold.${COMBINATION_FACTORY[operator]}() of ${operands.length} threshold(s)`,
        rule: `a threshold ${COMBINATION_FACTORY[operator]}() combines at least ${EXPRESSION_MIN_OPERANDS} thresholds`,
        fix: operands.length === 1 ? 'use the single threshold on its own' : 'pass the thresholds to combine',
      });
    }
    operands?.forEach((operand) => violations.push(...thresholdViolations(operand)));
  }
  const impact = expression.Dimensions;
  if (impact) {
    for (const value of impact.Values) {
      const amount = Number(value);
      if (!isUnresolved(value) && !(value.trim() !== '' && Number.isFinite(amount) && amount >= 0 && amount <= THRESHOLD_MAX_VALUE)) {
        violations.push({
          value: Number.isNaN(amount) ? value : amount,
          rule: `an anomaly ${impactWord(impact.Key)} threshold is a number between 0 and ${THRESHOLD_MAX_VALUE.toLocaleString('en-US')}`,
          fix: impact.Key === 'ANOMALY_TOTAL_IMPACT_ABSOLUTE' ? 'use an amount in USD, e.g. 100' : 'use a percentage, e.g. 10',
        });
      }
    }
  }
  return violations;
}

/** In words, for reviews: `impact >= 100 USD and impact >= 10%`. */
export function describeThreshold(expression: ThresholdExpression): string {
  if (expression.And) {
    return expression.And.map(wrap).join(' and ');
  }
  if (expression.Or) {
    return expression.Or.map(wrap).join(' or ');
  }
  const impact = expression.Dimensions;
  if (!impact) {
    return 'every anomaly';
  }
  const value = impact.Values.join(', ');
  return impact.Key === 'ANOMALY_TOTAL_IMPACT_ABSOLUTE' ? `impact >= ${value} USD` : `impact >= ${value}%`;
}

function wrap(expression: ThresholdExpression): string {
  const text = describeThreshold(expression);
  return expression.And || expression.Or ? `(${text})` : text;
}

function impactWord(kind: ImpactKind): string {
  return kind === 'ANOMALY_TOTAL_IMPACT_ABSOLUTE' ? 'absolute impact' : 'percentage impact';
}

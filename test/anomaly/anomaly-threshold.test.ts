import { Stack, Token } from 'aws-cdk-lib';
import { AnomalyThreshold } from '../../src';
import { describeThreshold } from '../../src/anomaly/private/threshold-expression';

const absolute = (value: string) => ({ Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [value] } });
const percentage = (value: string) => ({ Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [value] } });

describe('AnomalyThreshold', () => {
  test('an absolute impact in USD, its value as a string', () => {
    expect(AnomalyThreshold.absoluteImpact(100).toThresholdExpression()).toEqual(absolute('100'));
    expect(AnomalyThreshold.absoluteImpact(12.5).toThresholdExpression()).toEqual(absolute('12.5'));
  });

  test('a percentage impact', () => {
    expect(AnomalyThreshold.percentageImpact(10).toThresholdExpression()).toEqual(percentage('10'));
  });

  test('allOf / anyOf combine thresholds, also nested', () => {
    const bigAndSteep = AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10));
    expect(bigAndSteep.toThresholdExpression()).toEqual({ And: [absolute('100'), percentage('10')] });
    expect(AnomalyThreshold.anyOf(bigAndSteep, AnomalyThreshold.absoluteImpact(1000)).toThresholdExpression()).toEqual({
      Or: [{ And: [absolute('100'), percentage('10')] }, absolute('1000')],
    });
  });

  test('a number token resolves in the rendered expression', () => {
    const stack = new Stack();
    const rendered = stack.toJsonString(AnomalyThreshold.absoluteImpact(Token.asNumber({ Ref: 'Threshold' })).toThresholdExpression());
    expect(stack.resolve(rendered)).toEqual({
      'Fn::Join': ['', ['{"Dimensions":{"Key":"ANOMALY_TOTAL_IMPACT_ABSOLUTE","MatchOptions":["GREATER_THAN_OR_EQUAL"],"Values":["', { Ref: 'Threshold' }, '"]}}']],
    });
  });

  test('is described in words for reviews', () => {
    const threshold = AnomalyThreshold.anyOf(
      AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
      AnomalyThreshold.absoluteImpact(1000),
    );
    expect(describeThreshold(threshold.toThresholdExpression())).toBe('(impact >= 100 USD and impact >= 10%) or impact >= 1000 USD');
  });
});

describe('the deprecated and / or, reserved words in Python, still work', () => {
  const big = AnomalyThreshold.absoluteImpact(100);
  const steep = AnomalyThreshold.percentageImpact(10);

  test('they render what allOf / anyOf render', () => {
    /* eslint-disable @typescript-eslint/no-deprecated */
    expect(AnomalyThreshold.and(big, steep).toThresholdExpression()).toEqual({ And: [absolute('100'), percentage('10')] });
    expect(AnomalyThreshold.or(big, steep).toThresholdExpression()).toEqual({ Or: [absolute('100'), percentage('10')] });
  });

  test('their mistakes name the method to use instead', () => {
    const andOfAnArray = (AnomalyThreshold.and as (...thresholds: unknown[]) => AnomalyThreshold)([big, steep]);
    expect(andOfAnArray._shapeViolations()).toEqual([expect.objectContaining({
      value: 'an array of 2 passed to AnomalyThreshold.allOf()',
      fix: 'spread the array: AnomalyThreshold.allOf(...thresholds)',
    })]);
    /* eslint-enable @typescript-eslint/no-deprecated */
  });
});

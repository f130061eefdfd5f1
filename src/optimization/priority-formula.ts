/**
 * How an {@link OptimizationPipeline} ranks the opportunities of a run (first is the most urgent).
 */
export enum PriorityFormula {
  /**
   * Risk- and effort-adjusted annual savings, discounted by the payback period of any upfront
   * cost: `monthlySavings * 12 * riskFactor * effortFactor / (1 + paybackMonths / 12)`, with risk
   * factors LOW 1, MEDIUM 0.75, HIGH 0.5 and effort factors LOW 1, MEDIUM 0.8, HIGH 0.6. Scores
   * are USD per year and compare across sources.
   */
  SAVINGS_AND_RISK = 'risk-adjusted-savings',
  /**
   * The seed script's formula, to compare with its reports:
   * `max(min(int(monthlySavings / 100), 50) - effortPenalty - riskPenalty, 1)`, with effort
   * penalties LOW 0, MEDIUM 10, HIGH 20 and risk penalties LOW 0, MEDIUM 5, HIGH 15. Scores are
   * whole numbers from 1 to 50; it ignores upfront cost and stops telling savings apart above
   * 5,000 USD a month.
   */
  SEED = 'seed',
}

import { LimitConfig } from './private/limit-config';

/**
 * One period's amount in a planned budget.
 */
export interface PlannedLimit {
  /**
   * The first day of the period, as `YYYY-MM-DD` (UTC): the first day of a month for monthly
   * budgets, of a calendar quarter for quarterly budgets.
   */
  readonly startDate: string;

  /** The amount for that period. */
  readonly amount: number;
}

/** How an auto-adjusting budget sets its amount. */
export enum AutoAdjustType {
  /** The average of the last N periods' actual spend. */
  HISTORICAL = 'HISTORICAL',
  /** The forecast for the current period. */
  FORECAST = 'FORECAST',
}

/**
 * The amount a budget tracks: fixed, planned per period, or adjusted automatically by AWS.
 *
 * RI and Savings Plans utilization or coverage budgets need no limit: AWS takes 100 (percent).
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create.html
 */
export abstract class BudgetLimit {
  /**
   * The same amount every period.
   *
   * @param amount e.g. 10000 for 10,000.00 USD
   * @param unit the unit of the amount @default "USD" (a usage unit such as "GB" or "Hrs" for usage budgets)
   */
  public static fixedAmount(amount: number, unit?: string): BudgetLimit {
    return new ConfiguredLimit({ kind: 'fixed', amount, unit: unit ?? 'USD' });
  }

  /**
   * The same amount every period.
   *
   * @deprecated use fixedAmount: `fixed` is a reserved word in C#.
   */
  public static fixed(amount: number, unit?: string): BudgetLimit {
    return BudgetLimit.fixedAmount(amount, unit);
  }

  /**
   * A different amount per period, for monthly (up to 12) or quarterly (up to 4) COST and USAGE
   * budgets. After the last period, AWS keeps using the last amount.
   *
   * @param unit @default "USD"
   */
  public static planned(periods: PlannedLimit[], unit?: string): BudgetLimit {
    return new ConfiguredLimit({ kind: 'planned', periods: [...periods], unit: unit ?? 'USD' });
  }

  /**
   * An amount that AWS sets to the average actual spend of the last `lookbackPeriods` periods
   * (COST budgets only; at most 60 days, 12 months, 4 quarters or 1 year).
   */
  public static autoAdjustHistorical(lookbackPeriods: number): BudgetLimit {
    return new ConfiguredLimit({ kind: 'autoAdjust', autoAdjustType: AutoAdjustType.HISTORICAL, lookbackPeriods });
  }

  /** An amount that AWS sets to the forecast spend of the current period (COST budgets only). */
  public static autoAdjustForecast(): BudgetLimit {
    return new ConfiguredLimit({ kind: 'autoAdjust', autoAdjustType: AutoAdjustType.FORECAST });
  }

  /** @internal */
  public abstract readonly _config: LimitConfig;
}

class ConfiguredLimit extends BudgetLimit {
  /** @internal */
  public readonly _config: LimitConfig;
  constructor(config: LimitConfig) {
    super();
    this._config = config;
  }
}


import type { AutoAdjustType, PlannedLimit } from '../budget-limit';

/** What a {@link BudgetLimit} says, for the construct that renders it. */
export type LimitConfig =
  | { readonly kind: 'fixed'; readonly amount: number; readonly unit: string }
  | { readonly kind: 'planned'; readonly periods: PlannedLimit[]; readonly unit: string }
  | { readonly kind: 'autoAdjust'; readonly autoAdjustType: AutoAdjustType; readonly lookbackPeriods?: number };

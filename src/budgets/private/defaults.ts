import type { AlertTier } from '../alert-tier';
import { BudgetAlert, NotificationType } from '../budget-alert';

/** The alerts a budget gets when none are given. */
export const DEFAULT_BUDGET_ALERTS: readonly BudgetAlert[] = [
  { thresholds: [80, 100], notificationType: NotificationType.ACTUAL },
  { thresholds: [100], notificationType: NotificationType.FORECASTED },
];

/** The seed's escalation tiers. */
export const DEFAULT_ALERT_TIERS: readonly AlertTier[] = [
  { name: 'analyze', minUtilization: 70 },
  { name: 'optimize', minUtilization: 80 },
  { name: 'emergency', minUtilization: 90 },
];

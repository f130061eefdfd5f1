import Decimal from 'decimal.js';

/**
 * Parses the plain-text message that AWS Budgets publishes to SNS when a notification fires, e.g.
 *
 *   AWS Budget Notification November 26, 2026
 *   AWS Account 111122223333
 *   ...
 *   Budget Name: ec2-compute
 *   Budget Type: Cost
 *   Budgeted Amount: $10,000.00
 *   Alert Type: ACTUAL
 *   Alert Threshold: > $8,000.00
 *   ACTUAL Amount: $8,312.47
 *
 * Amounts stay decimal strings ("10000.00"): arithmetic happens later with decimal.js.
 */
export interface BudgetNotification {
  readonly accountId?: string;
  readonly budgetName: string;
  readonly budgetType: string;
  /** ACTUAL or FORECASTED. */
  readonly alertType: string;
  readonly budgetedAmount: string;
  /** The actual or forecasted amount that crossed the threshold. */
  readonly observedAmount: string;
  /** The threshold as the message states it, e.g. "> $8,000.00". */
  readonly alertThreshold?: string;
  /** The unit of the amounts: "USD" when they carry a dollar sign, else the word after the number (e.g. "Hrs"). */
  readonly unit: string;
}

/** The alert types AWS Budgets notifies on; each names the line of its observed amount ("ACTUAL Amount: ..."). */
const ALERT_TYPES = ['ACTUAL', 'FORECASTED'];

/**
 * Returns undefined when the message is not a budget notification (e.g. a subscription confirmation)
 * or when an amount in it is not a well-formed number: a malformed notification is never escalated.
 */
export function parseBudgetNotification(message: string): BudgetNotification | undefined {
  const fields = readFields(message);
  const budgetName = fields.get('budget name');
  const alertType = fields.get('alert type')?.toUpperCase();
  const budgeted = parseAmount(fields.get('budgeted amount'));
  const observed = alertType && ALERT_TYPES.includes(alertType) ? parseAmount(fields.get(`${alertType.toLowerCase()} amount`)) : undefined;
  if (!budgetName || !alertType || !budgeted || !observed) {
    return undefined;
  }
  return {
    accountId: /AWS Account (\d{12})/.exec(message)?.[1],
    budgetName,
    budgetType: fields.get('budget type') ?? 'Cost',
    alertType,
    budgetedAmount: budgeted.amount,
    observedAmount: observed.amount,
    alertThreshold: fields.get('alert threshold'),
    unit: budgeted.unit,
  };
}

/** "Key: value" lines, keys lower-cased. */
function readFields(message: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of message.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.+?)\s*$/.exec(line);
    if (match && !fields.has(match[1].toLowerCase())) {
      fields.set(match[1].toLowerCase(), match[2]);
    }
  }
  return fields;
}

/**
 * "$10,000.00" → { amount: "10000.00", unit: "USD" }; "1,500.5 Hrs" → { amount: "1500.5", unit: "Hrs" }.
 *
 * Strict: thousands separators only between groups of three digits ("$1,2,3,4" and "$," are not
 * amounts), and the digits must make an exact, finite decimal.js number. Anything else is undefined.
 */
export function parseAmount(text: string | undefined): { amount: string; unit: string } | undefined {
  const match = /^(\$)?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([A-Za-z%-]+)?$/.exec(text?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  const amount = match[2].replace(/,/g, '');
  if (!isExactDecimal(amount)) {
    return undefined;
  }
  return { amount, unit: match[1] ? 'USD' : (match[3] ?? '') };
}

function isExactDecimal(amount: string): boolean {
  try {
    return new Decimal(amount).isFinite();
  } catch {
    return false;
  }
}

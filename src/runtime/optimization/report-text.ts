/** Labels and number formats shared by the human-readable renderers (Markdown, SNS). */
import { parseAmount, toMoney } from './money';

/** A two-decimal amount with thousands separators, independent of locale: `1234567.80` → `1,234,567.80`. */
export function formatAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const unsigned = negative ? amount.slice(1) : amount;
  const [whole, fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An exact amount (an opportunity's) for people: rounded half up to cents, then grouped: `"1234.565"` → `1,234.57`. */
export function formatExactAmount(amount: string): string {
  return formatAmount(toMoney(parseAmount(amount, 'amount')));
}

/** An opportunity type for people: `STORAGE_GP2_TO_GP3` → `Storage gp2 to gp3`. */
export function typeLabel(type: string): string {
  const label = type.toLowerCase().split('_').join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * One reviewed thing (a budget, an anomaly monitor, a cost category, a report, an optimizer) as
 * facts in words. The review prints items; `--base` compares the items of two assemblies.
 */
export interface ReviewItem {
  /** The review section it belongs to, e.g. "Budgets". */
  readonly section: string;
  readonly stackName: string;
  /** The construct path (the template's aws:cdk:path metadata), else the logical ID: what identifies the item across assemblies. */
  readonly path: string;
  readonly name: string;
  /** What kind of item it is, shown after the name: "COST, MONTHLY" for a budget. */
  readonly kind?: string;
  /** Facts in reading order: a label and its value, or its values when it is a list (subscribers, say). */
  readonly facts: Readonly<Record<string, readonly string[]>>;
  /** Estimated Cost Explorer spend a month in US cents, for an optimizer; undefined when its schedule or request count cannot be read. */
  readonly monthlyCostExplorerCents?: number;
}

/** Reads the items of one section from a stack. */
export type ItemReader<Stack> = (stack: Stack) => ReviewItem[];

/** "1 request", "3 requests": the count with its noun, singular for exactly one. */
export function counted(count: number | string, singular: string, plural = `${singular}s`): string {
  return `${count} ${Number(count) === 1 ? singular : plural}`;
}

/** Whole US cents as dollars with two decimals, "-0.60" for a negative amount: integer arithmetic, no binary fractions. */
export function formatCents(cents: number): string {
  const magnitude = Math.abs(Math.round(cents));
  return `${cents < 0 ? '-' : ''}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}

import { formatCents, ItemReader, ReviewItem } from './item';
import { anomalyItems } from './sections/anomaly';
import { budgetItems } from './sections/budgets';
import { costCategoryItems } from './sections/cost-categories';
import { reportItems } from './sections/cur';
import { optimizerItems } from './sections/optimization';
import { organizationItems } from './sections/organization';
import { SynthesizedStack } from './template';

/** The readers of every section, in the order reviewers read them: the same readers the full review prints from. */
export const ITEM_READERS: readonly ItemReader<SynthesizedStack>[] = [
  budgetItems, anomalyItems, costCategoryItems, reportItems, optimizerItems, organizationItems,
];

const SECTION_ORDER = ['Budgets', 'Anomaly monitors', 'Anomaly subscriptions', 'Cost categories', 'Cost and usage reports', 'Optimizers', 'Deployment across the organization'];

/** One item that was added, removed or changed between the base and this assembly. */
export interface ReviewChange {
  readonly section: string;
  readonly stackName: string;
  /** Construct path (aws:cdk:path), else logical ID. */
  readonly path: string;
  readonly name: string;
  readonly kind?: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** What changed, in words, one line per fact: "limit: 100.00 USD → 150.00 USD", "alert ACTUAL > 100% added: email a@example.com". */
  readonly details: string[];
}

/** The estimated Cost Explorer API spend a month of the optimizers, in USD, before and after. */
export interface CostExplorerSpendChange {
  readonly base: string;
  readonly head: string;
  readonly change: string;
  /** Optimizers (construct paths) whose spend could not be estimated, on either side. */
  readonly notEstimated: string[];
}

/** What `finops-review --base` reports: the changes, sorted by section, construct path and kind of change. */
export interface AssemblyDiff {
  readonly changes: ReviewChange[];
  readonly costExplorerMonthlySpendUsd: CostExplorerSpendChange;
}

/** The items of every stack, read by every section. Sections that cannot follow a template (an Fn::If list, say) are left out. */
export function reviewItems(stacks: readonly SynthesizedStack[], readers: readonly ItemReader<SynthesizedStack>[] = ITEM_READERS): ReviewItem[] {
  return stacks.flatMap((stack) => readers.flatMap((reader) => {
    try {
      return reader(stack);
    } catch {
      return [];
    }
  }));
}

/** What changed from the base items to the head items, items matched by stack and construct path. */
export function diffItems(base: readonly ReviewItem[], head: readonly ReviewItem[]): AssemblyDiff {
  const key = (item: ReviewItem) => `${item.section}\u0000${item.stackName}\u0000${item.path}`;
  const baseByKey = new Map(base.map((item) => [key(item), item]));
  const headByKey = new Map(head.map((item) => [key(item), item]));
  const changes: ReviewChange[] = [];
  for (const item of head) {
    const before = baseByKey.get(key(item));
    if (before === undefined) {
      changes.push(changeOf(item, 'added', Object.entries(item.facts).map(([label, values]) => `${label}: ${inWords(values)}`)));
    } else {
      const details = factChanges(before.facts, item.facts);
      if (before.kind !== item.kind) {
        details.unshift(`kind: ${before.kind ?? 'none'} → ${item.kind ?? 'none'}`);
      }
      if (before.name !== item.name) {
        details.unshift(`name: ${before.name} → ${item.name}`);
      }
      if (details.length > 0) {
        changes.push(changeOf(item, 'changed', details));
      }
    }
  }
  for (const item of base.filter((candidate) => !headByKey.has(key(candidate)))) {
    changes.push(changeOf(item, 'removed', []));
  }
  return { changes: changes.sort(byReadingOrder), costExplorerMonthlySpendUsd: spendChange(base, head) };
}

function changeOf(item: ReviewItem, change: ReviewChange['change'], details: string[]): ReviewChange {
  const { section, stackName, path, name, kind } = item;
  return { section, stackName, path, name, ...(kind ? { kind } : {}), change, details };
}

/** Fact by fact: added, removed, a single value changed, or the values of a list added and removed. */
function factChanges(before: ReviewItem['facts'], after: ReviewItem['facts']): string[] {
  const labels = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return labels.flatMap((label) => {
    const [old, now] = [before[label], after[label]];
    if (old === undefined) {
      return [`${label} added: ${inWords(now!)}`];
    }
    if (now === undefined) {
      return [`${label} removed: ${inWords(old)}`];
    }
    if (old.join('\u0000') === now.join('\u0000')) {
      return [];
    }
    if (old.length <= 1 && now.length <= 1) {
      return [`${label}: ${inWords(old)} → ${inWords(now)}`];
    }
    const added = now.filter((value) => !old.includes(value));
    const removed = old.filter((value) => !now.includes(value));
    if (added.length === 0 && removed.length === 0) {
      return [`${label}: order ${inWords(old)} → ${inWords(now)}`];
    }
    return [...added.map((value) => `${label}: ${value} added`), ...removed.map((value) => `${label}: ${value} removed`)];
  });
}

function inWords(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

function byReadingOrder(a: ReviewChange, b: ReviewChange): number {
  return SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section)
    || a.stackName.localeCompare(b.stackName)
    || a.path.localeCompare(b.path)
    || a.change.localeCompare(b.change);
}

function spendChange(base: readonly ReviewItem[], head: readonly ReviewItem[]): CostExplorerSpendChange {
  const optimizers = (items: readonly ReviewItem[]) => items.filter((item) => item.section === 'Optimizers');
  const cents = (items: readonly ReviewItem[]) => optimizers(items).reduce((sum, item) => sum + (item.monthlyCostExplorerCents ?? 0), 0);
  const notEstimated = [...optimizers(base), ...optimizers(head)]
    .filter((item) => item.monthlyCostExplorerCents === undefined)
    .map((item) => item.path);
  const change = cents(head) - cents(base);
  return {
    base: formatCents(cents(base)),
    head: formatCents(cents(head)),
    change: `${change > 0 ? '+' : ''}${formatCents(change)}`,
    notEstimated: [...new Set(notEstimated)].sort(),
  };
}

/** The Markdown of the changes, for a pull request comment: by section, each change with its construct path and its details. */
export function diffMarkdown(diff: AssemblyDiff, baseLabel: string): string {
  const lines = ['# FinOps review: what changed', '', `Compared with the base assembly \`${baseLabel}\`.`, ''];
  if (diff.changes.length === 0) {
    lines.push('No budget, alert, subscriber, action, anomaly monitor or subscription, cost category, report, optimizer or StackSet changed.', '');
  }
  for (const section of SECTION_ORDER) {
    const ofSection = diff.changes.filter((change) => change.section === section);
    if (ofSection.length > 0) {
      lines.push(`## ${section}`, '');
      for (const change of ofSection) {
        lines.push(`- ${change.change} **${change.name}**${change.kind ? ` (${change.kind})` : ''} \`${change.path}\``, ...change.details.map((detail) => `  - ${detail}`));
      }
      lines.push('');
    }
  }
  const spend = diff.costExplorerMonthlySpendUsd;
  lines.push(
    `**Estimated Cost Explorer API spend**: ${spend.base} → ${spend.head} USD a month (${spend.change} USD)` +
      (spend.notEstimated.length > 0 ? `; not estimated: ${spend.notEstimated.map((path) => `\`${path}\``).join(', ')}` : ''),
    '',
  );
  return lines.join('\n');
}

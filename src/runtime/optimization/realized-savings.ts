import { ebsPricesFor, type EbsRegionPrices } from './ebs-prices';
import { monthlyVolumeCost } from './ebs-volume-cost';
import { Decimal, toMoney, toPercentage, ZERO } from './money';

/** The changes the executor makes, as the ledger names them. */
export type ExecutedChangeKind = 'MODIFY_VOLUME_TO_GP3' | 'DELETE_SNAPSHOT';

/**
 * One executed change, as the executor records it in the ledger right after the change succeeded:
 * what the follow-up needs to confirm it without the workflow's state.
 */
export interface LedgerEntry {
  readonly opportunityId: string;
  readonly change: ExecutedChangeKind;
  readonly resourceId: string;
  readonly accountId: string;
  readonly region: string;
  /** When the workflow asked for approval (its execution start), ISO-8601. */
  readonly requestedAt?: string;
  /** When the change was made, ISO-8601. */
  readonly executedAt: string;
  /** The volume's (or the snapshot's source volume's) size when it was changed, GiB. */
  readonly sizeGb: number;
  /** USD/month, exact decimal string, recomputed from the live resource right before the change. */
  readonly expectedMonthlySavings: string;
  /** Which prices `expectedMonthlySavings` was computed with. */
  readonly priceBasis: string;
  /** `policy`, or the principals who approved. */
  readonly approvedBy?: string;
}

/** How a change ended: its saving confirmed on the live resource, or not realized and why. */
export interface SettledChange extends LedgerEntry {
  readonly status: 'CONFIRMED' | 'NOT_REALIZED';
  /** USD/month, exact; CONFIRMED only. */
  readonly realizedMonthlySavings?: string;
  /** NOT_REALIZED: reverted, resource gone, type differs, resized... */
  readonly reason?: string;
  /** Which prices `realizedMonthlySavings` was computed with. */
  readonly realizedPriceBasis?: string;
  readonly confirmedAt: string;
}

/** What the follow-up saw of a changed resource: the volume as EC2 describes it, or undefined when it is gone. */
export interface LiveVolume {
  readonly volumeType?: string;
  readonly sizeGb?: number;
  readonly iops?: number;
  readonly throughputMbps?: number;
}

/** The live state the follow-up confirms against: the run's inventory of the account and Region. */
export interface LiveInventory {
  readonly volumes: ReadonlyMap<string, LiveVolume>;
  readonly snapshotIds: ReadonlySet<string>;
  /** The run's EBS prices (Price List or the hand-copied table) and where they came from. */
  readonly priceTable?: Readonly<Record<string, EbsRegionPrices>>;
  readonly priceBasis: string;
}

/**
 * Confirms one executed change on the live inventory. The realized saving is the price difference
 * (Cost Explorer shows a resource's cost only with resource-level data, an opt-in, for 14 days:
 * see realized-savings-ledger.ts): for a volume, gp2 at the size it had minus gp3 as it is
 * configured now (IOPS or throughput raised since cost what they cost); for a deleted snapshot,
 * its size at the snapshot price, an upper bound since snapshots are incremental.
 */
export function settleChange(entry: LedgerEntry, live: LiveInventory, now: Date): SettledChange {
  const settled = { ...entry, confirmedAt: now.toISOString() };
  const notRealized = (reason: string): SettledChange => ({ ...settled, status: 'NOT_REALIZED', reason });
  const { prices } = ebsPricesFor(entry.region, live.priceTable);
  const confirmed = (saving: Decimal): SettledChange => ({
    ...settled, status: 'CONFIRMED', realizedMonthlySavings: toMoney(saving), realizedPriceBasis: live.priceBasis,
  });
  if (entry.change === 'DELETE_SNAPSHOT') {
    if (live.snapshotIds.has(entry.resourceId)) return notRealized('the snapshot still exists');
    return confirmed(new Decimal(entry.sizeGb).times(prices.snapshotPerGbMonth));
  }
  const volume = live.volumes.get(entry.resourceId);
  if (volume === undefined) return notRealized('the volume is gone: deleted since the change, its saving is no longer the change\'s');
  if (volume.volumeType === 'gp2') return notRealized('the volume is gp2 again: the change was reverted');
  if (volume.volumeType !== 'gp3') return notRealized(`the volume is ${volume.volumeType ?? 'of an unreported type'} now, not gp3`);
  if (volume.sizeGb !== entry.sizeGb) {
    return notRealized(`the volume was resized from ${entry.sizeGb} to ${volume.sizeGb} GiB: the saving can no longer be told apart`);
  }
  const gp2 = monthlyVolumeCost({ volumeType: 'gp2', sizeGb: entry.sizeGb }, prices)!;
  const gp3 = monthlyVolumeCost({ volumeType: 'gp3', sizeGb: entry.sizeGb, iops: volume.iops, throughputMbps: volume.throughputMbps }, prices)!;
  const saving = gp2.minus(gp3);
  if (saving.lessThanOrEqualTo(ZERO)) return notRealized(`gp3 as configured now costs ${toMoney(gp3)} USD/month, not less than gp2's ${toMoney(gp2)}`);
  return confirmed(saving);
}

/** The report's "Realized savings" section: the changes settled since the last report, and their figures. */
export interface RealizedSavingsSection {
  readonly confirmed: readonly SettledChange[];
  readonly notRealized: readonly SettledChange[];
  /** USD/month, exact: the sum of the confirmed changes' realized savings. */
  readonly realizedMonthlySavings: string;
  /** Confirmed / settled, percent with two decimals; undefined when nothing was settled. */
  readonly successRatePercentage?: string;
  /** Seconds from the approval request to the change, per settled change that carries its request time. */
  readonly timeToImplementSeconds: readonly number[];
  /** Executed changes still waiting for a follow-up (another account or Region, or the inventory failed). */
  readonly pending: number;
}

/** Sums the settled changes into the report's section. */
export function realizedSavingsSection(settled: readonly SettledChange[], pending: number = 0): RealizedSavingsSection {
  const confirmed = settled.filter((change) => change.status === 'CONFIRMED');
  const notRealized = settled.filter((change) => change.status === 'NOT_REALIZED');
  const realized = confirmed.reduce((sum, change) => sum.plus(change.realizedMonthlySavings!), ZERO);
  return {
    confirmed,
    notRealized,
    realizedMonthlySavings: toMoney(realized),
    ...(settled.length === 0 ? {} : { successRatePercentage: toPercentage(new Decimal(confirmed.length).times(100).dividedBy(settled.length)) }),
    timeToImplementSeconds: settled.flatMap((change) => timeToImplementSeconds(change) ?? []),
    pending,
  };
}

/** Seconds from the approval request to the change, or undefined when the request time is unknown. */
export function timeToImplementSeconds(entry: Pick<LedgerEntry, 'requestedAt' | 'executedAt'>): number | undefined {
  if (entry.requestedAt === undefined) return undefined;
  const seconds = (Date.parse(entry.executedAt) - Date.parse(entry.requestedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The section in Markdown: the figures, then each confirmed and each not-realized change. */
export function realizedSavingsMarkdown(section: RealizedSavingsSection): string {
  const lines = [
    '## Realized savings',
    '',
    `${section.confirmed.length} executed changes confirmed since the last report, realizing ${section.realizedMonthlySavings} USD/month; `
      + `${section.notRealized.length} not realized`
      + (section.successRatePercentage === undefined ? '' : ` (success rate ${section.successRatePercentage}%)`)
      + (section.pending === 0 ? '.' : `; ${section.pending} still waiting for a follow-up.`),
  ];
  const row = (change: SettledChange, outcome: string) =>
    `- ${change.resourceId} (${change.change}, executed ${change.executedAt}, expected ${change.expectedMonthlySavings} USD/month): ${outcome}`;
  if (section.confirmed.length > 0) {
    lines.push('', ...section.confirmed.map((change) => row(change, `confirmed, ${change.realizedMonthlySavings} USD/month`)));
  }
  if (section.notRealized.length > 0) {
    lines.push('', ...section.notRealized.map((change) => row(change, `not realized, ${change.reason}`)));
  }
  return lines.join('\n');
}

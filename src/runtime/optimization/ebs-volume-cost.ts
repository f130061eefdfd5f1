import { EbsRegionPrices, GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT_MBPS } from './ebs-prices';
import { Decimal, maxDecimal, minDecimal, ZERO } from './money';

/** The billed configuration of an EBS volume. */
export interface VolumeConfiguration {
  readonly volumeType: string;
  readonly sizeGb: number;
  /** Provisioned IOPS (gp3, io1, io2); ignored for other types. */
  readonly iops?: number;
  /** Provisioned throughput in MB/s (gp3); ignored for other types. */
  readonly throughputMbps?: number;
}

/**
 * gp2 performance limits.
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp2-performance
 */
export const GP2_IOPS_PER_GB = 3;
export const GP2_MIN_IOPS = 100;
export const GP2_MAX_IOPS = 16000;
/** gp2 volumes up to this size top out at 128 MB/s; larger ones reach 250 MB/s. */
export const GP2_SMALL_VOLUME_MAX_GB = 170;
export const GP2_LARGE_VOLUME_THROUGHPUT_MBPS = 250;

/**
 * The monthly price of a volume, or undefined for a type the price table does not know.
 * io2 IOPS are priced by tier; magnetic volumes' per-request charge is not included.
 */
export function monthlyVolumeCost(volume: VolumeConfiguration, prices: EbsRegionPrices): Decimal | undefined {
  const size = new Decimal(volume.sizeGb);
  const iops = new Decimal(volume.iops ?? 0);
  switch (volume.volumeType) {
    case 'gp2':
      return size.times(prices.gp2PerGbMonth);
    case 'gp3':
      return size.times(prices.gp3PerGbMonth)
        .plus(maxDecimal(iops.minus(GP3_BASELINE_IOPS), ZERO).times(prices.gp3PerIopsMonth))
        .plus(maxDecimal(new Decimal(volume.throughputMbps ?? GP3_BASELINE_THROUGHPUT_MBPS).minus(GP3_BASELINE_THROUGHPUT_MBPS), ZERO)
          .times(prices.gp3PerMbpsMonth));
    case 'io1':
      return size.times(prices.io1PerGbMonth).plus(iops.times(prices.io1PerIopsMonth));
    case 'io2':
      return size.times(prices.io2PerGbMonth).plus(tieredIo2IopsCost(iops, prices.io2PerIopsMonthTiers));
    case 'st1':
      return size.times(prices.st1PerGbMonth);
    case 'sc1':
      return size.times(prices.sc1PerGbMonth);
    case 'standard':
      return size.times(prices.standardPerGbMonth);
    default:
      return undefined;
  }
}

/**
 * The gp3 configuration that performs at least as well as a gp2 volume of this size.
 *
 * gp2 gives 3 IOPS per GB (at least 100, at most 16,000), and volumes under 1,000 GB burst to
 * 3,000 IOPS; gp3 includes 3,000 IOPS at any size, which covers every gp2 burst. A gp2 volume
 * above 1,000 GB has a baseline above 3,000, so the gp3 volume gets that baseline provisioned
 * (and paid for) as extra IOPS. Throughput: gp2 up to 170 GB gives 128 MB/s, which gp3's
 * included 125 MB/s matches within 3 MB/s; larger gp2 volumes reach 250 MB/s, so the gp3
 * volume gets 250 MB/s provisioned.
 */
export function gp3EquivalentOfGp2(sizeGb: number): VolumeConfiguration {
  const baselineIops = minDecimal(maxDecimal(new Decimal(sizeGb).times(GP2_IOPS_PER_GB), new Decimal(GP2_MIN_IOPS)), new Decimal(GP2_MAX_IOPS));
  return {
    volumeType: 'gp3',
    sizeGb,
    iops: maxDecimal(baselineIops, new Decimal(GP3_BASELINE_IOPS)).toNumber(),
    throughputMbps: sizeGb > GP2_SMALL_VOLUME_MAX_GB ? GP2_LARGE_VOLUME_THROUGHPUT_MBPS : GP3_BASELINE_THROUGHPUT_MBPS,
  };
}

const IO2_TIER_LIMITS = [32000, 64000] as const;

function tieredIo2IopsCost(iops: Decimal, tiers: readonly [string, string, string]): Decimal {
  const firstTier = minDecimal(iops, new Decimal(IO2_TIER_LIMITS[0]));
  const secondTier = maxDecimal(minDecimal(iops, new Decimal(IO2_TIER_LIMITS[1])).minus(IO2_TIER_LIMITS[0]), ZERO);
  const thirdTier = maxDecimal(iops.minus(IO2_TIER_LIMITS[1]), ZERO);
  return firstTier.times(tiers[0]).plus(secondTier.times(tiers[1])).plus(thirdTier.times(tiers[2]));
}

import { Decimal } from './money';

/**
 * The smallest object S3 Intelligent-Tiering moves between access tiers: "S3 Intelligent-Tiering
 * can store objects smaller than 128 KB, but auto-tiering has a minimum eligible object size of
 * 128 KB. These smaller objects will not be monitored and will always be charged at the Frequent
 * Access tier rates" (https://aws.amazon.com/s3/pricing/, read from a stored copy). Taken as 128 KiB.
 */
export const INTELLIGENT_TIERING_MIN_OBJECT_BYTES = 128 * 1024;

/** What a storage run knows of one bucket without reading its objects. */
export interface BucketStorage {
  readonly name: string;
  /** Whether the bucket has a lifecycle configuration (GetBucketLifecycleConfiguration answered with rules). */
  readonly hasLifecycleRules: boolean;
  /** The latest daily `BucketSizeBytes` of `StorageType=StandardStorage`, if CloudWatch has one. */
  readonly standardBytes?: number;
  /** The latest daily `NumberOfObjects` of `StorageType=AllStorageTypes`, if CloudWatch has one. */
  readonly objectCount?: number;
}

/** A bucket worth moving to S3 Intelligent-Tiering. */
export interface IntelligentTieringCandidate {
  readonly bucket: string;
  readonly standardBytes: number;
  readonly objectCount: number;
  /** Standard bytes per object, whole bytes rounded down. */
  readonly averageObjectBytes: number;
}

/**
 * Buckets without lifecycle rules whose objects are, on average, at least 128 KiB, with data in
 * S3 Standard: Intelligent-Tiering would monitor them and move the ones not read for 30 days to
 * cheaper tiers, with no retrieval charge.
 *
 * The average is S3 Standard bytes over the objects of every storage class, so a bucket with data
 * in other classes is understated, never overstated. An average can hide many small objects: the
 * finding says so. Buckets with lifecycle rules already have their storage classes decided.
 */
export function intelligentTieringCandidates(buckets: readonly BucketStorage[]): IntelligentTieringCandidate[] {
  return buckets.flatMap(bucket => {
    const { standardBytes, objectCount } = bucket;
    if (bucket.hasLifecycleRules || standardBytes === undefined || objectCount === undefined) return [];
    if (standardBytes <= 0 || objectCount <= 0) return [];
    const averageObjectBytes = new Decimal(standardBytes).dividedToIntegerBy(objectCount).toNumber();
    if (averageObjectBytes < INTELLIGENT_TIERING_MIN_OBJECT_BYTES) return [];
    return [{ bucket: bucket.name, standardBytes, objectCount, averageObjectBytes }];
  });
}

/**
 * The report's line for a candidate. No saving is estimated: it depends on how many objects go
 * unread for 30 days, which bucket metrics do not tell.
 */
export function describeIntelligentTieringCandidate(candidate: IntelligentTieringCandidate): string {
  const gib = new Decimal(candidate.standardBytes).dividedBy(1024 ** 3).toDecimalPlaces(2).toFixed(2);
  const kib = new Decimal(candidate.averageObjectBytes).dividedBy(1024).toDecimalPlaces(0).toFixed(0);
  return `S3 bucket ${candidate.bucket}: ${gib} GiB in S3 Standard, ${candidate.objectCount} objects averaging ${kib} KiB, no lifecycle rules: `
    + 'consider S3 Intelligent-Tiering (a lifecycle transition, or INTELLIGENT_TIERING on upload); saving not estimated, it depends on how '
    + 'many objects go unread for 30 days; an average can hide objects under 128 KiB, which Intelligent-Tiering keeps in its Frequent Access tier';
}

import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { GetBucketLifecycleConfigurationCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import { foldPages } from './paging';
import type { BucketStorage } from '../optimization';

/** GetMetricData takes at most 500 queries a request; each bucket needs two. */
const BUCKETS_PER_METRIC_REQUEST = 250;

/** S3 publishes its storage metrics once a day; three days back always holds the latest. */
const METRIC_LOOKBACK_MS = 3 * 86_400_000;

/**
 * Every general purpose bucket in `region` (ListBuckets filtered by BucketRegion, paged by
 * ContinuationToken), with its lifecycle state and its latest daily storage metrics. Reading
 * them costs nothing beyond the CloudWatch GetMetricData requests (one per 250 buckets).
 */
export async function bucketStorageFrom(s3: S3Client, cloudWatch: CloudWatchClient, region: string, now: Date): Promise<BucketStorage[]> {
  const names = await foldPages(
    (token) => s3.send(new ListBucketsCommand({ BucketRegion: region, MaxBuckets: 1000, ContinuationToken: token })),
    (page) => page.ContinuationToken,
    (page) => (page.Buckets ?? []).map((bucket) => bucket.Name).filter((name): name is string => name !== undefined),
  );
  const metrics = await storageMetricsOf(cloudWatch, names, now);
  const buckets: BucketStorage[] = [];
  for (const [index, name] of names.entries()) {
    buckets.push({ name, hasLifecycleRules: await hasLifecycleRules(s3, name), ...metrics[index] });
  }
  return buckets;
}

/** Whether the bucket has lifecycle rules; S3 answers NoSuchLifecycleConfiguration when it has none. */
async function hasLifecycleRules(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    const configuration = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return (configuration.Rules ?? []).length > 0;
  } catch (error) {
    if ((error as Error).name === 'NoSuchLifecycleConfiguration') return false;
    throw error;
  }
}

/**
 * The latest `BucketSizeBytes` (StandardStorage) and `NumberOfObjects` (AllStorageTypes) of each
 * bucket, daily averages in the AWS/S3 namespace. "BucketSizeBytes: The amount of data in bytes
 * that is stored in a bucket in the following storage classes: S3 Standard (STANDARD) [...] This
 * value is calculated by summing the size of all objects and metadata (such as bucket names) in
 * the bucket (both current and noncurrent objects), including the size of all parts for all
 * incomplete multipart uploads"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html).
 */
async function storageMetricsOf(cloudWatch: CloudWatchClient, buckets: readonly string[], now: Date): Promise<Array<Pick<BucketStorage, 'standardBytes' | 'objectCount'>>> {
  const latest = new Map<string, number>();
  for (let start = 0; start < buckets.length; start += BUCKETS_PER_METRIC_REQUEST) {
    const queries = buckets.slice(start, start + BUCKETS_PER_METRIC_REQUEST).flatMap((bucket, offset) => [
      dailyAverage(`size_${start + offset}`, 'BucketSizeBytes', bucket, 'StandardStorage'),
      dailyAverage(`count_${start + offset}`, 'NumberOfObjects', bucket, 'AllStorageTypes'),
    ]);
    const results = await foldPages(
      (token) => cloudWatch.send(new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(now.getTime() - METRIC_LOOKBACK_MS),
        EndTime: now,
        ScanBy: 'TimestampDescending',
        NextToken: token,
      })),
      (page) => page.NextToken,
      (page) => page.MetricDataResults,
    );
    for (const result of results) recordLatest(latest, result);
  }
  return buckets.map((_bucket, index) => ({ standardBytes: latest.get(`size_${index}`), objectCount: latest.get(`count_${index}`) }));
}

function dailyAverage(id: string, metricName: string, bucket: string, storageType: string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: 'AWS/S3', MetricName: metricName, Dimensions: [{ Name: 'BucketName', Value: bucket }, { Name: 'StorageType', Value: storageType }] },
      Period: 86_400,
      Stat: 'Average',
    },
  };
}

/** Keeps the newest value of a query; a later page of the same query carries older values. */
function recordLatest(latest: Map<string, number>, result: MetricDataResult): void {
  if (result.Id === undefined || latest.has(result.Id)) return;
  const newest = (result.Timestamps ?? [])
    .map((timestamp, index) => ({ time: timestamp.getTime(), value: result.Values?.[index] }))
    .filter((point): point is { time: number; value: number } => point.value !== undefined)
    .sort((first, second) => second.time - first.time)[0];
  if (newest !== undefined) latest.set(result.Id, newest.value);
}

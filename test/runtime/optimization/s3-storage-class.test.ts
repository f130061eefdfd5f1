import {
  describeIntelligentTieringCandidate, INTELLIGENT_TIERING_MIN_OBJECT_BYTES, intelligentTieringCandidates, type BucketStorage,
} from '../../../src/runtime/optimization';

const GIB = 1024 ** 3;

describe('S3 Intelligent-Tiering candidates', () => {
  test('a bucket without lifecycle rules whose Standard objects average at least 128 KiB, and no other', () => {
    const buckets: BucketStorage[] = [
      { name: 'media', hasLifecycleRules: false, standardBytes: 500 * GIB, objectCount: 1_000_000 },
      { name: 'exactly-128k', hasLifecycleRules: false, standardBytes: INTELLIGENT_TIERING_MIN_OBJECT_BYTES * 10, objectCount: 10 },
      { name: 'just-under', hasLifecycleRules: false, standardBytes: INTELLIGENT_TIERING_MIN_OBJECT_BYTES * 10 - 1, objectCount: 10 },
      { name: 'managed', hasLifecycleRules: true, standardBytes: 500 * GIB, objectCount: 10 },
      { name: 'no-metrics-yet', hasLifecycleRules: false },
      { name: 'empty', hasLifecycleRules: false, standardBytes: 0, objectCount: 0 },
    ];
    expect(intelligentTieringCandidates(buckets)).toEqual([
      { bucket: 'media', standardBytes: 500 * GIB, objectCount: 1_000_000, averageObjectBytes: 536_870 },
      { bucket: 'exactly-128k', standardBytes: 1_310_720, objectCount: 10, averageObjectBytes: 131_072 },
    ]);
  });

  test('the report line states the figures and that no saving is estimated', () => {
    const [candidate] = intelligentTieringCandidates([{ name: 'media', hasLifecycleRules: false, standardBytes: 500 * GIB, objectCount: 1_000_000 }]);
    expect(describeIntelligentTieringCandidate(candidate)).toMatch(
      /^S3 bucket media: 500\.00 GiB in S3 Standard, 1000000 objects averaging 524 KiB, no lifecycle rules: consider S3 Intelligent-Tiering .*saving not estimated/);
  });
});

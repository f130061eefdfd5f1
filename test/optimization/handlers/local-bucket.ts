import { AwsLoopback, escapeXml, s3Error, s3Reply } from '../../support/aws-loopback';

/**
 * An S3 bucket in memory behind the loopback: PutObject, GetObject, DeleteObject and
 * ListObjectsV2 (prefix and continuation token, `pageSize` keys a page, as S3 pages at 1,000),
 * so the ledger's reads and writes go through the real S3 client.
 */
export class LocalBucket {
  readonly objects = new Map<string, string>();

  constructor(loopback: AwsLoopback, private readonly pageSize = 1000) {
    loopback
      .on('PutObject', (request) => {
        this.objects.set(request.input.Key, request.rawBody);
        return s3Reply('', { ETag: '"etag"' });
      })
      .on('GetObject', (request) => {
        const body = this.objects.get(request.input.Key);
        return body === undefined ? s3Error('NoSuchKey', 'The specified key does not exist.', 404) : s3Reply(body, { 'content-type': 'application/json' });
      })
      .on('DeleteObject', (request) => {
        this.objects.delete(request.input.Key);
        return s3Reply('', {}, 204);
      })
      .on('ListObjectsV2', (request) => this.list(request.query.prefix ?? '', request.query['continuation-token']));
  }

  keysUnder(prefix: string): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  private list(prefix: string, token: string | undefined) {
    const keys = this.keysUnder(prefix);
    const start = token === undefined ? 0 : Number(token);
    const page = keys.slice(start, start + this.pageSize);
    const next = start + this.pageSize < keys.length ? String(start + this.pageSize) : undefined;
    return s3Reply('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + `<Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${this.pageSize}</MaxKeys>`
      + `<IsTruncated>${next !== undefined}</IsTruncated>`
      + page.map((key) => `<Contents><Key>${escapeXml(key)}</Key><Size>${this.objects.get(key)!.length}</Size></Contents>`).join('')
      + (next === undefined ? '' : `<NextContinuationToken>${next}</NextContinuationToken>`)
      + '</ListBucketResult>');
  }
}

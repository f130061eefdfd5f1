import { readFileSync } from 'fs';
import { join } from 'path';

/** Fields the AWS SDK deserializes from wire timestamps into `Date`. */
const TIMESTAMP_FIELDS = new Set(['StartTime', 'CreateTime', 'AttachTime', 'CompletionTime', 'RestoreExpiryTime', 'lastRefreshTimestamp']);

/** Reads `fixtures/<name>.json` as the SDK would hand it to a handler (timestamps as `Date`). */
export function loadFixture<T>(name: string): T {
  const text = readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8');
  return JSON.parse(text, (key, value) => (TIMESTAMP_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value)) as T;
}

import { createHash } from 'crypto';

/**
 * A name derived from user input, cut to `maxLength`: a longer name keeps its beginning and ends
 * with `separator` and 8 hex digits of its hash, so that two long names that differ only at the
 * end stay different.
 */
export function fitName(name: string, maxLength: number, separator: string): string {
  if (name.length <= maxLength) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - separator.length)}${separator}${hash}`;
}

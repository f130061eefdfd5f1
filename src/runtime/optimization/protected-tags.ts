import type { Tag } from '@aws-sdk/client-ec2';

/**
 * A tag that marks a resource never to be changed automatically: the key with one of the values
 * (compared without case: "Production" is production too), or the key with any value when no
 * values are given.
 */
export interface ProtectedTagRule {
  readonly key: string;
  readonly values?: readonly string[];
}

/** The default protected workloads: `environment` = `production`, and anything tagged `critical`. */
export const DEFAULT_PROTECTED_TAGS: readonly ProtectedTagRule[] = [{ key: 'environment', values: ['production'] }, { key: 'critical' }];

/**
 * Which rule protects a resource with these tags, described as `key=value` or `key`, or undefined
 * when none does.
 */
export function protectedBy(tags: readonly Tag[] | undefined, rules: readonly ProtectedTagRule[]): string | undefined {
  for (const rule of rules) {
    const tag = (tags ?? []).find((candidate) => candidate.Key === rule.key);
    if (tag === undefined) continue;
    if (rule.values === undefined || rule.values.length === 0) return rule.key;
    const value = (tag.Value ?? '').toLowerCase();
    if (rule.values.some((protectedValue) => protectedValue.toLowerCase() === value)) return `${rule.key}=${tag.Value}`;
  }
  return undefined;
}

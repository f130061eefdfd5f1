import { LAMBDA_MAX_TIMEOUT_SECONDS } from '../../core/limits/optimization';
import {
  DISTRIBUTED_MAP_MAX_CONCURRENCY,
  IAM_ROLE_NAME_PATTERN,
  ORGANIZATION_MAX_LISTED_TARGETS,
  ORGANIZATION_MAX_REGIONS,
  ORGANIZATION_PARENT_ID_PATTERN,
  REGION_NAME_PATTERN,
} from '../../core/limits/organization-scope';
import { checkCount, checkRange, isAccountId, isUnresolved, RuleViolation, violationsOf } from '../../core/validation';
import { OrganizationScope, OrganizationTargetKind } from '../organization-scope';

/** The member role names and concurrency an organization scope resolves to. */
export const ORGANIZATION_DEFAULTS = {
  readRoleName: 'FinOpsOptimizationRead',
  executorRoleName: 'FinOpsOptimizationExecutor',
  maxConcurrency: 40,
  scanTimeoutSeconds: 120,
} as const;

/** Every rule of an organization scope; values known only at deploy time pass. */
export function organizationViolations(scope: OrganizationScope): RuleViolation[] {
  const ids = scope.targets.ids;
  return [
    ...targetViolations(scope.targets.kind, ids),
    ...regionViolations(scope.regions),
    ...violationsOf(
      roleNameViolation(scope.readRoleName, 'readRoleName'),
      roleNameViolation(scope.executorRoleName, 'executorRoleName'),
      scope.maxConcurrency === undefined ? undefined : wholeNumberViolation(scope.maxConcurrency, DISTRIBUTED_MAP_MAX_CONCURRENCY,
        'maxConcurrency, the scans a Distributed Map runs at once,', 'set maxConcurrency to 1-10000'),
      scope.scanTimeout === undefined ? undefined : checkRange(scope.scanTimeout.toSeconds(), 1, LAMBDA_MAX_TIMEOUT_SECONDS,
        'scanTimeout, a Lambda function\'s timeout in seconds,', 'set a scanTimeout of at most Duration.minutes(15)'),
    ),
  ];
}

function targetViolations(kind: OrganizationTargetKind, ids: readonly string[]): RuleViolation[] {
  if (kind === OrganizationTargetKind.ENTIRE_ORGANIZATION || isUnresolved(ids)) return [];
  const what = kind === OrganizationTargetKind.ACCOUNTS ? 'accounts' : 'organizational units';
  const fix = kind === OrganizationTargetKind.ACCOUNTS ? 'name at least one account' : 'name at least one OU';
  if (ids.length === 0) return [{ value: ids, rule: `OrganizationTargets names at least one of its ${what}`, fix: `${fix}, or use OrganizationTargets.entireOrganization()` }];
  const valid = kind === OrganizationTargetKind.ACCOUNTS ? isAccountId : (id: string) => ORGANIZATION_PARENT_ID_PATTERN.test(id);
  const malformed = ids.filter((id) => !isUnresolved(id) && !valid(id));
  const repeated = ids.filter((id, index) => !isUnresolved(id) && ids.indexOf(id) !== index);
  return violationsOf(
    checkCount(ids, ORGANIZATION_MAX_LISTED_TARGETS, `listed ${what}`, 'target the OUs that hold them instead'),
    malformed.length === 0 ? undefined : kind === OrganizationTargetKind.ACCOUNTS
      ? { value: malformed, rule: 'an AWS account id is 12 digits', fix: 'write each account id as its 12 digits, e.g. "111122223333"' }
      : {
        value: malformed,
        rule: 'an OU id is "ou-" with 4-32 lowercase letters or digits, "-" and 8-32 more; a root id is "r-" with 4-32',
        fix: 'copy the ids from the Organizations console or `aws organizations list-organizational-units-for-parent`',
      },
    repeated.length === 0 ? undefined : { value: repeated, rule: `each of the ${what} is listed once`, fix: 'remove the repeated ids' },
  );
}

function regionViolations(regions: readonly string[]): RuleViolation[] {
  if (isUnresolved(regions)) return [];
  if (regions.length === 0) return [{ value: regions, rule: 'an organization scope inventories at least one Region', fix: 'list the Regions your accounts use, e.g. ["us-east-1"]' }];
  const malformed = regions.filter((region) => !isUnresolved(region) && !REGION_NAME_PATTERN.test(region));
  const repeated = regions.filter((region, index) => !isUnresolved(region) && regions.indexOf(region) !== index);
  return violationsOf(
    checkCount(regions, ORGANIZATION_MAX_REGIONS, 'Regions', 'list each Region once'),
    malformed.length === 0 ? undefined : { value: malformed, rule: 'a Region name is like "eu-west-1"', fix: 'write Region names as AWS spells them' },
    repeated.length === 0 ? undefined : { value: repeated, rule: 'each Region is listed once (twice would scan and report it twice)', fix: 'remove the repeated Regions' },
  );
}

function roleNameViolation(name: string | undefined, what: string): RuleViolation | undefined {
  if (name === undefined || isUnresolved(name) || IAM_ROLE_NAME_PATTERN.test(name)) return undefined;
  return { value: name, rule: `${what}, an IAM role name, is 1-64 letters, digits and + = , . @ _ -`, fix: `set ${what} to a valid role name` };
}

function wholeNumberViolation(value: number, max: number, what: string, fix: string): RuleViolation | undefined {
  if (isUnresolved(value)) return undefined;
  return Number.isInteger(value) ? checkRange(value, 1, max, what, fix) : { value, rule: `${what} is a whole number`, fix };
}

import {
  ORGANIZATION_ID_PATTERN,
  ORGANIZATIONAL_UNIT_ID_PATTERN,
  ROOT_ID_PATTERN,
  STACK_SET_ACCOUNT_PATTERN,
  STACK_SET_MAX_PERCENTAGE,
  STACK_SET_NAME_MAX_LENGTH,
  STACK_SET_NAME_PATTERN,
  STACK_SET_REGION_PATTERN,
} from '../../core/limits/stacksets';
import { isUnresolved, RuleViolation, violationsOf } from '../../core/validation';
import { AccountFilter, MemberDeploymentTarget } from '../member-deployment-target';
import { CallAs, StackSetConcurrencyMode } from '../member-stack-set-options';

/** What the rules of one StackSet read. */
export interface StackSetSettings {
  readonly stackSetName: string;
  readonly callAs: CallAs;
  readonly region: string;
  readonly target: MemberDeploymentTarget;
  readonly maxConcurrentPercentage: number;
  readonly failureTolerancePercentage: number;
  readonly concurrencyMode: StackSetConcurrencyMode;
}

/** Every rule of a service-managed StackSet that these settings break. */
export function stackSetViolations(settings: StackSetSettings): RuleViolation[] {
  return [
    ...violationsOf(
      stackSetNameViolation(settings.stackSetName),
      enumViolation(settings.callAs, Object.values(CallAs), 'callAs'),
      enumViolation(settings.concurrencyMode, Object.values(StackSetConcurrencyMode), 'concurrencyMode'),
      regionViolation(settings.region),
      percentageViolation(settings.maxConcurrentPercentage, 1, 'maxConcurrentPercentage'),
      percentageViolation(settings.failureTolerancePercentage, 0, 'failureTolerancePercentage'),
    ),
    ...targetViolations(settings.target),
  ];
}

/** The organization id that `aws:PrincipalOrgID` compares with. */
export function organizationIdViolation(organizationId: string): RuleViolation | undefined {
  if (isUnresolved(organizationId) || ORGANIZATION_ID_PATTERN.test(organizationId)) {
    return undefined;
  }
  return {
    value: organizationId,
    rule: 'an organization id is "o-" followed by 10 to 32 lowercase letters or digits',
    fix: 'copy the id from the AWS Organizations console or `aws organizations describe-organization`',
  };
}

function stackSetNameViolation(name: string): RuleViolation | undefined {
  if (isUnresolved(name) || STACK_SET_NAME_PATTERN.test(name)) {
    return undefined;
  }
  return {
    value: name,
    rule: `a StackSet name has only letters, digits and hyphens, starts with a letter and has at most ${STACK_SET_NAME_MAX_LENGTH} characters`,
    fix: 'choose a stackSetName such as "finops-member-roles"',
  };
}

function enumViolation(value: string, allowed: string[], what: string): RuleViolation | undefined {
  if (isUnresolved(value) || allowed.includes(value)) {
    return undefined;
  }
  return { value, rule: `${what} is one of ${allowed.join(', ')}`, fix: `set ${what} to one of the enum's members` };
}

function regionViolation(region: string): RuleViolation | undefined {
  if (isUnresolved(region) || STACK_SET_REGION_PATTERN.test(region)) {
    return undefined;
  }
  return {
    value: region,
    rule: 'a StackSet region has 1 to 128 letters, digits or hyphens',
    fix: 'name a region such as "us-east-1"',
  };
}

function percentageViolation(value: number, min: number, what: string): RuleViolation | undefined {
  if (isUnresolved(value) || (Number.isInteger(value) && value >= min && value <= STACK_SET_MAX_PERCENTAGE)) {
    return undefined;
  }
  return {
    value,
    rule: `${what} is a whole number of percent from ${min} to ${STACK_SET_MAX_PERCENTAGE}`,
    fix: `set ${what} to a whole number between ${min} and ${STACK_SET_MAX_PERCENTAGE}`,
  };
}

function targetViolations(target: MemberDeploymentTarget): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (target.organizationalUnitIds.length === 0) {
    violations.push({
      value: target.organizationalUnitIds,
      rule: 'a service-managed StackSet targets at least one organizational unit or the root',
      fix: 'name the organizational units (ou-...) or the root (r-...) to deploy into',
    });
  }
  target.organizationalUnitIds
    .filter((id) => !isUnresolved(id) && !ORGANIZATIONAL_UNIT_ID_PATTERN.test(id) && !ROOT_ID_PATTERN.test(id))
    .forEach((id) => violations.push({
      value: id,
      rule: 'an organizational unit id is "ou-", 4 to 32 lowercase letters or digits, "-", 8 to 32 more; a root id is "r-" and 4 to 32 lowercase letters or digits',
      fix: 'copy the id from `aws organizations list-roots` or `list-organizational-units-for-parent`',
    }));
  if (target.accountFilter !== AccountFilter.NONE && target.accountIds.length === 0) {
    violations.push({
      value: target.accountIds,
      rule: `the ${target.accountFilter} account filter lists at least one account`,
      fix: 'list the accounts, or use MemberDeploymentTarget.organizationalUnits',
    });
  }
  target.accountIds
    .filter((id) => !isUnresolved(id) && !STACK_SET_ACCOUNT_PATTERN.test(id))
    .forEach((id) => violations.push({ value: id, rule: 'an AWS account id is 12 digits', fix: 'write the account id with its 12 digits, leading zeros included' }));
  return violations;
}

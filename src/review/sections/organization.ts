import { counted, ReviewItem } from '../item';
import { readable, referenceInWords, SynthesizedStack, TemplateResource } from '../template';

const SECTION = 'Deployment across the organization';

/** Facts whose values are printed one per line under their label; the others read on one line. */
const LISTED_FACTS = /^(parameters|management roles trusted|role .*)$/;

/**
 * The review of a stack's StackSets (AWS::CloudFormation::StackSet): who administers each, which accounts and
 * regions get it and how it rolls out, the parameter values it passes, what each member account gets (its roles
 * with their trust and permissions read from the member template), and which roles of this stack the member
 * accounts trust.
 */
export function reviewOrganization(stack: SynthesizedStack): string[] {
  const items = organizationItems(stack);
  return items.length === 0 ? [] : [`### ${SECTION} (${counted(items.length, 'StackSet')})`, '', ...items.flatMap(stackSetLines)];
}

function stackSetLines(item: ReviewItem): string[] {
  return [
    `- **${item.name}** (${item.kind}) \`${item.path}\``,
    ...Object.entries(item.facts).flatMap(([label, values]) => (LISTED_FACTS.test(label)
      ? [`  - ${label}:${values.length === 0 ? ' none' : ''}`, ...values.map((value) => `    - ${value}`)]
      : [`  - ${label}: ${values.join(', ')}`])),
    '',
  ];
}

/** Every StackSet of a stack as facts. */
export function organizationItems(stack: SynthesizedStack): ReviewItem[] {
  return stack.resources
    .filter((resource) => resource.type === 'AWS::CloudFormation::StackSet')
    .map((stackSet) => {
      const properties = stackSet.properties;
      const member = stack.memberTemplates?.[stackSet.logicalId];
      const parameterValues = parametersOf(stackSet);
      const inWords = (value: unknown) => referenceInWords(stack, value);
      return {
        section: SECTION,
        stackName: stack.stackName,
        path: stackSet.path,
        name: readable(properties.StackSetName ?? stackSet.logicalId),
        kind: permissionModelInWords(properties),
        facts: {
          'administered from': [administratorInWords(properties.CallAs)],
          'targets': instanceGroupsOf(stackSet).map((group) => targetsInWords(group.DeploymentTargets ?? {})),
          'regions': instanceGroupsOf(stackSet).map((group) => readable(group.Regions)),
          'auto deployment': [autoDeploymentInWords(properties.AutoDeployment)],
          'rollout': [rolloutInWords(properties.OperationPreferences ?? {})],
          'parameters': [...parameterValues].map(([key, value]) => `${key} = ${inWords(value)}`),
          ...(member === undefined
            ? { 'each member account gets': ['not reviewed: the member template is not in what was reviewed'] }
            : memberFacts(stack, member, parameterValues)),
        },
      };
    });
}

function permissionModelInWords(properties: Record<string, any>): string {
  if (properties.PermissionModel === 'SERVICE_MANAGED') {
    return 'service-managed';
  }
  const execution = properties.ExecutionRoleName === undefined ? 'CloudFormation\'s default execution role' : `execution role ${readable(properties.ExecutionRoleName)}`;
  return `self-managed: administration role ${readable(properties.AdministrationRoleARN ?? '(default)')}, ${execution}`;
}

function administratorInWords(callAs: unknown): string {
  if (callAs === 'DELEGATED_ADMIN') {
    return 'a delegated administrator account (CallAs DELEGATED_ADMIN)';
  }
  return callAs === undefined || callAs === 'SELF' ? 'the management account (CallAs SELF)' : readable(callAs);
}

function instanceGroupsOf(stackSet: TemplateResource): any[] {
  const groups: unknown = stackSet.properties.StackInstancesGroup;
  if (groups !== undefined && !Array.isArray(groups)) {
    throw new Error(`StackInstancesGroup is ${readable(groups)}, not a list`);
  }
  return groups ?? [];
}

/** A DeploymentTargets in words: the units or the root, and how the account filter picks accounts out of them. */
export function targetsInWords(targets: Record<string, any>): string {
  const units = targets.OrganizationalUnitIds === undefined ? undefined : readable(targets.OrganizationalUnitIds);
  const accounts = [
    ...(targets.Accounts === undefined ? [] : [`accounts ${readable(targets.Accounts)}`]),
    ...(targets.AccountsUrl === undefined ? [] : [`the accounts listed in ${readable(targets.AccountsUrl)}`]),
  ].join(' and ');
  if (units === undefined) {
    return accounts || 'no account';
  }
  switch (targets.AccountFilterType) {
    case 'INTERSECTION':
      return `only ${accounts}, where they are in ${units}`;
    case 'DIFFERENCE':
      return `every account of ${units} except ${accounts}`;
    case 'UNION':
      return `every account of ${units}, and ${accounts}`;
    case undefined:
    case 'NONE':
      return `every account of ${units}${accounts ? ` (${accounts} listed without an account filter)` : ''}`;
    default:
      return `${units}, account filter ${readable(targets.AccountFilterType)} with ${accounts}`;
  }
}

function autoDeploymentInWords(autoDeployment: any): string {
  if (autoDeployment?.Enabled !== true) {
    return autoDeployment?.Enabled === undefined || autoDeployment.Enabled === false
      ? 'off: only the accounts targeted when the StackSet is deployed'
      : readable(autoDeployment.Enabled);
  }
  const retain = autoDeployment.RetainStacksOnAccountRemoval === true ? 'retained' : 'deleted';
  return `on: accounts that join the targeted units get the stack; the stack of an account that leaves them is ${retain}`;
}

function rolloutInWords(preferences: Record<string, any>): string {
  const share = (percentage: unknown, count: unknown, noun: string) =>
    percentage !== undefined ? `${readable(percentage)}% of the accounts` : count !== undefined ? counted(readable(count), noun) : undefined;
  const concurrent = share(preferences.MaxConcurrentPercentage, preferences.MaxConcurrentCount, 'account');
  const tolerated = share(preferences.FailureTolerancePercentage, preferences.FailureToleranceCount, 'account');
  const regions = preferences.RegionOrder
    ? `regions in the order ${readable(preferences.RegionOrder)}`
    : preferences.RegionConcurrencyType === 'PARALLEL' ? 'regions in parallel' : 'one region after another';
  return [
    `${concurrent ?? 'CloudFormation\'s default number of accounts'} at a time per region`,
    `up to ${tolerated ?? 'no account'} may fail per region`,
    ...(preferences.ConcurrencyMode ? [readable(preferences.ConcurrencyMode).toLowerCase().replace(/_/g, ' ')] : []),
    regions,
  ].join(', ');
}

/** The StackSet's parameter values by key, in template order. */
function parametersOf(stackSet: TemplateResource): Map<string, unknown> {
  const parameters: unknown = stackSet.properties.Parameters ?? [];
  if (!Array.isArray(parameters)) {
    throw new Error(`Parameters is ${readable(parameters)}, not a list`);
  }
  return new Map(parameters.map((parameter) => [readable(parameter?.ParameterKey), parameter?.ParameterValue]));
}

/** What a member account gets, read from the member template with its parameters given the StackSet's values. */
function memberFacts(stack: SynthesizedStack, member: SynthesizedStack, parameterValues: Map<string, unknown>): Record<string, string[]> {
  const declared = member.template?.Parameters ?? {};
  const valueInWords = (name: string): string | undefined => {
    if (parameterValues.has(name)) {
      return referenceInWords(stack, parameterValues.get(name));
    }
    return declared[name]?.Default === undefined ? undefined : readable(declared[name].Default);
  };
  // Member values in words: a reference to a template parameter reads as the value the StackSet gives it.
  const inMemberAccount = (value: unknown): string => readable(substituteParameters(value, declared, valueInWords));
  const roles = member.resources.filter((resource) => resource.type === 'AWS::IAM::Role');
  const roleName = (role: TemplateResource) => (role.properties.RoleName === undefined ? role.path : inMemberAccount(role.properties.RoleName));
  const counts = new Map<string, number>();
  member.resources.forEach((resource) => counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1));
  return {
    'each member account gets': [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `${count} ${type}`),
    ...Object.fromEntries(roles.map((role) => [`role ${roleName(role)}`, roleInWords(role, inMemberAccount)])),
    'management roles trusted': managementRolesTrusted(stack, roles, parameterValues, roleName),
  };
}

/** The value with every { Ref: <parameter> } replaced by the parameter's value in words (left as is when it has none). */
function substituteParameters(value: unknown, declared: Record<string, unknown>, valueInWords: (name: string) => string | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map((inner) => substituteParameters(inner, declared, valueInWords));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const ref = (value as any).Ref;
  if (typeof ref === 'string' && ref in declared) {
    return valueInWords(ref) ?? value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substituteParameters(inner, declared, valueInWords)]));
}

/** Who may assume the role and under which condition, then each statement of its inline policies and its managed policies. */
function roleInWords(role: TemplateResource, inMemberAccount: (value: unknown) => string): string[] {
  const trust = statementsOf(role.properties.AssumeRolePolicyDocument).map((statement) =>
    `${statement.Effect === 'Deny' ? 'never ' : ''}assumed by ${principalInWords(statement.Principal, inMemberAccount)}${conditionsInWords(statement.Condition, inMemberAccount)}`);
  const inline = ([] as any[]).concat(role.properties.Policies ?? []).flatMap((policy) => statementsOf(policy?.PolicyDocument).map((statement) =>
    `${readable(statement.Effect)} ${inMemberAccount([].concat(statement.Action ?? statement.NotAction))} on ${inMemberAccount([].concat(statement.Resource ?? statement.NotResource))}`
      + conditionsInWords(statement.Condition, inMemberAccount)));
  const managed = role.properties.ManagedPolicyArns === undefined ? [] : [`managed policies ${inMemberAccount(role.properties.ManagedPolicyArns)}`];
  return [...trust, ...inline, ...managed];
}

function statementsOf(document: any): any[] {
  return [].concat(document?.Statement ?? []);
}

function principalInWords(principal: any, inMemberAccount: (value: unknown) => string): string {
  if (principal === '*' || typeof principal !== 'object' || principal === null) {
    return principal === '*' ? 'anyone' : readable(principal);
  }
  return Object.entries<any>(principal)
    .map(([kind, value]) => `${kind === 'AWS' ? '' : `${kind.toLowerCase()} `}${inMemberAccount(value)}`)
    .join(', ');
}

/** " while in organization o-...", " when the resource is tagged k", else " when <operator> <key> = <values>". */
function conditionsInWords(condition: any, inMemberAccount: (value: unknown) => string): string {
  return Object.entries<any>(condition ?? {}).flatMap(([operator, keys]) => Object.entries<any>(keys ?? {}).map(([key, value]) => {
    const values = inMemberAccount(value);
    if (key === 'aws:PrincipalOrgID' && operator === 'StringEquals') {
      return ` while in organization ${values}`;
    }
    const [, prefix, tag] = /^(aws|ec2):ResourceTag\/(.+)$/.exec(key) ?? [];
    const through = prefix === 'ec2' ? ' (EC2\'s condition key)' : '';
    if (operator === 'Null' && tag !== undefined && String(value) === 'false') {
      return ` when the resource is tagged ${tag}${through}`;
    }
    if (operator === 'StringEqualsIgnoreCase' && tag !== undefined) {
      return ` when the resource's tag ${tag} is ${values} (any case)${through}`;
    }
    return ` when ${operator} ${key} = ${values}`;
  })).join(' and');
}

/**
 * The roles of the management stack passed to the member template as parameter values, each with the member
 * roles whose trust policy names that parameter.
 */
function managementRolesTrusted(
  stack: SynthesizedStack,
  memberRoles: readonly TemplateResource[],
  parameterValues: Map<string, unknown>,
  roleName: (role: TemplateResource) => string,
): string[] {
  return [...parameterValues].flatMap(([key, value]) => {
    const logicalId = (value as any)?.Ref ?? (value as any)?.['Fn::GetAtt']?.[0];
    const managementRole = stack.resources.find((resource) => resource.logicalId === logicalId && resource.type === 'AWS::IAM::Role');
    if (managementRole === undefined) {
      return [];
    }
    const reference = JSON.stringify({ Ref: key });
    const trusting = memberRoles.filter((role) => JSON.stringify(role.properties.AssumeRolePolicyDocument ?? {}).includes(reference));
    return [`${managementRole.path} (${key}) may assume ${trusting.length === 0 ? 'no member role' : trusting.map(roleName).join(', ')}`];
  });
}

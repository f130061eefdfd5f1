import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { managementStack } from './support';
import {
  CallAs,
  MemberDeploymentTarget,
  OrganizationMemberRoles,
  OrganizationMemberRolesProps,
  StackSetConcurrencyMode,
} from '../../src';

const OU = 'ou-ab12-11111111';

function memberRoles(props: Partial<OrganizationMemberRolesProps> = {}, stack?: Stack): OrganizationMemberRoles {
  const management = managementStack();
  return new OrganizationMemberRoles(stack ?? management.stack, 'MemberRoles', {
    trust: management.trust,
    organizationId: 'o-abcdefghij',
    target: MemberDeploymentTarget.organizationalUnits([OU]),
    ...props,
  });
}

const prefix = 'Management/MemberRoles: ';

describe('Member StackSets fail at synth on', () => {
  test('an organizational unit id that is not "ou-..." or a root id', () => {
    expect(() => memberRoles({ target: MemberDeploymentTarget.organizationalUnits(['ou-AB12-11111111']) })).toThrow(
      `${prefix}"ou-AB12-11111111" breaks the rule: an organizational unit id is "ou-", 4 to 32 lowercase letters or digits, "-", 8 to 32 more; a root id is "r-" and 4 to 32 lowercase letters or digits. Fix: copy the id from \`aws organizations list-roots\` or \`list-organizational-units-for-parent\`.`,
    );
  });

  test('a root id too short', () => {
    expect(() => memberRoles({ target: MemberDeploymentTarget.organizationalUnits(['r-ab1']) })).toThrow(`${prefix}"r-ab1" breaks the rule: an organizational unit id is "ou-"`);
  });

  test('no organizational unit', () => {
    expect(() => memberRoles({ target: MemberDeploymentTarget.organizationalUnits([]) })).toThrow(
      `${prefix}[] breaks the rule: a service-managed StackSet targets at least one organizational unit or the root. Fix: name the organizational units (ou-...) or the root (r-...) to deploy into.`,
    );
  });

  test('an account id that is not 12 digits', () => {
    expect(() => memberRoles({ target: MemberDeploymentTarget.accounts(['12345'], [OU]) })).toThrow(
      `${prefix}"12345" breaks the rule: an AWS account id is 12 digits. Fix: write the account id with its 12 digits, leading zeros included.`,
    );
  });

  test('an account filter without accounts', () => {
    expect(() => memberRoles({ target: MemberDeploymentTarget.organizationalUnitsExcept([OU], []) })).toThrow(
      `${prefix}[] breaks the rule: the DIFFERENCE account filter lists at least one account. Fix: list the accounts, or use MemberDeploymentTarget.organizationalUnits.`,
    );
  });

  test.each(['1-starts-with-digit', 'has_underscore', 'a'.repeat(129)])('a StackSet name that breaks the pattern or the length (%s)', (stackSetName) => {
    expect(() => memberRoles({ stackSetName })).toThrow(
      `${prefix}${JSON.stringify(stackSetName)} breaks the rule: a StackSet name has only letters, digits and hyphens, starts with a letter and has at most 128 characters. Fix: choose a stackSetName such as "finops-member-roles".`,
    );
  });

  test.each(['o-short', 'o-ABCDEFGHIJ', 'abcdefghijkl'])('an organization id that is not "o-" and 10-32 lowercase letters or digits (%s)', (organizationId) => {
    expect(() => memberRoles({ organizationId })).toThrow(
      `${prefix}${JSON.stringify(organizationId)} breaks the rule: an organization id is "o-" followed by 10 to 32 lowercase letters or digits. Fix: copy the id from the AWS Organizations console or \`aws organizations describe-organization\`.`,
    );
  });

  test('a region that breaks the StackSet region pattern', () => {
    expect(() => memberRoles({ region: 'eu_west_1' })).toThrow(
      `${prefix}"eu_west_1" breaks the rule: a StackSet region has 1 to 128 letters, digits or hyphens. Fix: name a region such as "us-east-1".`,
    );
  });

  test('a CallAs value outside the enum (from a jsii language without enums checked)', () => {
    expect(() => memberRoles({ callAs: 'ADMIN' as CallAs })).toThrow(
      `${prefix}"ADMIN" breaks the rule: callAs is one of SELF, DELEGATED_ADMIN. Fix: set callAs to one of the enum's members.`,
    );
  });

  test('a concurrency mode outside the enum', () => {
    expect(() => memberRoles({ concurrencyMode: 'LOOSE' as StackSetConcurrencyMode })).toThrow(
      `${prefix}"LOOSE" breaks the rule: concurrencyMode is one of STRICT_FAILURE_TOLERANCE, SOFT_FAILURE_TOLERANCE.`,
    );
  });

  test.each([0, 101, 12.5])('a maximum concurrency outside 1-100 whole percent (%s)', (maxConcurrentPercentage) => {
    expect(() => memberRoles({ maxConcurrentPercentage })).toThrow(
      `${prefix}${maxConcurrentPercentage} breaks the rule: maxConcurrentPercentage is a whole number of percent from 1 to 100. Fix: set maxConcurrentPercentage to a whole number between 1 and 100.`,
    );
  });

  test.each([-1, 101])('a failure tolerance outside 0-100 percent (%s)', (failureTolerancePercentage) => {
    expect(() => memberRoles({ failureTolerancePercentage })).toThrow(
      `${prefix}${failureTolerancePercentage} breaks the rule: failureTolerancePercentage is a whole number of percent from 0 to 100.`,
    );
  });

  test('a trust without any management-side role', () => {
    const { stack, trust } = managementStack();
    expect(() => memberRoles({ trust: { ...trust, executorRoleTrustedBy: [] } }, stack)).toThrow(
      `${prefix}[] breaks the rule: executorRoleTrustedBy names at least one management-side role: a role that nobody may assume has an invalid trust policy. Fix: pass the trust of the pipeline that uses the roles (\`pipeline.memberRoleTrust()\`).`,
    );
  });

  test('a protection tag key known only at deploy time (it becomes a JSON key of the policy)', () => {
    const { stack, trust } = managementStack();
    const tagKey = new CfnParameter(stack, 'TagKey').valueAsString;
    expect(() => memberRoles({ trust: { ...trust, protectionTagKey: tagKey } }, stack)).toThrow(
      /breaks the rule: the protection tag key is written into the condition key "aws:ResourceTag\/<key>", and a JSON key in a template cannot hold a value known only at deploy time\. Fix: write the tag key as a literal string\.$/,
    );
  });

  test('several rules at once, all listed', () => {
    expect(() => memberRoles({ organizationId: 'x', stackSetName: '_', target: MemberDeploymentTarget.organizationalUnits(['ou-x']) })).toThrow(
      /^Management\/MemberRoles breaks 3 rules:\n/,
    );
  });

  test('a member template over the StackSet template size (460,800 bytes)', () => {
    const { stack, trust } = managementStack();
    const many = Array.from({ length: 2000 }, (_, index) => ({ roleArn: `arn:aws:iam::999999999999:role/pipeline-${index}-${'x'.repeat(30)}` }));
    const roles = memberRoles({ trust: { ...trust, readRoleTrustedBy: many as any } }, stack);
    expect(() => (stack.node.root as App).synth()).toThrow(
      /\[Management\/MemberRoles\/StackSet\/MemberTemplate\] Management\/MemberRoles\/StackSet\/MemberTemplate: \d+ breaks the rule: a StackSet template holds at most 460800 bytes/,
    );
    expect(roles.memberTemplate).toBeDefined();
  });
});

describe('Member StackSets accept', () => {
  test('tokens for ids, names, region and percentages', () => {
    const stack = new Stack(new App(), 'Management');
    const token = (id: string) => new CfnParameter(stack, id).valueAsString;
    expect(() => memberRoles({
      organizationId: token('OrgId'),
      stackSetName: token('Name'),
      region: token('Region'),
      maxConcurrentPercentage: new CfnParameter(stack, 'Concurrency', { type: 'Number' }).valueAsNumber,
      target: MemberDeploymentTarget.accounts([token('Account')], [token('Ou')]),
    }, stack)).not.toThrow();
  });

  test('a region aws-cdk-lib does not know, with a warning', () => {
    const roles = memberRoles({ region: 'xx-future-1' });
    Annotations.fromStack(Stack.of(roles)).hasWarning('/Management/MemberRoles', Match.stringLikeRegexp('The region "xx-future-1" is not one aws-cdk-lib knows'));
  });
});

/**
 * CloudFormation StackSets and AWS Organizations identifiers checked at synth, for the constructs
 * that deploy into member accounts through a service-managed StackSet.
 */

// ---------------------------------------------------------------------------------------------
// AWS::CloudFormation::StackSet
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html
// ---------------------------------------------------------------------------------------------

/**
 * StackSetName: "A stack name can contain only alphanumeric characters (case-sensitive) and hyphens.
 * It must start with an alphabetic character and can't be longer than 128 characters."
 * (CreateStackSet, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html);
 * "Maximum: 128 Pattern: ^[a-zA-Z][a-zA-Z0-9-]{0,127}$"
 * (https://docs.aws.amazon.com/cdk/api/latest/python/aws_cdk.core/CfnStackSetProps.html, from the resource reference).
 */
export const STACK_SET_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]{0,127}$/;
/** See {@link STACK_SET_NAME_PATTERN}. */
export const STACK_SET_NAME_MAX_LENGTH = 128;

/**
 * TemplateURL: "The URL must point to a template (maximum size: 460,800 bytes) that's located in an
 * Amazon S3 bucket or a Systems Manager document." (CreateStackSet, as the AWS SDK reference quotes it:
 * https://docs.rs/aws-sdk-cloudformation/0.27.0/aws_sdk_cloudformation/operation/create_stack_set/struct.CreateStackSetInput.html).
 * Stricter than the 1 MB of a plain stack's template, so the member template is held to it.
 */
export const STACK_SET_MAX_TEMPLATE_BYTES = 460_800;

/**
 * StackInstances Regions: each region matches `^[a-zA-Z0-9-]{1,128}$` (the AWS::CloudFormation::StackSet
 * resource schema, `definitions.Region`, as cfn-lint ships it). A region outside the names aws-cdk-lib
 * knows is only warned about: AWS opens new regions.
 */
export const STACK_SET_REGION_PATTERN = /^[a-zA-Z0-9-]{1,128}$/;

/**
 * OperationPreferences (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html):
 * "You can specify either FailureToleranceCount or FailureTolerancePercentage, but not both." The resource
 * schema bounds FailureTolerancePercentage to 0-100 and MaxConcurrentPercentage to at most 100; at least 1
 * percent is required here, since no account at a time deploys nothing.
 */
export const STACK_SET_MAX_PERCENTAGE = 100;

// ---------------------------------------------------------------------------------------------
// AWS Organizations identifiers
// ---------------------------------------------------------------------------------------------

/**
 * "Root - A string that begins with "r-" followed by from 4 to 32 lowercase letters or digits.
 * Organizational unit (OU) - A string that begins with "ou-" followed by from 4 to 32 lowercase letters or
 * digits (the ID of the root that the OU is in). This string is followed by a second "-" dash and from 8 to
 * 32 additional lowercase letters or digits." https://docs.aws.amazon.com/organizations/latest/APIReference/API_Parent.html
 * The StackSet's DeploymentTargets.OrganizationalUnitIds takes either.
 */
export const ORGANIZATIONAL_UNIT_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** See {@link ORGANIZATIONAL_UNIT_ID_PATTERN}. */
export const ROOT_ID_PATTERN = /^r-[0-9a-z]{4,32}$/;

/**
 * "The regex pattern for an organization ID string requires "o-" followed by from 10 to 32 lowercase
 * letters or digits." (Organization.Id, https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html,
 * as quoted by https://pub.dev/documentation/aws_organizations_api/latest/organizations-2016-11-28/Organization/id.html)
 */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/**
 * DeploymentTargets: "When deploying to AWS Organizations accounts with SERVICE_MANAGED permissions: You must
 * specify the OrganizationalUnitIds property. If you specify organizational units (OUs) for OrganizationalUnitIds
 * and use either the Accounts or AccountsUrl property, you must also specify the AccountFilterType property."
 * "UNION is not supported for create operations when using StackSet as a resource"; Accounts "Pattern: ^[0-9]{12}$".
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudformation-stackset-deploymenttargets.html
 */
export const STACK_SET_ACCOUNT_PATTERN = /^[0-9]{12}$/;

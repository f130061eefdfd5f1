/** Cost Explorer expression limits checked at synth, shared by every construct that takes a cost filter. */

// ---------------------------------------------------------------------------------------------
// Cost Explorer expressions
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Expression.html
// ---------------------------------------------------------------------------------------------

/** And / Or take a list of at least two expressions (a single one is just that expression). API_Expression.html */
export const EXPRESSION_MIN_OPERANDS = 2;
/** Tag keys, cost category names and their values are at most 1,024 characters. API_TagValues.html, API_CostCategoryValues.html */
export const EXPRESSION_VALUE_MAX_LENGTH = 1024;

/**
 * The LINKED_ACCOUNT dimension matches member account IDs: "The regex pattern for an account ID
 * string requires exactly 12 digits."
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/organizations/aws.sdk.kotlin.services.organizations.model/-describe-account-request/-builder/account-id.html
 * Only exact matches are checked: STARTS_WITH or CONTAINS take part of an ID.
 */
export const ACCOUNT_DIMENSION = 'LINKED_ACCOUNT';

/** Cost Explorer expression limits checked at synth, shared by every construct that takes a cost filter. */

// ---------------------------------------------------------------------------------------------
// Cost Explorer expressions
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Expression.html
// ---------------------------------------------------------------------------------------------

/** And / Or take a list of at least two expressions (a single one is just that expression). API_Expression.html */
export const EXPRESSION_MIN_OPERANDS = 2;
/** Tag keys, cost category names and their values are at most 1,024 characters. API_TagValues.html, API_CostCategoryValues.html */
export const EXPRESSION_VALUE_MAX_LENGTH = 1024;

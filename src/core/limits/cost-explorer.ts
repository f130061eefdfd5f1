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

// ---------------------------------------------------------------------------------------------
// GetCostAndUsage (the cost analysis optimizer)
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
// ---------------------------------------------------------------------------------------------

/**
 * "Valid values for the DIMENSION type are AZ, INSTANCE_TYPE, LEGAL_ENTITY_NAME, INVOICING_ENTITY,
 * LINKED_ACCOUNT, OPERATION, PLATFORM, PURCHASE_TYPE, SERVICE, TENANCY, RECORD_TYPE, and
 * USAGE_TYPE." API_GetCostAndUsage.html, GroupBy.
 *
 * REGION is not in that sentence, though GetDimensionValues lists it among the COST_AND_USAGE
 * dimensions and issue 14 asks for a per-region breakdown: it is accepted here. Should Cost
 * Explorer refuse it, the run reports that one breakdown as a failed source and keeps the others.
 */
export const GROUP_BY_DIMENSIONS: readonly string[] = [
  'AZ', 'INSTANCE_TYPE', 'LEGAL_ENTITY_NAME', 'INVOICING_ENTITY', 'LINKED_ACCOUNT', 'OPERATION', 'PLATFORM',
  'PURCHASE_TYPE', 'SERVICE', 'TENANCY', 'RECORD_TYPE', 'USAGE_TYPE', 'REGION',
];

/**
 * "Valid values are AmortizedCost, BlendedCost, NetAmortizedCost, NetUnblendedCost,
 * NormalizedUsageAmount, UnblendedCost, and UsageQuantity." API_GetCostAndUsage.html, Metrics
 * (quoted from the SDK reference generated from it,
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/costexplorer/aws.sdk.kotlin.services.costexplorer.model/-get-cost-and-usage-with-resources-request/metrics.html).
 * NormalizedUsageAmount is left out: it is a Reserved Instance size measure, not a cost to break down.
 */
export const COST_AND_USAGE_METRICS: readonly string[] = [
  'UnblendedCost', 'BlendedCost', 'AmortizedCost', 'NetUnblendedCost', 'NetAmortizedCost', 'UsageQuantity',
];

/**
 * "Valid values for a GetCostForecast call are the following: AMORTIZED_COST, BLENDED_COST,
 * NET_AMORTIZED_COST, NET_UNBLENDED_COST, UNBLENDED_COST": UsageQuantity has no cost forecast.
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/costexplorer/aws.sdk.kotlin.services.costexplorer.model/-get-cost-forecast-request/metric.html
 */
export const UNFORECAST_METRICS: readonly string[] = ['UsageQuantity'];

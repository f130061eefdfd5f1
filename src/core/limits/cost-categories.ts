/** AWS Cost Categories and cost allocation tag limits checked at synth. */

// ---------------------------------------------------------------------------------------------
// Cost categories
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CreateCostCategoryDefinition.html
// https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/billing-limits.html#limits-categories
// ---------------------------------------------------------------------------------------------

/** Cost category names: 1-50 characters, no leading or trailing space. API_CreateCostCategoryDefinition.html, Name. */
export const COST_CATEGORY_NAME_MAX_LENGTH = 50;
/**
 * The characters of a cost category name and default value: "Pattern: ^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$"
 * (letters, numbers, separators such as spaces, "-" and "_"; no leading or trailing space).
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryReference.html (Name, DefaultValue);
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CreateCostCategoryDefinition.html (DefaultValue).
 * The leading and trailing space part is checked on its own, for a clearer message.
 */
export const COST_CATEGORY_NAME_CHARACTERS = /^[\p{L}\p{N}\p{Z}\-_]*$/u;
/** Cost category values (rule values and the default value): 1-50 characters, no leading or trailing space. API_CostCategoryRule.html, Value; API_CreateCostCategoryDefinition.html, DefaultValue. */
export const COST_CATEGORY_VALUE_MAX_LENGTH = 50;
/** "The number of cost category rules for a cost category (API): 500" (the console stops at 100). billing-limits.html#limits-categories; API_CreateCostCategoryDefinition.html, Rules: 1-500 items. */
export const COST_CATEGORY_MAX_RULES = 500;
/** A cost category has at least one rule. API_CreateCostCategoryDefinition.html, Rules: minimum 1 item. */
export const COST_CATEGORY_MIN_RULES = 1;
/** Split charge rules per cost category: 1-10 items. API_CreateCostCategoryDefinition.html, SplitChargeRules. */
export const COST_CATEGORY_MAX_SPLIT_CHARGE_RULES = 10;
/** Split charge targets: 1-500 items. API_CostCategorySplitChargeRule.html, Targets. */
export const SPLIT_CHARGE_MAX_TARGETS = 500;
/** FIXED split charge allocation percentages add up to 100. API_CostCategorySplitChargeRuleParameter.html (ALLOCATION_PERCENTAGES). */
export const SPLIT_CHARGE_FIXED_TOTAL_PERCENT = 100;

/**
 * The only dimensions a cost category rule expression may use ("Currently the only dimensions
 * supported are LINKED_ACCOUNT, SERVICE_CODE, RECORD_TYPE, LINKED_ACCOUNT_NAME, REGION, and
 * USAGE_TYPE"); tags and other cost categories are allowed too. API_CostCategoryRule.html, Rule.
 */
export const COST_CATEGORY_DIMENSIONS: readonly string[] = [
  'LINKED_ACCOUNT',
  'LINKED_ACCOUNT_NAME',
  'SERVICE_CODE',
  'RECORD_TYPE',
  'REGION',
  'USAGE_TYPE',
];

// ---------------------------------------------------------------------------------------------
// Cost allocation tags
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_UpdateCostAllocationTagsStatus.html
// ---------------------------------------------------------------------------------------------

/** UpdateCostAllocationTagsStatus takes 1-20 tags per call. API_UpdateCostAllocationTagsStatus.html, CostAllocationTagsStatus. */
export const COST_ALLOCATION_TAGS_PER_CALL = 20;
/** Tag keys are 1-128 characters. API_CostAllocationTagStatusEntry.html, TagKey. */
export const COST_ALLOCATION_TAG_KEY_MAX_LENGTH = 128;

/**
 * Cost categories per management account, counted over every stack of an app that deploys to one
 * account: "The total number of cost categories for a management account. | 50".
 * https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/billing-limits.html#limits-categories
 */
export const COST_CATEGORIES_PER_ACCOUNT = 50;

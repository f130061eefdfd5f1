// Limits of an organization-scoped OptimizationPipeline, each with the AWS page that states it.

/**
 * "Root - A string that begins with "r-" followed by from 4 to 32 lowercase letters or digits.
 * Organizational unit (OU) - A string that begins with "ou-" followed by from 4 to 32 lowercase
 * letters or digits (the ID of the root that the OU is in). This string is followed by a second
 * "-" dash and from 8 to 32 additional lowercase letters or digits."
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_Parent.html
 */
export const ORGANIZATION_PARENT_ID_PATTERN = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/** A Region name as AWS spells it: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-5`. */
export const REGION_NAME_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * An IAM role name: "Length Constraints: Minimum length of 1. Maximum length of 64. Pattern: [\w+=,.@-]+"
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyRole.html
 */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/**
 * A Distributed Map runs at most 10,000 child workflow executions at once: "If you don't
 * specify, Step Functions runs 10,000 parallel child workflow executions" (the Japanese edition,
 * translated: https://docs.aws.amazon.com/ja_jp/step-functions/latest/dg/concepts-asl-use-map-state-distributed.html).
 */
export const DISTRIBUTED_MAP_MAX_CONCURRENCY = 10_000;

/**
 * Library choice, not an AWS limit: the regions of one run. AWS has fewer than 40 commercial
 * Regions; a longer list is a mistake (a typo repeated, a list of something else).
 */
export const ORGANIZATION_MAX_REGIONS = 40;

/**
 * Library choice, not an AWS limit: listed accounts and OUs. Organizations' default quota is
 * 10 accounts, raised on request; an explicit list longer than this belongs in OUs.
 */
export const ORGANIZATION_MAX_LISTED_TARGETS = 1000;

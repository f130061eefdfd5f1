/**
 * AWS Budgets limits checked at synth. The files of src/core/limits/ are the one home of AWS
 * limits: a named constant each, with the AWS page that states it.
 */

// ---------------------------------------------------------------------------------------------
// AWS Budgets
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html
// ---------------------------------------------------------------------------------------------

/** Budget name length. API_budgets_Budget.html#awscostmanagement-Type-budgets_Budget-BudgetName */
export const BUDGET_NAME_MAX_LENGTH = 100;
/**
 * "The name of a budget. The name must be unique within an account. The : and \ characters, and the
 * "/action/" substring, aren't allowed in BudgetName." Its pattern (quoted in README.md, since it
 * holds a comment terminator) also refuses a `<script>...</script>` element, case-insensitively.
 * API_budgets_Budget.html#awscostmanagement-Type-budgets_Budget-BudgetName
 */
export const BUDGET_NAME_FORBIDDEN_CHARACTERS = /[:\\]/;
/** See {@link BUDGET_NAME_FORBIDDEN_CHARACTERS}. */
export const BUDGET_NAME_FORBIDDEN_SUBSTRING = '/action/';
/** See {@link BUDGET_NAME_FORBIDDEN_CHARACTERS}. */
export const BUDGET_NAME_FORBIDDEN_SCRIPT = /<script>.*<\/script>/i;

/** "A budget can have up to ten notifications." API_budgets_Notification.html */
export const BUDGET_MAX_NOTIFICATIONS = 10;
/** "A notification can have one SNS subscriber and up to 10 email subscribers." API_budgets_Notification.html */
export const BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION = 10;
/** See {@link BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION}. */
export const BUDGET_MAX_SNS_SUBSCRIBERS_PER_NOTIFICATION = 1;

/**
 * Percentage thresholds: "The maximum limit for your threshold is 1,000,000% above the budgeted
 * amount." Absolute thresholds: valid range 0 to 15,000,000,000,000. API_budgets_Notification.html
 */
export const BUDGET_MAX_PERCENTAGE_THRESHOLD = 1_000_000;
/** See {@link BUDGET_MAX_PERCENTAGE_THRESHOLD}. */
export const BUDGET_MAX_ABSOLUTE_THRESHOLD = 15_000_000_000_000;
/**
 * A budget action's threshold, of either type: "ActionThresholdValue [...] Valid Range: Minimum value
 * of 0. Maximum value of 15000000000000." (API_budgets_ActionThreshold.html; no percentage-specific maximum).
 */
export const BUDGET_MAX_ACTION_THRESHOLD = 15_000_000_000_000;

/**
 * RI and Savings Plans utilization or coverage budgets take 100 as their limit: "This is the
 * only valid value". aws-properties-budgets-budget-budgetdata.html#cfn-budgets-budget-budgetdata-budgetlimit
 */
export const COMMITMENT_BUDGET_LIMIT = 100;

/**
 * Auto-adjusting (HISTORICAL) budgets: BudgetAdjustmentPeriod is at least 1 and at most 60 daily,
 * 12 monthly, 4 quarterly, 1 annual periods. API_budgets_HistoricalOptions.html
 */
export const BUDGET_ADJUSTMENT_PERIOD_MAX: Readonly<Record<string, number>> = {
  DAILY: 60,
  MONTHLY: 12,
  QUARTERLY: 4,
  ANNUALLY: 1,
};

/**
 * Planned budget limits: for monthly budgets 12 months, for quarterly budgets four quarters;
 * available for COST and USAGE budgets only.
 * aws-properties-budgets-budget-budgetdata.html#cfn-budgets-budget-budgetdata-plannedbudgetlimits
 */
export const PLANNED_LIMITS_MAX_PERIODS: Readonly<Record<string, number>> = {
  MONTHLY: 12,
  QUARTERLY: 4,
};

/**
 * Budget action definitions name 1-100 roles, groups, users, SCP targets or instance IDs.
 * API_budgets_IamActionDefinition.html, API_budgets_ScpActionDefinition.html,
 * API_budgets_SsmActionDefinition.html
 */
export const BUDGET_ACTION_MAX_TARGETS = 100;

/**
 * SCP budget actions: `PolicyId` "Pattern: ^p-[0-9a-zA-Z_]{8,128}$" (10-130 characters); `TargetIds`
 * "Pattern: ^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$)|(\d{12})" (12-68 characters): an account ID or an
 * organizational unit ID. A root ID (r-...) is not a valid target.
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_ScpActionDefinition.html
 */
export const SCP_POLICY_ID_PATTERN = /^p-[0-9a-zA-Z_]{8,128}$/;
/** See {@link SCP_POLICY_ID_PATTERN}. */
export const SCP_TARGET_ID_PATTERN = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/** Budget action subscribers: "1 SNS and up to 10 email", as notifications. API_budgets_CreateBudgetAction.html */
export const BUDGET_ACTION_MAX_SUBSCRIBERS = 11;

/**
 * Budgets per account, counted over every stack of an app that deploys to one account (an
 * `OrganizationBudgets` puts all of its budgets in the payer account): "You can create up to
 * 20,000 budgets per AWS payer account."
 * http://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/budgets-managing-costs.html
 */
export const BUDGETS_PER_ACCOUNT = 20_000;

import { CFN_MAX_RESOURCES } from '../../core/limits/cloudformation';
import { checkRange, isAccountId, isUnresolved, RuleViolation, violationsOf } from '../../core/validation';
import { nameViolations } from '../budget-rules';

/** One entry of an organization's budget list, as the rules see it. */
export interface OrganizationEntryInput {
  readonly accountId?: string;
  readonly costCategoryValue?: string;
  readonly budgetName: string;
}

/** What the organization budget rules look at. */
export interface OrganizationRuleInput {
  readonly entries: OrganizationEntryInput[];
  readonly costCategoryName?: string;
  readonly budgetsPerStack: number;
}

/** Every rule an organization's budget list can break, before any budget is built. */
export function organizationBudgetViolations(input: OrganizationRuleInput): RuleViolation[] {
  return [
    ...violationsOf(
      input.entries.length === 0
        ? { value: input.entries, rule: 'an organization budget list has at least one entry', fix: 'add an entry per account or cost category value' }
        : undefined,
      checkRange(input.budgetsPerStack, 1, CFN_MAX_RESOURCES, 'budgetsPerStack (each budget is one resource of a nested stack)',
        `choose at most ${CFN_MAX_RESOURCES}, the CloudFormation resource quota of a template`),
      isUnresolved(input.budgetsPerStack)
        ? {
          value: 'budgetsPerStack known only at deploy time',
          rule: 'budgetsPerStack decides at synth how the budgets are split into nested stacks, so it cannot be a value known only at deploy time',
          fix: 'write budgetsPerStack as a number, or omit it',
        }
        : undefined,
    ),
    ...input.entries.flatMap((entry, index) => entryViolations(entry, index, input.costCategoryName)),
    ...duplicateNameViolations(input.entries),
  ];
}

function entryViolations(entry: OrganizationEntryInput, index: number, costCategoryName: string | undefined): RuleViolation[] {
  const hasAccount = entry.accountId !== undefined;
  const hasValue = entry.costCategoryValue !== undefined;
  return violationsOf(
    hasAccount === hasValue
      ? {
        value: entry,
        rule: `budget entry ${index} names exactly one of accountId and costCategoryValue`,
        fix: 'give each entry either the account it tracks or the cost category value it tracks',
      }
      : undefined,
    hasAccount && !isUnresolved(entry.accountId) && !isAccountId(entry.accountId!)
      ? { value: entry.accountId, rule: `budget entry ${index}: an AWS account ID is 12 digits`, fix: 'use the 12-digit ID of a member account' }
      : undefined,
    hasValue && costCategoryName === undefined
      ? {
        value: entry.costCategoryValue,
        rule: `budget entry ${index} tracks a cost category value, which needs the cost category's name`,
        fix: 'set costCategoryName to the cost category the values belong to',
      }
      : undefined,
  ).concat(nameViolations(entry.budgetName, `budgets[${index}].budgetName (or budgetNamePrefix)`));
}

/** Budget names are unique in an account: a second budget of the same name fails the deployment. */
function duplicateNameViolations(entries: OrganizationEntryInput[]): RuleViolation[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { budgetName } of entries) {
    if (isUnresolved(budgetName)) continue;
    if (seen.has(budgetName)) duplicates.add(budgetName);
    seen.add(budgetName);
  }
  return [...duplicates].map((budgetName) => ({
    value: budgetName,
    rule: 'budget names are unique in an account',
    fix: 'list each account or cost category value once, or give the entries distinct budgetName values',
  }));
}

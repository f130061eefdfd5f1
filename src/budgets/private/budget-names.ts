import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail, isUnresolved } from '../../core/validation';

/** Per app: the budget names taken in each account, with the budget that took each. */
const takenNames = new WeakMap<IConstruct, Map<string, IConstruct>>();

/** Per stack: the account its budgets' names are unique in (thousands of budgets share a few stacks). */
const accountKeys = new WeakMap<Stack, string>();

/**
 * Budget names are unique in an account ("The name must be unique within an account",
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html):
 * fails when another budget of the app has the same name in the same account. Stacks of one resolved
 * account share names; an environment-agnostic stack (with its nested stacks) counts as an account of its own.
 */
export function claimBudgetName(budget: IConstruct, budgetName: string): void {
  if (isUnresolved(budgetName)) {
    return;
  }
  const root = budget.node.root;
  const taken = takenNames.get(root) ?? new Map<string, IConstruct>();
  takenNames.set(root, taken);
  const key = `${accountKeyOf(Stack.of(budget))}\u0000${budgetName}`;
  const other = taken.get(key);
  if (other !== undefined) {
    fail(budget, {
      value: budgetName,
      rule: `budget names are unique in an account, and the budget ${other.node.path} has this name in the same account`,
      fix: 'give one of the budgets another budgetName, or deploy them to different accounts',
    });
  }
  taken.set(key, budget);
}

function accountKeyOf(stack: Stack): string {
  let key = accountKeys.get(stack);
  if (key === undefined) {
    key = accountKey(stack);
    accountKeys.set(stack, key);
  }
  return key;
}

function accountKey(stack: Stack): string {
  let topLevel = stack;
  while (topLevel.nestedStackParent) {
    topLevel = topLevel.nestedStackParent;
  }
  // A nested stack is known by its parent, not by NestedStack.isNestedStack: that would load aws-cdk-lib's
  // nested stack module (and its 200 KB of generated CloudFormation classes) into every app with a budget.
  const account = stack.nestedStackParent !== undefined ? topLevel.account : stack.account;
  return isUnresolved(account) ? `stack ${topLevel.node.path}` : `account ${account}`;
}

import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import type { CfnAnomalyMonitor } from 'aws-cdk-lib/aws-ce';
import { IConstruct } from 'constructs';
import { MAX_CUSTOM_MONITORS_PER_ACCOUNT } from '../limits/anomaly';
import { BUDGETS_PER_ACCOUNT } from '../limits/budgets';
import { COST_CATEGORIES_PER_ACCOUNT } from '../limits/cost-categories';
import { formatCount, formatViolation } from '../validation';

/** A quota on how many resources of one kind one account holds, whichever stacks declare them. */
interface AccountQuota {
  readonly max: number;
  /** The resources the quota counts. */
  readonly counts: (resource: CfnResource) => boolean;
  /** "AWS Budgets allows 20,000 budgets per account", for the rule. */
  readonly rule: string;
  readonly fix: string;
}

function ofType(type: string): (resource: CfnResource) => boolean {
  return (resource) => resource.cfnResourceType === type;
}

/**
 * The AWS services monitor, one per account (CostAnomalyMonitor checks that one across the app itself).
 * Known by its type name: aws-ce is then loaded only by apps that declare anomaly monitors.
 */
function isAwsServicesMonitor(resource: CfnResource): boolean {
  const monitor = resource as CfnAnomalyMonitor;
  return resource.cfnResourceType === 'AWS::CE::AnomalyMonitor' && monitor.monitorType === 'DIMENSIONAL' && monitor.monitorDimension === 'SERVICE';
}

const ACCOUNT_QUOTAS: readonly AccountQuota[] = [
  {
    max: BUDGETS_PER_ACCOUNT,
    counts: ofType('AWS::Budgets::Budget'),
    rule: `an account holds at most ${formatCount(BUDGETS_PER_ACCOUNT)} budgets (AWS Budgets quota), counted over every stack of the app deployed to it`,
    fix: 'budget fewer accounts or values per payer account (e.g. budget a cost category value for a group of accounts), or deploy some stacks to another account',
  },
  {
    max: COST_CATEGORIES_PER_ACCOUNT,
    counts: ofType('AWS::CE::CostCategory'),
    rule: `a management account holds at most ${COST_CATEGORIES_PER_ACCOUNT} cost categories, counted over every stack of the app deployed to it`,
    fix: 'fold categories together (one category holds up to 500 rules), or remove unused ones',
  },
  {
    max: MAX_CUSTOM_MONITORS_PER_ACCOUNT,
    counts: (resource) => resource.cfnResourceType === 'AWS::CE::AnomalyMonitor' && !isAwsServicesMonitor(resource),
    rule: `an account holds at most ${MAX_CUSTOM_MONITORS_PER_ACCOUNT} custom anomaly monitors (member accounts, tags, cost categories), counted over every stack of the app deployed to it`,
    fix: 'monitor up to 10 member accounts per monitor, or watch a cost category instead of each account',
  },
];

/** Apps whose quotas are already checked: the check is registered once per app, whichever construct asks first. */
const CHECKED_APPS = new WeakSet<IConstruct>();

/**
 * Checks, when the app synthesizes, the quotas AWS sets per account (budgets, cost categories,
 * custom anomaly monitors) over every resource of the app: one construct alone never sees that 30
 * `OrganizationBudgets` stacks of 1,000 budgets each land in the same payer account. Stacks with a
 * concrete account are counted together; a stack whose account is known only at deploy time is
 * counted on its own (with its nested stacks), since it may go to any account.
 */
export function checkAccountQuotas(scope: IConstruct): void {
  const root = scope.node.root;
  if (CHECKED_APPS.has(root)) {
    return;
  }
  CHECKED_APPS.add(root);
  root.node.addValidation({ validate: () => accountQuotaErrors(root) });
}

interface Deployment {
  readonly key: string;
  readonly path: string;
  readonly account: string | undefined;
}

/** The stack that is deployed on its own (a nested stack's top parent), and where its resources land. */
function deploymentOf(stack: Stack): Deployment {
  let deployed = stack;
  while (deployed.nestedStackParent !== undefined) {
    deployed = deployed.nestedStackParent;
  }
  const account = Token.isUnresolved(deployed.account) ? undefined : deployed.account;
  return { key: account === undefined ? `stack:${deployed.node.path}` : `account:${account}`, path: deployed.node.path, account };
}

function accountQuotaErrors(root: IConstruct): string[] {
  const resources = root.node.findAll().filter(CfnResource.isCfnResource);
  const errors: string[] = [];
  // Thousands of budgets share a few stacks: each stack's deployment is worked out once.
  const deployments = new Map<Stack, Deployment>();
  const deploymentOfResource = (resource: CfnResource) => {
    const stack = Stack.of(resource);
    const known = deployments.get(stack) ?? deploymentOf(stack);
    deployments.set(stack, known);
    return known;
  };
  for (const quota of ACCOUNT_QUOTAS) {
    const byDeployment = new Map<string, { paths: Set<string>; account: string | undefined; count: number }>();
    for (const resource of resources.filter(quota.counts)) {
      const deployment = deploymentOfResource(resource);
      const group = byDeployment.get(deployment.key) ?? { paths: new Set<string>(), account: deployment.account, count: 0 };
      group.paths.add(deployment.path);
      group.count++;
      byDeployment.set(deployment.key, group);
    }
    for (const group of byDeployment.values()) {
      if (group.count > quota.max) {
        const where = group.account === undefined ? '' : ` (account ${group.account})`;
        errors.push(formatViolation([...group.paths].join(', ') + where, { value: group.count, rule: quota.rule, fix: quota.fix }));
      }
    }
  }
  return errors;
}

import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import {
  AlertPublisher,
  AlertTopic,
  BudgetActionDefinition,
  BudgetLimit,
  ChatChannel,
  ChatDelivery,
  CostFilter,
  FinOpsBudget,
  MemberAccountBudgets,
  MemberDeploymentTarget,
  NotificationType,
} from '../src';
import { addAnomalyDetection } from './parts/anomaly';
import { addCostCategories } from './parts/cost-categories';
import { addCostReports } from './parts/cur';
import { addOptimizationPipeline, WORKLOAD_OUS } from './parts/optimization';

/** The management account of the example organization. */
export const MANAGEMENT_ACCOUNT = '111111111111';

/** Team budgets of the seed's scenario: team name and monthly USD. */
export const TEAM_BUDGETS: ReadonlyArray<{ team: string; monthlyUsd: number }> = [
  { team: 'platform', monthlyUsd: 4000 },
  { team: 'data', monthlyUsd: 6000 },
  { team: 'web', monthlyUsd: 2500 },
];

/**
 * The seed's scenario: cost governance declared in the management account of an organization.
 */
export class FinOpsGovernanceStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // Created first: the EC2 budget's "optimize" tier starts its optimizers.
    const costReports = addCostReports(this);
    const optimization = addOptimizationPipeline(this, costReports);

    // The EC2 compute budget: 10,000.00 USD a month, email at 80% actual, escalation at 70/90/95%
    // handled by the alert handler's tiers; the escalations reach the on-call team by email.
    const ec2Compute = new FinOpsBudget(this, 'Ec2ComputeBudget', {
      budgetName: 'ec2-compute-monthly',
      limit: BudgetLimit.fixedAmount(10000),
      costFilter: CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
      alerts: [
        { thresholds: [80], emails: ['finops@example.com'] },
        { thresholds: [70, 90, 95] },
        { thresholds: [100], notificationType: NotificationType.FORECASTED },
      ],
      alertHandler: {
        tiers: [
          { name: 'analyze', minUtilization: 70 },
          // From 90%, as the seed does, the optimizers run now instead of waiting for their schedule.
          { name: 'optimize', minUtilization: 90, startOptimizers: optimization },
          { name: 'emergency', minUtilization: 95 },
        ],
      },
    });
    ec2Compute.escalationTopic!.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'));

    // Per-team budgets by cost allocation tag. Past 100% of the data team's budget, a deny policy
    // is attached to its deploy role, once someone approves it.
    const denyNewCompute = new iam.ManagedPolicy(this, 'DenyNewCompute', {
      description: 'Attached by a budget action: denies launching new compute until the budget is reviewed',
      statements: [
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['ec2:RunInstances', 'rds:CreateDBInstance', 'sagemaker:CreateTrainingJob'],
          resources: ['*'],
        }),
      ],
    });
    const dataDeployRole = iam.Role.fromRoleName(this, 'DataDeployRole', 'data-team-deploy');
    // One encrypted topic (and one KMS key) serves every team budget instead of one each.
    const teamAlerts = new AlertTopic(this, 'TeamBudgetAlerts', { publishers: [AlertPublisher.BUDGETS], topicName: 'team-budget-alerts' });
    teamAlerts.topic.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));

    for (const { team, monthlyUsd } of TEAM_BUDGETS) {
      const budget = new FinOpsBudget(this, `Team-${team}`, {
        budgetName: `team-${team}-monthly`,
        limit: BudgetLimit.fixedAmount(monthlyUsd),
        costFilter: CostFilter.tag('team', [team]),
        alerts: [{ thresholds: [70, 90, 95] }],
        alertEmails: [`${team}-leads@example.com`],
        alertTopic: teamAlerts.topic,
      });
      if (team === 'data') {
        budget.addAction('DenyNewCompute', {
          definition: BudgetActionDefinition.applyIamPolicy({ policy: denyNewCompute, roles: [dataDeployRole] }),
          threshold: 100,
        });
      }
    }

    // Every workload account watches its own spend too: a budget deployed into each member account
    // of the workload OUs (and each account added to them later) through a StackSet.
    new MemberAccountBudgets(this, 'WorkloadAccountBudgets', {
      budgets: [{ budgetName: 'account-monthly', limit: BudgetLimit.fixedAmount(3000), alertEmails: ['finops@example.com'] }],
      target: MemberDeploymentTarget.organizationalUnits(WORKLOAD_OUS),
      alertTopicEmails: ['workload-owners@example.com'],
    });

    addCostCategories(this);
    addAnomalyDetection(this);

    // Budget alerts, escalations and the pipeline's summaries and alarms in the FinOps Slack channel.
    new ChatDelivery(this, 'FinOpsChat', {
      channel: ChatChannel.slack({ workspaceId: 'T0123456789', channelId: 'C0FINOPS01' }),
      configurationName: 'finops-alerts',
      topics: [ec2Compute.alertTopic, ec2Compute.escalationTopic!, optimization.alertTopic],
    });
  }
}

/** The example app, synthesized into `outdir`. */
export function buildFinOpsApp(outdir?: string): { app: App; stack: FinOpsGovernanceStack } {
  // Construct paths in the template's metadata, as `cdk synth` writes them: the review names resources by path.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new FinOpsGovernanceStack(app, 'FinOpsGovernance', {
    env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
    description: 'FinOps as code: budgets and alerts of the organization management account',
  });
  return { app, stack };
}

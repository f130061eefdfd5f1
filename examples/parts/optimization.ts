import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  CostBreakdown,
  CostDataSource,
  CurReport,
  MemberDeploymentTarget,
  OptimizationEnrollment,
  OptimizationPipeline,
  Optimizer,
  OrganizationMemberRoles,
  OrganizationTargets,
} from '../../src';

/** The example organization and the organizational units whose accounts the optimizers cover. */
export const ORGANIZATION_ID = 'o-exampleorg1';
export const WORKLOAD_OUS = ['ou-ab12-11111111', 'ou-ab12-22222222'];
export const OPTIMIZED_REGIONS = ['us-east-1', 'eu-west-1'];
/** The roles whose members approve storage changes: platform engineers, and FinOps for the large ones. */
export const PLATFORM_APPROVERS = 'arn:aws:iam::111111111111:role/PlatformApprovers';
export const FINOPS_APPROVERS = 'arn:aws:iam::111111111111:role/FinOpsApprovers';

/**
 * The seed's optimizers on its schedules and thresholds: daily cost analysis, weekly rightsizing
 * and storage, monthly commitments. Storage changes wait for approval, except gp2-to-gp3 changes
 * saving under 25 USD a month; rightsizing and purchases are only recommended.
 *
 * Governance: a change saving up to 1,000 USD a month needs one platform approver; from 1,000 USD a
 * month, two distinct approvers of the platform or FinOps roles. Workloads tagged
 * environment=production or critical are never changed; a volume is snapshotted before it changes.
 * Each executed change is recorded for the realized-savings follow-up; an alarm says when fewer
 * than four in five hold. Each account and Region's scan confirms the changes made there against
 * its inventory, and the organization report sums them into its "Realized savings" section and metrics.
 *
 * Organization scope: the storage optimizer scans every account of the workload OUs in two regions
 * through a read role that a StackSet deploys into each member account, and approved changes run
 * there through the member executor role. Cost Optimization Hub and Compute Optimizer are enrolled
 * for the whole organization.
 */
export function addOptimizationPipeline(stack: Stack, costReports: CurReport): OptimizationPipeline {
  const pipeline = new OptimizationPipeline(stack, 'Optimization', {
    optimizers: [
      Optimizer.costAnalysis({ lookbackMonths: 6, breakdowns: [CostBreakdown.SERVICE, CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION] }),
      Optimizer.rightsizing({ minMonthlySavings: 50, minSavingsPercentage: 15, computeOptimizerRegions: OPTIMIZED_REGIONS }),
      Optimizer.storage({ snapshotRetentionDays: 30 }),
      Optimizer.commitments(),
    ],
    alertEmails: ['finops@example.com'],
    approval: {
      autoApproveBelowMonthlySavings: 25,
      decisionTimeout: Duration.days(7),
      approverEmails: ['platform-team@example.com'],
      tiers: [
        { approvers: [PLATFORM_APPROVERS] },
        { minMonthlySavings: 1000, requiredApprovers: 2, approvers: [PLATFORM_APPROVERS, FINOPS_APPROVERS], decisionTimeout: Duration.days(3) },
      ],
      protectedTags: [{ key: 'environment', values: ['production'] }, { key: 'critical' }],
      snapshotBeforeModify: true,
    },
    organization: {
      targets: OrganizationTargets.organizationalUnits(WORKLOAD_OUS),
      regions: OPTIMIZED_REGIONS,
    },
    dashboardName: 'finops-optimization',
  });
  new OrganizationMemberRoles(stack, 'MemberRoles', {
    trust: pipeline.memberRoleTrust(),
    organizationId: ORGANIZATION_ID,
    target: MemberDeploymentTarget.organizationalUnits(WORKLOAD_OUS),
  });
  new OptimizationEnrollment(stack, 'Enrollment', { includeMemberAccounts: true });
  addAthenaCostAnalysis(stack, costReports);
  pipeline.metricSuccessRate({ period: Duration.days(7) }).createAlarm(stack, 'RealizedSavingsSuccessRateAlarm', {
    alarmDescription: 'Fewer than 80% of the executed storage changes were confirmed: see the storage report\'s Realized savings section',
    threshold: 80,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  }).addAlarmAction(new cloudwatchActions.SnsAction(pipeline.alertTopic));
  return pipeline;
}

/**
 * The same analysis as SQL over the CUR 2.0 table of the cost reports, for history Cost Explorer
 * no longer keeps (13 months) and breakdowns by team tag: no Cost Explorer request, each query a
 * named query of the reports' workgroup. A pipeline runs one optimizer of each kind, hence a
 * second, small pipeline.
 */
function addAthenaCostAnalysis(stack: Stack, costReports: CurReport): OptimizationPipeline {
  return new OptimizationPipeline(stack, 'AthenaCostAnalysis', {
    optimizers: [Optimizer.costAnalysis({
      source: CostDataSource.athena(costReports),
      lookbackMonths: 24,
      breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.SERVICE, CostBreakdown.tag('team')],
    })],
    alertEmails: ['finops@example.com'],
    metricNamespace: 'FinOps/AthenaCostAnalysis',
  });
}

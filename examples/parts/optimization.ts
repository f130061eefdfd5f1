import { Duration, Stack } from 'aws-cdk-lib';
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

/**
 * The seed's optimizers on its schedules and thresholds: daily cost analysis, weekly rightsizing
 * and storage, monthly commitments. Storage changes wait for approval, except gp2-to-gp3 changes
 * saving under 25 USD a month; rightsizing and purchases are only recommended.
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

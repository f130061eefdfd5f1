import { Duration, Stack } from 'aws-cdk-lib';
import { OptimizationPipeline, Optimizer } from '../../src';

/**
 * The seed's optimizers on its schedules and thresholds: daily cost analysis, weekly rightsizing
 * and storage, monthly commitments. Storage changes wait for approval, except gp2-to-gp3 changes
 * saving under 25 USD a month; rightsizing and purchases are only recommended.
 */
export function addOptimizationPipeline(stack: Stack): OptimizationPipeline {
  return new OptimizationPipeline(stack, 'Optimization', {
    optimizers: [
      Optimizer.costAnalysis({ lookbackMonths: 6 }),
      Optimizer.rightsizing({ minMonthlySavings: 50, minSavingsPercentage: 15 }),
      Optimizer.storage({ snapshotRetentionDays: 30 }),
      Optimizer.commitments(),
    ],
    alertEmails: ['finops@example.com'],
    approval: {
      autoApproveBelowMonthlySavings: 25,
      decisionTimeout: Duration.days(7),
      approverEmails: ['platform-team@example.com'],
    },
    dashboardName: 'finops-optimization',
  });
}

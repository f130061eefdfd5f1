import { App, Stack, TagManager } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { withoutBuiltinValidation } from '../../src/core/builtin-validation';

/** The cost allocation tag keys the bad app is checked against (it sets none of them). */
export const BAD_APP_REQUIRED_TAG_KEYS = ['cost-center'];

/**
 * A deliberately bad app: one instance of every problem the FinOps pack knows, in two stacks.
 * The workload stack declares no budget and the governance stack's budget notifies nobody, so
 * the app as a whole has a budget but it is silent.
 */
export function buildBadApp(outdir?: string): App {
  const app = new App(withoutBuiltinValidation({ outdir }));
  const workload = new Stack(app, 'BadWorkload', { env: { account: '222222222222', region: 'us-east-1' } });
  new s3.CfnBucket(workload, 'KeepForeverBucket');
  new logs.CfnLogGroup(workload, 'KeepForeverLogs');
  new ec2.CfnVolume(workload, 'Gp2Volume', { availabilityZone: 'us-east-1a', size: 500, volumeType: 'gp2' });
  new ec2.CfnLaunchTemplate(workload, 'OldTemplate', {
    launchTemplateData: {
      instanceType: 'm4.xlarge',
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, volumeType: 'gp2' } }],
    },
  });
  new rds.CfnDBInstance(workload, 'OldDatabase', { dbInstanceClass: 'db.t2.medium', engine: 'mysql', allocatedStorage: '20' });
  new ec2.CfnNatGateway(workload, 'Nat', { subnetId: 'subnet-12345678', connectivityType: 'private' });
  new lambda.CfnFunction(workload, 'X86Function', {
    role: 'arn:aws:iam::222222222222:role/bad-app-function',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    code: { zipFile: 'exports.handler = async () => {};' },
  });

  const governance = new Stack(app, 'BadGovernance', { env: { account: '222222222222', region: 'us-east-1' } });
  new budgets.CfnBudget(governance, 'SilentBudget', {
    budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 1000, unit: 'USD' } },
  });
  return app;
}

/**
 * Whether the installed aws-cdk-lib gives budgets a tag manager: CfnBudget takes tags (`Tags.of`,
 * ResourceTags) from aws-cdk-lib 2.275.0. On an older one, down to the library's floor, a budget is
 * not taggable and FinOps-CostAllocationTags asks it no tag, like any resource without tags.
 */
function budgetsTakeTags(): boolean {
  const budget = new budgets.CfnBudget(new Stack(), 'Budget', { budget: { budgetType: 'COST', timeUnit: 'MONTHLY' } });
  return TagManager.of(budget) !== undefined;
}

/** What the FinOps pack must report on the bad app: "<rule id> <construct path>", in report order. */
export const BAD_APP_FINDINGS: readonly string[] = [
  'FinOps-CostAllocationTags[cost-center] BadWorkload/KeepForeverBucket',
  'FinOps-CostAllocationTags[cost-center] BadWorkload/KeepForeverLogs',
  'FinOps-CostAllocationTags[cost-center] BadWorkload/Gp2Volume',
  'FinOps-CostAllocationTags[cost-center] BadWorkload/OldDatabase',
  'FinOps-CostAllocationTags[cost-center] BadWorkload/Nat',
  'FinOps-CostAllocationTags[cost-center] BadWorkload/X86Function',
  ...(budgetsTakeTags() ? ['FinOps-CostAllocationTags[cost-center] BadGovernance/SilentBudget'] : []),
  'FinOps-S3Lifecycle BadWorkload/KeepForeverBucket',
  'FinOps-LogGroupRetention BadWorkload/KeepForeverLogs',
  'FinOps-EbsGp3 BadWorkload/Gp2Volume',
  'FinOps-EbsGp3 BadWorkload/OldTemplate',
  'FinOps-PreviousGeneration[m4] BadWorkload/OldTemplate',
  'FinOps-PreviousGeneration[db.t2] BadWorkload/OldDatabase',
  'FinOps-AlwaysOnCost[AWS::EC2::NatGateway] BadWorkload/Nat',
  'FinOps-LambdaArm64 BadWorkload/X86Function',
  'FinOps-BudgetNotifies BadGovernance/SilentBudget',
];

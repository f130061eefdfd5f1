import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ApprovalInput, storageActionRequests } from './approval';
import type { OptimizerEnvironment } from './environment';
import { metricBatches, runMetricData } from './metrics';
import { reportObjects, snsSummary, type OptimizationReport } from '../optimization';

/** The SDK clients a run writes its outputs with. */
export interface OutputClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly cloudWatch: CloudWatchClient;
  readonly stepFunctions?: SFNClient;
}

/** Where a run's outputs went. */
export interface RunOutputs {
  readonly reportKeys: string[];
  readonly approvalExecution?: string;
}

/**
 * Writes a run's report in every format under keys of its own (account, optimizer and scheduled
 * moment: a retry of the same run rewrites them, no other run touches them), puts its metrics, publishes the summary and, for storage findings with an
 * approval workflow, starts that workflow once per account and day.
 */
export async function writeRunOutputs(clients: OutputClients, environment: OptimizerEnvironment, report: OptimizationReport): Promise<RunOutputs> {
  const objects = reportObjects(report, environment.optimizer, environment.reportPrefix);
  for (const object of objects) {
    await clients.s3.send(new PutObjectCommand({
      Bucket: environment.reportBucket,
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
    }));
  }
  for (const batch of metricBatches(runMetricData(environment.optimizer, report, new Date(report.generatedAt)))) {
    await clients.cloudWatch.send(new PutMetricDataCommand({ Namespace: environment.metricNamespace, MetricData: batch }));
  }
  const markdownKey = objects.find((object) => object.key.endsWith('.md'))!.key;
  const reportLocation = `s3://${environment.reportBucket}/${markdownKey}`;
  const summary = snsSummary(report, { reportLocation });
  await clients.sns.send(new PublishCommand({ TopicArn: environment.alertTopicArn, Subject: summary.subject, Message: summary.message }));
  const approvalExecution = await startApproval(clients, environment, report, reportLocation);
  return { reportKeys: objects.map((object) => object.key), approvalExecution };
}

async function startApproval(
  clients: OutputClients,
  environment: OptimizerEnvironment,
  report: OptimizationReport,
  reportLocation: string,
): Promise<string | undefined> {
  if (environment.approvalStateMachineArn === undefined || clients.stepFunctions === undefined) return undefined;
  const { actions, omitted } = storageActionRequests(report.opportunities, { maxMonthlySavings: environment.autoApprovalMaxMonthlySavings });
  if (actions.length === 0) return undefined;
  const runId = approvalExecutionName(environment.optimizer, report.accountId, report.runDate);
  const input: ApprovalInput = { runId, reportLocation, actions, omitted };
  try {
    const started = await clients.stepFunctions.send(new StartExecutionCommand({
      stateMachineArn: environment.approvalStateMachineArn,
      name: runId,
      input: JSON.stringify(input),
    }));
    return started.executionArn;
  } catch (error) {
    // The day's actions are already waiting for a decision: a rerun must not ask twice.
    if ((error as Error).name === 'ExecutionAlreadyExists') return undefined;
    throw error;
  }
}

/**
 * One execution per optimizer, account and run date (execution names are unique per state
 * machine for 90 days), so a rerun cannot route the same actions twice.
 */
export function approvalExecutionName(optimizer: string, accountId: string, runDate: string): string {
  return `${optimizer}-${accountId}-${runDate}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
}

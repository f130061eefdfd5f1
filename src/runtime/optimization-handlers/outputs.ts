import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OptimizerEnvironment } from './environment';
import { metricBatches, runMetricData } from './metrics';
import { reportObjects, snsSummary, type OptimizationReport, type ReportObject } from '../optimization';

/** The SDK clients a run writes its outputs with. */
export interface OutputClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly cloudWatch: CloudWatchClient;
}

/**
 * A step after the report is written, given the report and where people read it: the storage
 * optimizer's start of the approval workflow (see `approval-start.ts`). Passed in, so only the
 * handler that starts a workflow loads the Step Functions client.
 *
 * @returns the started execution's ARN, if one was started
 */
export type ApprovalStarter = (environment: OptimizerEnvironment, report: OptimizationReport, reportLocation: string) => Promise<string | undefined>;

/** Where a run's outputs went. */
export interface RunOutputs {
  readonly reportKeys: string[];
  readonly approvalExecution?: string;
}

/**
 * Writes a run's report in every format under keys of its own (account, optimizer and scheduled
 * moment: a retry of the same run rewrites them, no other run touches them), puts its metrics, publishes the summary and, when
 * given `startApproval`, routes the findings to the approval workflow. `objects` are the report's
 * files, when a run renders more than the single-account report (see organization-report.ts).
 */
export async function writeRunOutputs(
  clients: OutputClients,
  environment: OptimizerEnvironment,
  report: OptimizationReport,
  startApproval?: ApprovalStarter,
  objects: ReportObject[] = reportObjects(report, environment.optimizer, environment.reportPrefix),
): Promise<RunOutputs> {
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
  const approvalExecution = await startApproval?.(environment, report, reportLocation);
  return { reportKeys: objects.map((object) => object.key), approvalExecution };
}

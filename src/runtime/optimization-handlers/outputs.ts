import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { embeddedMetricDocuments } from './embedded-metrics';
import type { OptimizerEnvironment } from './environment';
import { runMetricData } from './metrics';
import { reportObjects, snsSummary, type OptimizationReport, type ReportObject } from '../optimization';

/** The SDK clients a run writes its outputs with. */
export interface OutputClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
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
 * moment: a retry of the same run rewrites them, no other run touches them), logs its metrics (see `publishMetrics`), publishes the summary and, when
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
  publishMetrics(environment, runMetricData(environment.optimizer, report, new Date(report.generatedAt)));
  const markdownKey = objects.find((object) => object.key.endsWith('.md'))!.key;
  const reportLocation = `s3://${environment.reportBucket}/${markdownKey}`;
  const summary = snsSummary(report, { reportLocation });
  await clients.sns.send(new PublishCommand({ TopicArn: environment.alertTopicArn, Subject: summary.subject, Message: summary.message }));
  const approvalExecution = await startApproval?.(environment, report, reportLocation);
  return { reportKeys: objects.map((object) => object.key), approvalExecution };
}

/**
 * Puts data points as CloudWatch embedded metric format documents, one log line each, in the
 * function's log group: CloudWatch Logs turns them into metrics, with no PutMetricData call or
 * permission. https://docs.amazonaws.cn/en_us/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Lambda.md:
 * "Lambda automatically sends everything that your function writes to standard output (STDOUT) to
 * a CloudWatch Logs log group, and CloudWatch Logs extracts metrics from any log events that follow
 * the embedded metric format specification."
 *
 * Written to stdout itself, not with console.log: with the JSON log format, Lambda's Node.js
 * runtime makes console.log's argument the `message` of its own JSON object
 * (aws-lambda-nodejs-runtime-interface-client, src/logging/formatter.ts `formatJsonMessage`), which
 * would move `_aws` off the root, where the specification requires it; the same page warns "For
 * Node.js with the Lambda JSON log format, use version 4.1.1 or later of the embedded metric format
 * client library. Earlier versions cause metric loss in Lambda environments."
 */
export function publishMetrics(environment: Pick<OptimizerEnvironment, 'metricNamespace'>, data: readonly MetricDatum[]): void {
  for (const document of embeddedMetricDocuments(environment.metricNamespace, data)) {
    process.stdout.write(`${JSON.stringify(document)}\n`);
  }
}

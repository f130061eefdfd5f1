import { readFileSync } from 'fs';
import { join } from 'path';
import { AwsLoopback, awsJsonReply, LoopbackRequest, queryReply, s3Reply } from '../../support/aws-loopback';

/** The documented response shapes recorded for the optimizer runtime, served here on the wire. */
const RUNTIME_FIXTURES = join(__dirname, '../../runtime/optimization/fixtures');

/** A recorded response as it is on the wire (JSON text). */
export function wireFixture(name: string): any {
  return JSON.parse(readFileSync(join(RUNTIME_FIXTURES, `${name}.json`), 'utf8'));
}

export const ACCOUNT = '111122223333';
export const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:optimizer`;
export const BUCKET = 'finops-reports';
export const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:finops-alerts`;
export const STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:approval`;

/** The environment the construct gives an optimizer function. */
export function optimizerEnvironment(optimizer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPTIMIZER: optimizer,
    REPORT_BUCKET: BUCKET,
    REPORT_PREFIX: 'reports',
    ALERT_TOPIC_ARN: TOPIC_ARN,
    METRIC_NAMESPACE: 'FinOps/Optimization',
    ...extra,
  };
}

/** Sets variables for the duration of a test; returns the restore function. */
export function setEnvironment(variables: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return () => Object.entries(previous).forEach(([name, value]) => (value === undefined ? delete process.env[name] : (process.env[name] = value)));
}

/** Accepts what the outputs write: S3 objects, SNS messages, metrics and executions. */
export function acceptOutputs(loopback: AwsLoopback): void {
  loopback
    .on('PutObject', () => s3Reply('', { ETag: '"etag"' }))
    .on('Publish', () => queryReply('Publish', '<MessageId>message-1</MessageId>', 'http://sns.amazonaws.com/doc/2010-03-31/'))
    .on('PutMetricData', () => awsJsonReply({}))
    .on('StartExecution', (request) => awsJsonReply({ executionArn: `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${request.input.name}`, startDate: 1764144000 }));
}

/** What the loopback S3 received under a key. */
export function storedObject(loopback: AwsLoopback, key: string): LoopbackRequest | undefined {
  return loopback.requestsFor('PutObject').filter((request) => request.input.Key === key).pop();
}

/** The stored JSON report of a run. */
export function storedReport(loopback: AwsLoopback, runDate: string): any {
  const [year, month, day] = runDate.split('-');
  const stored = storedObject(loopback, `reports/${ACCOUNT}/${year}/${month}/${day}/optimization.json`);
  if (!stored) throw new Error('no JSON report was written');
  return JSON.parse(stored.rawBody);
}

/** The metric data the run put, as name/dimensions/value triples. */
export function metricsPut(loopback: AwsLoopback): Array<{ name: string; dimensions: string; value: number }> {
  return loopback.requestsFor('PutMetricData').flatMap((request) => (request.input.MetricData as any[]).map((datum) => ({
    name: datum.MetricName,
    dimensions: (datum.Dimensions as any[]).map((dimension) => `${dimension.Name}=${dimension.Value}`).join(','),
    value: datum.Value,
  })));
}

export function attemptOf(request: LoopbackRequest): string | undefined {
  return /attempt=(\d+)/.exec(String(request.headers['amz-sdk-request']))?.[1];
}

import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { OptimizationPipeline, OptimizationPipelineProps, OptimizerKind } from '../../../src/optimization';
import { AwsLoopback, awsJsonError, awsJsonReply, LoopbackRequest, queryReply, s3Reply } from '../../support/aws-loopback';
import { DeployedTemplate } from '../../support/deployed';

/** The documented response shapes recorded for the optimizer runtime, served here on the wire. */
const RUNTIME_FIXTURES = join(__dirname, '../../runtime/optimization/fixtures');

/** A recorded response as it is on the wire (JSON text). */
export function wireFixture(name: string): any {
  return JSON.parse(readFileSync(join(RUNTIME_FIXTURES, `${name}.json`), 'utf8'));
}

export const ACCOUNT = '111122223333';

/** An optimizer function as CloudFormation would deploy it from the synthesized pipeline. */
export interface DeployedOptimizer {
  /** Its environment variables, from the template. */
  readonly environment: Record<string, string>;
  /** What `context.invokedFunctionArn` carries. */
  readonly functionArn: string;
  /** The report bucket's deployed name. */
  readonly bucket: string;
  /** The event its schedule sends at `scheduledTime` (the target's input, with the context attribute filled in). */
  /** The stack's Athena named queries as GetNamedQuery returns them, by their deployed ID. */
  readonly namedQueries: ReadonlyMap<string, DeployedNamedQuery>;
  scheduledEvent(scheduledTime: string): unknown;
}

export interface DeployedNamedQuery {
  readonly NamedQueryId: string;
  readonly Name: string;
  readonly Database: string;
  readonly WorkGroup: string;
  readonly QueryString: string;
}

/**
 * Synthesizes a pipeline in account {@link ACCOUNT}, us-east-1, and reads what its optimizers
 * would be deployed with: their environment and the input of their schedules. Handler tests
 * run with these instead of writing them again by hand.
 */
export function deployPipeline(
  props: OptimizationPipelineProps | ((stack: Stack) => OptimizationPipelineProps) = {},
): (kind: OptimizerKind) => DeployedOptimizer {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', typeof props === 'function' ? props(stack) : props);
  const deployed = DeployedTemplate.of(stack);
  const bucket = deployed.resolve(stack.resolve(pipeline.reportBucket.bucketName));
  const namedQueries = new Map(deployed.logicalIdsOfType('AWS::Athena::NamedQuery').map((logicalId) => {
    const id: string = deployed.resolve({ 'Fn::GetAtt': [logicalId, 'NamedQueryId'] });
    const { Name, Database, WorkGroup, QueryString } = deployed.resolve(deployed.resource(logicalId).Properties);
    return [id, { NamedQueryId: id, Name, Database, WorkGroup, QueryString }];
  }));
  return (kind) => {
    const fn = pipeline.functionFor(kind);
    if (fn === undefined) throw new Error(`The pipeline runs no ${kind} optimizer`);
    const functionArn = deployed.functionArn(fn);
    const scheduleId = deployed.logicalIdsOfType('AWS::Scheduler::Schedule')
      .find((logicalId) => deployed.resolve(deployed.resource(logicalId).Properties?.Target?.Arn) === functionArn);
    if (scheduleId === undefined) throw new Error(`No schedule targets the ${kind} optimizer`);
    const input: string = deployed.resolve(deployed.resource(scheduleId).Properties!.Target.Input);
    return {
      environment: deployed.functionEnvironment(fn),
      functionArn,
      bucket,
      scheduledEvent: (scheduledTime) => JSON.parse(input.replace('<aws.scheduler.scheduled-time>', scheduledTime)),
      namedQueries,
    };
  };
}

/** One optimizer of a synthesized pipeline, as deployed (see {@link deployPipeline}). */
export function deployOptimizer(
  kind: OptimizerKind,
  props: OptimizationPipelineProps | ((stack: Stack) => OptimizationPipelineProps) = {},
): DeployedOptimizer {
  return deployPipeline(props)(kind);
}

/**
 * The key a report is expected under, written out independently of the runtime:
 * `reports/<account>/<yyyy>/<mm>/<dd>/<optimizer>-<HHMMSS>Z.<format>`, for a `YYYY-MM-DDTHH:MM:SSZ` time.
 */
export function expectedReportKey(optimizer: string, scheduledTime: string, format: 'json' | 'md' | 'csv' | 'costs.csv' = 'json'): string {
  const [date, time] = scheduledTime.split('T');
  return `reports/${ACCOUNT}/${date.replace(/-/g, '/')}/${optimizer}-${time.slice(0, 8).replace(/:/g, '')}Z.${format}`;
}

export { setEnvironment } from '../../support/aws-loopback';

/**
 * Accepts what the outputs write: S3 objects, SNS messages and executions; and captures what the
 * handler writes to stdout, where its metrics go as embedded metric format documents (see
 * `metricDocuments`). Nothing answers PutMetricData: a handler that still called it would fail.
 */
export function acceptOutputs(loopback: AwsLoopback): void {
  captureStdout();
  acceptOutputWrites(loopback);
}

/** Accepts what the outputs write (S3 objects, SNS messages, executions), leaving stdout alone. */
export function acceptOutputWrites(loopback: AwsLoopback): void {
  loopback
    .on('PutObject', () => s3Reply('', { ETag: '"etag"' }))
    .on('Publish', () => queryReply('Publish', '<MessageId>message-1</MessageId>', 'http://sns.amazonaws.com/doc/2010-03-31/'))
    // An empty realized-savings ledger: no change executed yet.
    .on('ListObjectsV2', () => s3Reply('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>'))
    .on('StartExecution', (request) => awsJsonReply({
      executionArn: `${String(request.input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${request.input.name}`,
      startDate: 1764144000,
    }));
}

/**
 * An Athena GetQueryResults `ResultSet` as the service sends it: every value a `VarCharValue`, the
 * columns described as varchar. `rows` are the rows of one page (the first page starts with the header row).
 */
export function athenaResultSet(columns: readonly string[], rows: readonly string[][]): object {
  return {
    Rows: rows.map((values) => ({ Data: values.map((value) => ({ VarCharValue: value })) })),
    ResultSetMetadata: { ColumnInfo: columns.map((name) => ({ Name: name, Type: 'varchar' })) },
  };
}

/** Answers GetNamedQuery with the named queries the template deploys, and Athena's InvalidRequestException for any other ID. */
export function serveNamedQueries(loopback: AwsLoopback, deployed: DeployedOptimizer): void {
  loopback.on('GetNamedQuery', (request) => {
    const namedQuery = deployed.namedQueries.get(request.input.NamedQueryId);
    return namedQuery === undefined
      ? awsJsonError('InvalidRequestException', `NamedQuery ${request.input.NamedQueryId} was not found`)
      : awsJsonReply({ NamedQuery: namedQuery });
  });
}

/** What the loopback S3 received under a key. */
export function storedObject(loopback: AwsLoopback, key: string): LoopbackRequest | undefined {
  return loopback.requestsFor('PutObject').filter((request) => request.input.Key === key).pop();
}

/** What the bucket holds once every PutObject the loopback received is applied in order: key to body. */
export function bucketContents(loopback: AwsLoopback): Map<string, string> {
  return new Map(loopback.requestsFor('PutObject').map((request) => [request.input.Key as string, request.rawBody]));
}

/** The stored JSON report of an optimizer's run at a scheduled time. */
export function storedReport(loopback: AwsLoopback, optimizer: string, scheduledTime: string): any {
  const key = expectedReportKey(optimizer, scheduledTime);
  const stored = storedObject(loopback, key);
  if (!stored) throw new Error(`no JSON report was written under ${key}`);
  return JSON.parse(stored.rawBody);
}

let stdoutLines: string[] = [];

/** Collects process.stdout's lines from now on (and keeps them off the test output). */
export function captureStdout(): void {
  stdoutLines = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdoutLines.push(...String(chunk).split('\n').filter((line) => line !== ''));
    return true;
  });
}

/** The embedded metric format documents the run wrote to stdout: each line that is a JSON object with `_aws`. */
export function metricDocuments(): any[] {
  return stdoutLines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return parsed?._aws === undefined ? [] : [parsed];
    } catch {
      return [];
    }
  });
}

/** The metrics the run logged, as name/dimensions/value triples, read back as CloudWatch Logs extracts them. */
export function metricsLogged(): Array<{ name: string; dimensions: string; value: number }> {
  return metricDocuments().flatMap((document) => {
    const [directive] = document._aws.CloudWatchMetrics;
    const dimensions = (directive.Dimensions[0] as string[]).map((name) => `${name}=${document[name]}`).join(',');
    return (directive.Metrics as any[]).map((metric) => ({ name: metric.Name, dimensions, value: document[metric.Name] }));
  });
}

export function attemptOf(request: LoopbackRequest): string | undefined {
  return /attempt=(\d+)/.exec(String(request.headers['amz-sdk-request']))?.[1];
}

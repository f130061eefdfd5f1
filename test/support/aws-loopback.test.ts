import { Readable } from 'node:stream';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand, GetCostAndUsageCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { CostOptimizationHubClient, ListRecommendationsCommand, paginateListRecommendations, Recommendation } from '@aws-sdk/client-cost-optimization-hub';
import { DescribeVolumesCommand, EC2Client, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  AwsLoopback,
  awsJsonError,
  awsJsonReply,
  ec2Error,
  ec2Reply,
  lambdaInvokeReply,
  LoopbackReply,
  LoopbackRequest,
  loopbackClientConfig,
  queryError,
  queryReply,
  s3Error,
  s3Reply,
  useLoopbackEnvironment,
} from './aws-loopback';

const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:finops-alerts';

let loopback: AwsLoopback;
const openClients: Array<{ destroy(): void }> = [];

beforeEach(async () => {
  loopback = await AwsLoopback.start();
});

afterEach(async () => {
  openClients.splice(0).forEach((client) => client.destroy());
  await loopback.stop();
});

/** A client of the given class pointed at the loopback; destroyed after the test. */
function clientFor<T extends { destroy(): void }>(ClientClass: new (config: ReturnType<typeof loopbackClientConfig>) => T): T {
  const client = new ClientClass(loopbackClientConfig(loopback.endpoint));
  openClients.push(client);
  return client;
}

function attemptOf(request: LoopbackRequest): string | undefined {
  return /attempt=(\d+)/.exec(String(request.headers['amz-sdk-request']))?.[1];
}

describe('Cost Explorer (awsJson1_1)', () => {
  const monthOf = (start: string, amount: string): ResultByTime => ({
    TimePeriod: { Start: start, End: start.replace('-01-', '-02-') },
    Total: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
    Estimated: false,
  });

  test('pages through GetCostAndUsage and retries a ThrottlingException', async () => {
    loopback.queue('GetCostAndUsage',
      awsJsonError('ThrottlingException', 'Rate exceeded'),
      awsJsonReply({ ResultsByTime: [monthOf('2024-01-01', '12.5')], NextPageToken: 'page-2' }),
      awsJsonReply({ ResultsByTime: [monthOf('2024-02-01', '7.25')] }),
    );
    const client = clientFor(CostExplorerClient);

    const months: ResultByTime[] = [];
    let nextPageToken: string | undefined;
    do {
      const page: GetCostAndUsageCommandOutput = await client.send(new GetCostAndUsageCommand({
        TimePeriod: { Start: '2024-01-01', End: '2024-03-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        NextPageToken: nextPageToken,
      }));
      months.push(...page.ResultsByTime ?? []);
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);

    expect(months.map((month) => month.Total?.UnblendedCost?.Amount)).toEqual(['12.5', '7.25']);
    const calls = loopback.requestsFor('GetCostAndUsage');
    expect(calls.map(attemptOf)).toEqual(['1', '2', '1']);
    expect(calls[0]).toMatchObject({ service: 'ce', protocol: 'awsJson', method: 'POST', path: '/' });
    expect(calls[0].headers['x-amz-target']).toBe('AWSInsightsIndexService.GetCostAndUsage');
    expect(calls[0].input).toEqual({ TimePeriod: { Start: '2024-01-01', End: '2024-03-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] });
    expect(calls[1].rawBody).toBe(calls[0].rawBody);
    expect(calls[2].input.NextPageToken).toBe('page-2');
  });
});

describe('Cost Optimization Hub (awsJson1_0)', () => {
  test('pages through ListRecommendations and deserializes timestamps', async () => {
    const recommendation = (id: string, savings: number): Recommendation => ({
      recommendationId: id, resourceId: `vol-${id}`, actionType: 'Rightsize', estimatedMonthlySavings: savings, currencyCode: 'USD',
    });
    loopback.queue('ListRecommendations',
      awsJsonReply({ items: [{ ...recommendation('r1', 40.5), lastRefreshTimestamp: 1704067200 }], nextToken: 'more' }),
      awsJsonReply({ items: [recommendation('r2', 3)] }),
    );
    const client = clientFor(CostOptimizationHubClient);

    const items: Recommendation[] = [];
    for await (const page of paginateListRecommendations({ client }, { filter: { actionTypes: ['Rightsize'] }, includeAllRecommendations: false })) {
      items.push(...page.items ?? []);
    }

    expect(items.map((item) => [item.recommendationId, item.estimatedMonthlySavings])).toEqual([['r1', 40.5], ['r2', 3]]);
    expect(items[0].lastRefreshTimestamp).toEqual(new Date('2024-01-01T00:00:00Z'));
    const calls = loopback.requestsFor('ListRecommendations');
    expect(calls.map((call) => call.service)).toEqual(['cost-optimization-hub', 'cost-optimization-hub']);
    expect(calls[0].headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(calls[0].input).toEqual({ filter: { actionTypes: ['Rightsize'] }, includeAllRecommendations: false });
    expect(calls[1].input.nextToken).toBe('more');
  });
});

describe('SNS (awsQuery)', () => {
  test('Publish sends form parameters and reads the MessageId from the XML result', async () => {
    loopback.on('Publish', (request) => queryReply('Publish', `<MessageId>msg-for-${request.input.Subject}</MessageId>`, SNS_XMLNS));
    const client = clientFor(SNSClient);

    const result = await client.send(new PublishCommand({
      TopicArn: TOPIC_ARN,
      Subject: 'budget',
      Message: 'Budget "Team A" at 80% & rising',
      MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
    }));

    expect(result.MessageId).toBe('msg-for-budget');
    const [publish] = loopback.requestsFor('Publish');
    expect(publish).toMatchObject({ service: 'sns', protocol: 'awsQuery', method: 'POST' });
    expect(publish.input).toMatchObject({
      'Action': 'Publish',
      'Version': '2010-03-31',
      'TopicArn': TOPIC_ARN,
      'Message': 'Budget "Team A" at 80% & rising',
      'MessageAttributes.entry.1.Name': 'severity',
      'MessageAttributes.entry.1.Value.StringValue': 'high',
    });
  });

  test('a Throttling error is retried', async () => {
    loopback.queue('Publish', queryError('Throttling', 'Rate exceeded'), queryReply('Publish', '<MessageId>second-try</MessageId>', SNS_XMLNS));

    const result = await clientFor(SNSClient).send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'hello' }));

    expect(result.MessageId).toBe('second-try');
    expect(loopback.requestsFor('Publish').map(attemptOf)).toEqual(['1', '2']);
  });

  test('a modelled error keeps its code', async () => {
    loopback.queue('Publish', queryError('NotFound', 'Topic does not exist', 404));

    const publish = clientFor(SNSClient).send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'hello' }));

    await expect(publish).rejects.toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
  });
});

describe('EC2 (ec2Query)', () => {
  const volumeXml = (id: string, sizeGiB: number) =>
    `<item><volumeId>${id}</volumeId><size>${sizeGiB}</size><volumeType>gp2</volumeType><status>available</status>` +
    '<createTime>2024-01-15T10:00:00.000Z</createTime><encrypted>false</encrypted></item>';

  test('pages through DescribeVolumes and retries RequestLimitExceeded', async () => {
    loopback.queue('DescribeVolumes',
      ec2Reply('DescribeVolumes', `<volumeSet>${volumeXml('vol-1', 8)}${volumeXml('vol-2', 100)}</volumeSet><nextToken>token-2</nextToken>`),
      ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503),
      ec2Reply('DescribeVolumes', `<volumeSet>${volumeXml('vol-3', 20)}</volumeSet>`),
    );
    const client = clientFor(EC2Client);

    const volumes = [];
    const pages = paginateDescribeVolumes({ client }, { Filters: [{ Name: 'status', Values: ['available'] }] });
    for await (const page of pages) volumes.push(...page.Volumes ?? []);

    expect(volumes.map((volume) => [volume.VolumeId, volume.Size, volume.Encrypted])).toEqual([['vol-1', 8, false], ['vol-2', 100, false], ['vol-3', 20, false]]);
    expect(volumes[0].CreateTime).toEqual(new Date('2024-01-15T10:00:00Z'));
    const calls = loopback.requestsFor('DescribeVolumes');
    expect(calls.map(attemptOf)).toEqual(['1', '1', '2']);
    expect(calls[0]).toMatchObject({ service: 'ec2', protocol: 'ec2Query' });
    expect(calls[0].input).toEqual({ 'Action': 'DescribeVolumes', 'Version': '2016-11-15', 'Filter.1.Name': 'status', 'Filter.1.Value.1': 'available' });
    expect(calls[0].input.NextToken).toBeUndefined();
    expect(calls[1].input.NextToken).toBe('token-2');
    expect(calls[2].input.NextToken).toBe('token-2');
  });
});

describe('S3 (restXml, path-style)', () => {
  test('PutObject sends bucket and key in the path and the body as sent', async () => {
    loopback.on('PutObject', () => s3Reply('', { ETag: '"etag-1"' }));

    const result = await clientFor(S3Client).send(new PutObjectCommand({
      Bucket: 'cur-exports', Key: 'reports/2024 01/usage.csv', Body: 'line_item,cost\nEC2,1.5\n', ContentType: 'text/csv',
    }));

    expect(result.ETag).toBe('"etag-1"');
    const [put] = loopback.requestsFor('PutObject');
    expect(put).toMatchObject({ service: 's3', protocol: 'restXml', method: 'PUT', path: '/cur-exports/reports/2024 01/usage.csv' });
    expect(put.input).toMatchObject({ Bucket: 'cur-exports', Key: 'reports/2024 01/usage.csv', Body: 'line_item,cost\nEC2,1.5\n' });
    expect(put.headers['content-type']).toBe('text/csv');
  });

  test('a streamed PutObject arrives without its aws-chunked framing', async () => {
    loopback.on('PutObject', () => s3Reply());
    const body = Readable.from([Buffer.from('first chunk;'), Buffer.from('second chunk')]);

    await clientFor(S3Client).send(new PutObjectCommand({ Bucket: 'cur-exports', Key: 'streamed.txt', Body: body, ContentLength: 24 }));

    const [put] = loopback.requestsFor('PutObject');
    expect(put.headers['content-encoding']).toContain('aws-chunked');
    expect(put.rawBody).toBe('first chunk;second chunk');
  });

  test('ListObjectsV2 is told apart from ListObjects and pages with its continuation token', async () => {
    const listing = (keys: string[], nextToken?: string) => s3Reply(
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>cur-exports</Name>' +
      keys.map((key) => `<Contents><Key>${key}</Key><Size>10</Size></Contents>`).join('') +
      (nextToken ? `<IsTruncated>true</IsTruncated><NextContinuationToken>${nextToken}</NextContinuationToken>` : '<IsTruncated>false</IsTruncated>') +
      '</ListBucketResult>');
    loopback.queue('ListObjectsV2', listing(['reports/a.csv', 'reports/b.csv'], 'next-page'), listing(['reports/c.csv']));

    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: clientFor(S3Client) }, { Bucket: 'cur-exports', Prefix: 'reports/' })) {
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    }

    expect(keys).toEqual(['reports/a.csv', 'reports/b.csv', 'reports/c.csv']);
    const calls = loopback.requestsFor('ListObjectsV2');
    expect(calls.map((call) => [call.method, call.path, call.input.Bucket, call.input.prefix])).toEqual([
      ['GET', '/cur-exports/', 'cur-exports', 'reports/'],
      ['GET', '/cur-exports/', 'cur-exports', 'reports/'],
    ]);
    expect(calls[1].input['continuation-token']).toBe('next-page');
  });

  test('SlowDown (503) is retried', async () => {
    loopback.queue('PutObject', s3Error('SlowDown', 'Please reduce your request rate.', 503), s3Reply('', { ETag: '"after-slowdown"' }));

    const result = await clientFor(S3Client).send(new PutObjectCommand({ Bucket: 'cur-exports', Key: 'k', Body: 'x' }));

    expect(result.ETag).toBe('"after-slowdown"');
    expect(loopback.requestsFor('PutObject').map(attemptOf)).toEqual(['1', '2']);
  });

  test('GetObject streams the body back and NoSuchKey surfaces by name', async () => {
    loopback.queue('GetObject', s3Reply('a,b\n1,2\n', { 'Content-Type': 'text/csv' }), s3Error('NoSuchKey', 'The specified key does not exist.', 404));
    const client = clientFor(S3Client);

    const found = await client.send(new GetObjectCommand({ Bucket: 'cur-exports', Key: 'a.csv' }));
    const missing = client.send(new GetObjectCommand({ Bucket: 'cur-exports', Key: 'b.csv' }));

    await expect(found.Body?.transformToString()).resolves.toBe('a,b\n1,2\n');
    expect(found.ContentType).toBe('text/csv');
    await expect(missing).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    expect(loopback.requestsFor('GetObject').map((request) => request.input.Key)).toEqual(['a.csv', 'b.csv']);
  });
});

describe('CloudWatch (awsJson1_0, query-compatible)', () => {
  test('PutMetricData delivers the metric', async () => {
    loopback.on('PutMetricData', () => awsJsonReply({}));

    await clientFor(CloudWatchClient).send(new PutMetricDataCommand({
      Namespace: 'FinOps/Budgets',
      MetricData: [{ MetricName: 'ForecastedSpend', Value: 812.4, Unit: 'None', Dimensions: [{ Name: 'Budget', Value: 'team-a' }] }],
    }));

    const [put] = loopback.requestsFor('PutMetricData');
    expect(put).toMatchObject({ service: 'monitoring', protocol: 'awsJson' });
    expect(put.headers['x-amzn-query-mode']).toBe('true');
    expect(put.input).toEqual({
      Namespace: 'FinOps/Budgets',
      MetricData: [{ MetricName: 'ForecastedSpend', Value: 812.4, Unit: 'None', Dimensions: [{ Name: 'Budget', Value: 'team-a' }] }],
    });
  });

  test('a large PutMetricData is gzip-compressed by the SDK and decoded by the loopback', async () => {
    loopback.on('PutMetricData', () => awsJsonReply({}));
    const metricData = Array.from({ length: 400 }, (_, index) => ({ MetricName: `Spend${index}`, Value: index, Dimensions: [{ Name: 'Account', Value: '111122223333' }] }));

    await clientFor(CloudWatchClient).send(new PutMetricDataCommand({ Namespace: 'FinOps/Accounts', MetricData: metricData }));

    const [put] = loopback.requestsFor('PutMetricData');
    expect(put.headers['content-encoding']).toBe('gzip');
    expect(put.input.MetricData).toHaveLength(400);
    expect(put.input.MetricData[399].MetricName).toBe('Spend399');
  });

  test('the error code reaches the client through the query-compatible error header', async () => {
    loopback.queue('PutMetricData', awsJsonError('InvalidParameterValue', 'The value NaN is not valid'));

    const put = clientFor(CloudWatchClient).send(new PutMetricDataCommand({ Namespace: 'N', MetricData: [{ MetricName: 'M', Value: 1 }] }));

    await expect(put).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The value NaN is not valid',
      Error: { Code: 'InvalidParameterValue', Type: 'Sender' },
    });
  });
});

describe('Step Functions (awsJson1_0)', () => {
  test('SendTaskSuccess delivers the task token and output', async () => {
    loopback.on('SendTaskSuccess', () => awsJsonReply({}));

    await clientFor(SFNClient).send(new SendTaskSuccessCommand({ taskToken: 'token-123', output: JSON.stringify({ approved: true }) }));

    const [call] = loopback.requestsFor('SendTaskSuccess');
    expect(call).toMatchObject({ service: 'states', protocol: 'awsJson' });
    expect(call.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(call.input).toEqual({ taskToken: 'token-123', output: '{"approved":true}' });
  });
});

describe('Lambda (restJson1)', () => {
  test('Invoke sends the payload and returns the function result', async () => {
    loopback.on('Invoke', (request) => lambdaInvokeReply({ echoed: JSON.parse(request.rawBody), function: request.input.FunctionName }));

    const result = await clientFor(LambdaClient).send(new InvokeCommand({
      FunctionName: 'rightsizing-optimizer', Qualifier: 'live', InvocationType: 'RequestResponse', Payload: JSON.stringify({ dryRun: true }),
    }));

    expect(JSON.parse(Buffer.from(result.Payload!).toString('utf8'))).toEqual({ echoed: { dryRun: true }, function: 'rightsizing-optimizer' });
    expect(result).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(result.FunctionError).toBeUndefined();
    const [invoke] = loopback.requestsFor('Invoke');
    expect(invoke).toMatchObject({ service: 'lambda', protocol: 'restJson', method: 'POST', path: '/2015-03-31/functions/rightsizing-optimizer/invocations' });
    expect(invoke.input).toMatchObject({ FunctionName: 'rightsizing-optimizer', Qualifier: 'live' });
    expect(invoke.headers['x-amz-invocation-type']).toBe('RequestResponse');
  });

  test('a function error is reported through FunctionError', async () => {
    loopback.on('Invoke', () => lambdaInvokeReply({ errorMessage: 'boom', errorType: 'Error' }, 'Unhandled'));

    const result = await clientFor(LambdaClient).send(new InvokeCommand({ FunctionName: 'f' }));

    expect(result.FunctionError).toBe('Unhandled');
  });

  test('TooManyRequestsException (429) is retried', async () => {
    loopback.queue('Invoke', awsJsonError('TooManyRequestsException', 'Rate exceeded', 429), lambdaInvokeReply('ok'));

    const result = await clientFor(LambdaClient).send(new InvokeCommand({ FunctionName: 'f' }));

    expect(Buffer.from(result.Payload!).toString('utf8')).toBe('"ok"');
    expect(loopback.requestsFor('Invoke').map(attemptOf)).toEqual(['1', '2']);
  });
});

describe('AwsLoopback behaviour', () => {
  const unhandledCalls: Array<[string, () => Promise<unknown>, string]> = [
    ['awsJson', () => clientFor(CostExplorerClient).send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2024-01-01', End: '2024-02-01' }, Granularity: 'MONTHLY', Metrics: ['BlendedCost'] })), 'GetCostAndUsage'],
    ['awsQuery', () => clientFor(SNSClient).send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'm' })), 'Publish'],
    ['ec2Query', () => clientFor(EC2Client).send(new DescribeVolumesCommand({})), 'DescribeVolumes'],
    ['restXml', () => clientFor(S3Client).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })), 'PutObject'],
    ['restJson', () => clientFor(LambdaClient).send(new InvokeCommand({ FunctionName: 'f' })), 'Invoke'],
  ];

  test.each(unhandledCalls)('an unhandled %s operation fails at once, naming the operation', async (_protocol, call, operation) => {
    await expect(call()).rejects.toMatchObject({
      name: 'LoopbackUnhandledOperation',
      message: expect.stringContaining(`operation ${operation} `),
    });
    expect(loopback.requests.map((request) => request.operation)).toEqual([operation]);
  });

  test('queued replies are used first, then the `on` handler', async () => {
    loopback
      .on('Publish', () => queryReply('Publish', '<MessageId>from-handler</MessageId>', SNS_XMLNS))
      .queue('Publish', queryReply('Publish', '<MessageId>queued</MessageId>', SNS_XMLNS));
    const client = clientFor(SNSClient);
    const publish = async () => (await client.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'm' }))).MessageId;

    expect([await publish(), await publish(), await publish()]).toEqual(['queued', 'from-handler', 'from-handler']);
  });

  test('a handler that throws fails the call with its message', async () => {
    loopback.on('SendTaskSuccess', () => {
      throw new Error('unexpected task token');
    });

    const call = clientFor(SFNClient).send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }));

    await expect(call).rejects.toMatchObject({ name: 'LoopbackHandlerFailed', message: expect.stringContaining('unexpected task token') });
    expect(loopback.requests).toHaveLength(1);
  });

  test('an async handler is awaited', async () => {
    loopback.on('SendTaskSuccess', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return awsJsonReply({});
    });

    await expect(clientFor(SFNClient).send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }))).resolves.toBeDefined();
  });

  test('stop closes the port, kept-alive connections included', async () => {
    loopback.on('SendTaskSuccess', () => awsJsonReply({}));
    const keptAlive = clientFor(SFNClient);
    await keptAlive.send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }));

    await loopback.stop();
    await loopback.stop();

    const fresh = new SFNClient({ ...loopbackClientConfig(loopback.endpoint), maxAttempts: 1 });
    openClients.push(fresh);
    await expect(fresh.send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }))).rejects.toThrow(/ECONNREFUSED/);
    await expect(keptAlive.send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }))).rejects.toThrow();
    expect(loopback.requests).toHaveLength(1);
  });
});

describe('useLoopbackEnvironment', () => {
  let restoreEnvironment: (() => void) | undefined;

  afterEach(() => restoreEnvironment?.());

  /** Clients built with no configuration at all, as a handler under test would build them. */
  function unconfigured<T extends { destroy(): void }>(client: T): T {
    openClients.push(client);
    return client;
  }

  const cases: Array<[service: string, operation: string, reply: LoopbackReply, call: () => Promise<unknown>]> = [
    ['ce', 'GetCostAndUsage', awsJsonReply({ ResultsByTime: [] }), () => unconfigured(new CostExplorerClient()).send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: '2024-01-01', End: '2024-02-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }))],
    ['cost-optimization-hub', 'ListRecommendations', awsJsonReply({ items: [] }), () => unconfigured(new CostOptimizationHubClient()).send(
      new ListRecommendationsCommand({}))],
    ['sns', 'Publish', queryReply('Publish', '<MessageId>m</MessageId>', SNS_XMLNS), () => unconfigured(new SNSClient()).send(
      new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'm' }))],
    ['ec2', 'DescribeVolumes', ec2Reply('DescribeVolumes', '<volumeSet/>'), () => unconfigured(new EC2Client()).send(
      new DescribeVolumesCommand({}))],
    ['s3', 'PutObject', s3Reply(), () => unconfigured(new S3Client()).send(
      new PutObjectCommand({ Bucket: 'env-bucket', Key: 'k', Body: 'x' }))],
    ['monitoring', 'PutMetricData', awsJsonReply({}), () => unconfigured(new CloudWatchClient()).send(
      new PutMetricDataCommand({ Namespace: 'N', MetricData: [{ MetricName: 'M', Value: 1 }] }))],
    ['states', 'SendTaskSuccess', awsJsonReply({}), () => unconfigured(new SFNClient()).send(
      new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }))],
    ['lambda', 'Invoke', lambdaInvokeReply(null), () => unconfigured(new LambdaClient()).send(
      new InvokeCommand({ FunctionName: 'f' }))],
  ];

  test.each(cases)('an unconfigured %s client reaches the loopback through AWS_ENDPOINT_URL', async (service, operation, reply, call) => {
    loopback.on(operation, () => reply);
    restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);

    await call();

    expect(loopback.requests.map((request) => [request.service, request.operation])).toEqual([[service, operation]]);
    expect(String(loopback.requests[0].headers.authorization)).toContain('/us-east-1/');
  });

  test('S3 stays path-style with an environment endpoint', async () => {
    loopback.on('PutObject', () => s3Reply());
    restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);

    await unconfigured(new S3Client()).send(new PutObjectCommand({ Bucket: 'env-bucket', Key: 'dir/k.json', Body: '{}' }));

    expect(loopback.requestsFor('PutObject')[0].path).toBe('/env-bucket/dir/k.json');
  });

  test('overrides that would defeat it are removed, and everything is restored afterwards', async () => {
    const overrides = { AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9', AWS_PROFILE: 'someone-else', AWS_SESSION_TOKEN: 'real-looking-token', AWS_REGION: 'eu-west-3' };
    const saved = { ...process.env };
    Object.assign(process.env, overrides);
    try {
      loopback.on('SendTaskSuccess', () => awsJsonReply({}));
      const restore = useLoopbackEnvironment(loopback.endpoint);

      await unconfigured(new SFNClient()).send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }));
      const duringTest = { ...process.env };
      restore();

      expect(loopback.requests).toHaveLength(1);
      expect(duringTest).toMatchObject({ AWS_ENDPOINT_URL: loopback.endpoint, AWS_REGION: 'us-east-1' });
      expect(duringTest.AWS_ENDPOINT_URL_SFN).toBeUndefined();
      expect(duringTest.AWS_PROFILE).toBeUndefined();
      expect(duringTest.AWS_SESSION_TOKEN).toBeUndefined();
      expect(process.env).toEqual({ ...saved, ...overrides });
    } finally {
      for (const name of Object.keys(overrides)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});

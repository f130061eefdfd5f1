import * as fs from 'fs';
import * as path from 'path';
import type { SNSEvent } from 'aws-lambda';
import { handler } from '../../src/budgets/alert-handler.lambda';
import { AwsLoopback, lambdaInvokeReply, queryError, queryReply, useLoopbackEnvironment } from '../support/aws-loopback';

const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const OPTIMIZE_TOPIC = 'arn:aws:sns:us-east-1:111111111111:optimize';
const EMERGENCY_FUNCTION = 'arn:aws:lambda:us-east-1:111111111111:function:emergency-responder';
const actualNotification = fs.readFileSync(path.join(__dirname, '../runtime/budget-alerts/fixtures/budget-notification.actual.txt'), 'utf-8');

function snsEvent(...messages: string[]): SNSEvent {
  return {
    Records: messages.map((message, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:111111111111:budget-alerts:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `message-${index}`,
        TopicArn: 'arn:aws:sns:us-east-1:111111111111:budget-alerts',
        Subject: 'AWS Budgets: ec2-compute-monthly has exceeded your alert threshold',
        Message: message,
        Timestamp: '2026-11-26T10:00:00.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://example.invalid/cert.pem',
        UnsubscribeUrl: 'https://example.invalid/unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

const publishReply = () => queryReply('Publish', '<MessageId>5f4e9a1c-0000-4000-8000-000000000001</MessageId>', SNS_XMLNS);

let loopback: AwsLoopback;
let restoreEnvironment: () => void;

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);
  process.env.ALERT_TIERS = JSON.stringify([
    { name: 'analyze', minUtilization: '70', topicArn: 'arn:aws:sns:us-east-1:111111111111:analyze' },
    { name: 'optimize', minUtilization: '80', topicArn: OPTIMIZE_TOPIC },
    { name: 'emergency', minUtilization: '90', functionArn: EMERGENCY_FUNCTION },
  ]);
});

afterAll(async () => {
  delete process.env.ALERT_TIERS;
  restoreEnvironment();
  await loopback.stop();
});

beforeEach(() => {
  loopback.requests.length = 0;
});

describe('budget alert handler, through the real SNS and Lambda clients', () => {
  test('publishes the escalation of an 83.12% notification to the optimize tier topic', async () => {
    loopback.queue('Publish', publishReply());

    await expect(handler(snsEvent(actualNotification))).resolves.toEqual({ escalated: 1, skipped: 0 });

    const [publish] = loopback.requestsFor('Publish');
    expect(publish.input.TopicArn).toBe(OPTIMIZE_TOPIC);
    expect(publish.input.Subject).toBe('[optimize] Budget ec2-compute-monthly at 83.12% (ACTUAL)');
    expect(publish.input['MessageAttributes.entry.1.Name']).toBe('tier');
    expect(publish.input['MessageAttributes.entry.1.Value.StringValue']).toBe('optimize');
    expect(JSON.parse(publish.input.Message)).toEqual({
      tier: 'optimize',
      budgetName: 'ec2-compute-monthly',
      alertType: 'ACTUAL',
      accountId: '111111111111',
      budgetedAmount: '10000.00',
      observedAmount: '8312.47',
      unit: 'USD',
      utilizationPercent: '83.12',
      remainingAmount: '1687.53',
    });
  });

  test('retries a throttled publish and succeeds', async () => {
    loopback.queue('Publish', queryError('Throttling', 'Rate exceeded', 400), publishReply());

    await expect(handler(snsEvent(actualNotification))).resolves.toEqual({ escalated: 1, skipped: 0 });
    expect(loopback.requestsFor('Publish')).toHaveLength(2);
  });

  test('invokes the emergency tier function asynchronously', async () => {
    loopback.queue('Invoke', lambdaInvokeReply(undefined));
    const overspent = actualNotification.replace('ACTUAL Amount: $8,312.47', 'ACTUAL Amount: $9,512.00');

    await handler(snsEvent(overspent));

    const [invoke] = loopback.requestsFor('Invoke');
    expect(invoke.path).toBe(`/2015-03-31/functions/${EMERGENCY_FUNCTION}/invocations`);
    expect(invoke.headers['x-amz-invocation-type']).toBe('Event');
    expect(JSON.parse(invoke.rawBody)).toMatchObject({ tier: 'emergency', utilizationPercent: '95.12', remainingAmount: '488' });
    expect(loopback.requestsFor('Publish')).toHaveLength(0);
  });

  test('skips messages that are not budget notifications or below every tier, calling nothing', async () => {
    const belowTiers = actualNotification.replace('ACTUAL Amount: $8,312.47', 'ACTUAL Amount: $1,000.00');

    await expect(handler(snsEvent('You have chosen to subscribe to the topic', belowTiers))).resolves.toEqual({ escalated: 0, skipped: 2 });
    expect(loopback.requests).toHaveLength(0);
  });

  test('fails the invocation when delivery is refused, so that Lambda retries the event', async () => {
    loopback.queue('Publish', queryError('AuthorizationError', 'User is not authorized to perform: SNS:Publish', 403));

    await expect(handler(snsEvent(actualNotification))).rejects.toThrow(/not authorized/);
  });
});

import { handler } from '../../../src/optimization/approval-decision.lambda';
import { AwsLoopback, awsJsonReply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let restoreEnvironment: () => void;

const APPROVER = 'arn:aws:sts::111122223333:assumed-role/Approver/alice';

/** A function URL request (payload format 2.0) signed by APPROVER, as Lambda delivers it. */
function urlRequest(body: unknown, userArn: string = APPROVER): unknown {
  return {
    version: '2.0',
    rawPath: '/',
    body: Buffer.from(JSON.stringify(body)).toString('base64'),
    isBase64Encoded: true,
    requestContext: { http: { method: 'POST' }, ...(userArn ? { authorizer: { iam: { userArn, accountId: '111122223333' } } } : {}) },
  };
}

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);
  loopback.on('SendTaskSuccess', () => awsJsonReply({})).on('SendTaskFailure', () => awsJsonReply({}));
});

beforeEach(() => {
  loopback.requests.length = 0;
});

afterAll(async () => {
  restoreEnvironment();
  await loopback.stop();
});

describe('approval decision handler over the loopback', () => {
  test('APPROVE resumes the workflow with SendTaskSuccess, naming who approved', async () => {
    await expect(handler(urlRequest({ taskToken: 'token-1', decision: 'APPROVE', comment: 'ok by platform' }))).resolves.toMatchObject({ statusCode: 200 });
    const sent = loopback.requestsFor('SendTaskSuccess')[0].input;
    expect(sent.taskToken).toBe('token-1');
    expect(JSON.parse(sent.output)).toEqual({ decision: 'APPROVE', decidedBy: APPROVER, comment: 'ok by platform', decidedAt: expect.any(String) });
  });

  test('REJECT is delivered the same way, so the workflow can refuse a rejection by someone its tier does not allow', async () => {
    await expect(handler(urlRequest({ taskToken: 'token-2', decision: 'REJECT' }))).resolves.toMatchObject({ statusCode: 200 });
    const sent = loopback.requestsFor('SendTaskSuccess')[0].input;
    expect(sent.taskToken).toBe('token-2');
    expect(JSON.parse(sent.output)).toMatchObject({ decision: 'REJECT', decidedBy: APPROVER });
    expect(loopback.requestsFor('SendTaskFailure')).toEqual([]);
  });

  test.each([
    [urlRequest({ decision: 'APPROVE' }), /needs the taskToken/],
    [urlRequest({ taskToken: 't', decision: 'approve' }), /"APPROVE" or "REJECT"; got "approve"/],
    [urlRequest({ taskToken: 't' }), /got undefined/],
    // A direct invocation (or a forged URL event without Lambda's IAM context) decides nothing.
    [urlRequest({ taskToken: 't', decision: 'APPROVE' }, ''), /must come through the function URL/],
    [{ taskToken: 't', decision: 'APPROVE' }, /must come through the function URL/],
  ])('refuses %j: a typo or an unsigned request never counts as a decision', async (event, message) => {
    const response = await handler(event);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(message);
    expect(loopback.requests).toEqual([]);
  });
});

import { handler } from '../../../src/optimization/approval-decision.lambda';
import { AwsLoopback, awsJsonReply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let restoreEnvironment: () => void;

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
  test('APPROVE resumes the workflow with SendTaskSuccess', async () => {
    await expect(handler({ taskToken: 'token-1', decision: 'APPROVE', comment: 'ok by platform' })).resolves.toEqual({ delivered: 'APPROVE' });
    expect(loopback.requestsFor('SendTaskSuccess')[0].input).toEqual({ taskToken: 'token-1', output: '{"approved":true,"comment":"ok by platform"}' });
  });

  test('REJECT fails the task with the error the workflow catches', async () => {
    await expect(handler({ taskToken: 'token-2', decision: 'REJECT' })).resolves.toEqual({ delivered: 'REJECT' });
    expect(loopback.requestsFor('SendTaskFailure')[0].input).toEqual({ taskToken: 'token-2', error: 'Rejected', cause: 'Rejected by the approver' });
  });

  test.each([
    [{ decision: 'APPROVE' }, /needs the taskToken/],
    [{ taskToken: 't', decision: 'approve' }, /"APPROVE" or "REJECT"; got "approve"/],
    [{ taskToken: 't' }, /got undefined/],
  ])('refuses %j: a typo never counts as an approval', async (event, message) => {
    await expect(handler(event)).rejects.toThrow(message);
    expect(loopback.requests).toEqual([]);
  });
});

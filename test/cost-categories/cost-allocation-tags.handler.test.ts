import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { CostAllocationTags } from '../../src';
import { handler } from '../../src/cost-categories/cost-allocation-tags.lambda';
import { TagActivationEvent } from '../../src/runtime/cost-categories/tag-activation';
import { AwsLoopback, awsJsonError, awsJsonReply, setEnvironment, useLoopbackEnvironment } from '../support/aws-loopback';
import { DeployedTemplate } from '../support/deployed';

const updateErrors = JSON.parse(fs.readFileSync(path.join(__dirname, '../runtime/cost-categories/fixtures/UpdateCostAllocationTagsStatus.errors.json'), 'utf-8'));

let loopback: AwsLoopback;
let restoreEnvironment: () => void;

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);
});

afterAll(async () => {
  restoreEnvironment();
  await loopback.stop();
});

beforeEach(() => {
  loopback.requests.length = 0;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

function event(requestType: TagActivationEvent['RequestType'], tagKeys: string[], deactivateOnDelete = 'false'): TagActivationEvent {
  return {
    RequestType: requestType,
    LogicalResourceId: 'CategoryTags',
    PhysicalResourceId: requestType === 'Create' ? undefined : 'CategoryTags-cost-allocation-tags',
    ResourceProperties: { TagKeys: tagKeys, DeactivateOnDelete: deactivateOnDelete },
  };
}

describe('cost allocation tag handler, through the real Cost Explorer client (awsJson1_1)', () => {
  test('activates the tags on create with the AWSInsightsIndexService target', async () => {
    loopback.queue('UpdateCostAllocationTagsStatus', awsJsonReply({ Errors: [] }));

    await expect(handler(event('Create', ['team', 'cost-center']))).resolves.toEqual({
      PhysicalResourceId: 'CategoryTags-cost-allocation-tags',
      Data: { UpdatedTags: 2 },
    });

    const [call] = loopback.requestsFor('UpdateCostAllocationTagsStatus');
    expect(call.service).toBe('ce');
    expect(call.headers['x-amz-target']).toBe('AWSInsightsIndexService.UpdateCostAllocationTagsStatus');
    expect(call.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(call.input).toEqual({
      CostAllocationTagsStatus: [{ TagKey: 'team', Status: 'Active' }, { TagKey: 'cost-center', Status: 'Active' }],
    });
  });

  test('retries a ThrottlingException and then succeeds', async () => {
    loopback.queue('UpdateCostAllocationTagsStatus', awsJsonError('ThrottlingException', 'Rate exceeded'), awsJsonReply({ Errors: [] }));

    await expect(handler(event('Create', ['team']))).resolves.toMatchObject({ Data: { UpdatedTags: 1 } });

    const calls = loopback.requestsFor('UpdateCostAllocationTagsStatus');
    expect(calls).toHaveLength(2);
    expect(calls[1].input).toEqual(calls[0].input);
  });

  test('sends 45 tags in calls of 20, 20 and 5', async () => {
    const tagKeys = Array.from({ length: 45 }, (_, index) => `tag-${index}`);
    loopback.on('UpdateCostAllocationTagsStatus', () => awsJsonReply({ Errors: [] }));

    await handler(event('Create', tagKeys));

    const calls = loopback.requestsFor('UpdateCostAllocationTagsStatus');
    expect(calls.map((call) => call.input.CostAllocationTagsStatus.length)).toEqual([20, 20, 5]);
    expect(calls.flatMap((call) => call.input.CostAllocationTagsStatus.map((entry: any) => entry.TagKey))).toEqual(tagKeys);
  });

  test('fails a create with every per-tag error of the response', async () => {
    loopback.queue('UpdateCostAllocationTagsStatus', awsJsonReply(updateErrors));

    await expect(handler(event('Create', ['team', 'cost-center']))).rejects.toThrow(
      /failed for 1 tag\(s\): cost-center: TagKeysNotFoundException Failed to update tag status/,
    );
  });

  test('fails when the API rejects the call', async () => {
    loopback.queue('UpdateCostAllocationTagsStatus', awsJsonError('AccessDeniedException', 'Only the management account may update tags'));

    await expect(handler(event('Create', ['team']))).rejects.toThrow(/Only the management account may update tags/);
  });

  test('makes no call on delete unless deactivation is opted in', async () => {
    await expect(handler(event('Delete', ['team']))).resolves.toEqual({
      PhysicalResourceId: 'CategoryTags-cost-allocation-tags',
      Data: { UpdatedTags: 0 },
    });
    expect(loopback.requestsFor('UpdateCostAllocationTagsStatus')).toHaveLength(0);
  });

  test('deactivates on delete when opted in, and logs per-tag errors instead of failing the delete', async () => {
    loopback.queue('UpdateCostAllocationTagsStatus', awsJsonReply(updateErrors));

    await expect(handler(event('Delete', ['team', 'cost-center'], 'true'))).resolves.toMatchObject({ Data: { UpdatedTags: 1 } });

    const [call] = loopback.requestsFor('UpdateCostAllocationTagsStatus');
    expect(call.input.CostAllocationTagsStatus).toEqual([{ TagKey: 'team', Status: 'Inactive' }, { TagKey: 'cost-center', Status: 'Inactive' }]);
    expect(console.warn).toHaveBeenCalledWith(expect.objectContaining({ failure: expect.stringContaining('cost-center: TagKeysNotFoundException') }));
  });
});

describe('cost allocation tag handler as CloudFormation drives it', () => {
  /** The custom resource's properties and the handler's environment, as the template deploys them. */
  function deployed(tagKeys: string[], deactivateOnDelete: boolean) {
    const stack = new Stack(new App(), 'Tags');
    const tags = new CostAllocationTags(stack, 'CategoryTags', { tagKeys, deactivateOnDelete });
    const template = DeployedTemplate.of(stack);
    const [customResource] = template.logicalIdsOfType('Custom::CostAllocationTags');
    return {
      logicalId: customResource,
      properties: template.resolve(template.resource(customResource).Properties),
      environment: template.functionEnvironment(tags.handler),
    };
  }

  test('create, update with a tag removed, and delete run from the synthesized resource properties', async () => {
    loopback.on('UpdateCostAllocationTagsStatus', () => awsJsonReply({ Errors: [] }));
    const before = deployed(['team', 'cost-center'], true);
    const after = deployed(['team'], true);
    const restore = setEnvironment(before.environment);
    try {
      const created = await handler({ RequestType: 'Create', LogicalResourceId: before.logicalId, ResourceProperties: before.properties });
      await handler({
        RequestType: 'Update',
        LogicalResourceId: after.logicalId,
        PhysicalResourceId: created.PhysicalResourceId,
        ResourceProperties: after.properties,
        OldResourceProperties: before.properties,
      });
      await handler({ RequestType: 'Delete', LogicalResourceId: after.logicalId, PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: after.properties });
    } finally {
      restore();
    }

    expect(before.properties.ServiceToken).toMatch(/^arn:aws:lambda:us-east-1:111122223333:function:/);
    expect(loopback.requestsFor('UpdateCostAllocationTagsStatus').map((call) => call.input.CostAllocationTagsStatus)).toEqual([
      [{ TagKey: 'team', Status: 'Active' }, { TagKey: 'cost-center', Status: 'Active' }],
      [{ TagKey: 'team', Status: 'Active' }, { TagKey: 'cost-center', Status: 'Inactive' }],
      [{ TagKey: 'team', Status: 'Inactive' }],
    ]);
  });
});

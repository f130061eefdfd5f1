import * as fs from 'fs';
import * as path from 'path';
import { batchesOf, describeTagErrors, planTagActivation, TAGS_PER_CALL, TagActivationEvent } from '../../../src/runtime/cost-categories/tag-activation';

const updateErrors = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/UpdateCostAllocationTagsStatus.errors.json'), 'utf-8'));

function event(overrides: Partial<TagActivationEvent>): TagActivationEvent {
  return {
    RequestType: 'Create',
    LogicalResourceId: 'CategoryTags',
    ResourceProperties: { TagKeys: ['team', 'cost-center'], DeactivateOnDelete: 'false' },
    ...overrides,
  };
}

describe('planTagActivation', () => {
  test('activates every tag on create, with a physical ID derived from the logical ID', () => {
    expect(planTagActivation(event({}))).toEqual({
      physicalResourceId: 'CategoryTags-cost-allocation-tags',
      updates: [{ TagKey: 'team', Status: 'Active' }, { TagKey: 'cost-center', Status: 'Active' }],
      failOnErrors: true,
    });
  });

  test('lists a repeated tag once', () => {
    const plan = planTagActivation(event({ ResourceProperties: { TagKeys: ['team', 'team'] } }));
    expect(plan.updates).toEqual([{ TagKey: 'team', Status: 'Active' }]);
  });

  test('keeps the physical ID on update and leaves dropped tags active unless deactivation is opted in', () => {
    const plan = planTagActivation(event({
      RequestType: 'Update',
      PhysicalResourceId: 'existing-id',
      ResourceProperties: { TagKeys: ['team'], DeactivateOnDelete: 'false' },
      OldResourceProperties: { TagKeys: ['team', 'cost-center'] },
    }));
    expect(plan.physicalResourceId).toBe('existing-id');
    expect(plan.updates).toEqual([{ TagKey: 'team', Status: 'Active' }]);
  });

  test('deactivates tags dropped on update when deactivation is opted in', () => {
    const plan = planTagActivation(event({
      RequestType: 'Update',
      PhysicalResourceId: 'existing-id',
      ResourceProperties: { TagKeys: ['team'], DeactivateOnDelete: 'true' },
      OldResourceProperties: { TagKeys: ['team', 'cost-center'] },
    }));
    expect(plan.updates).toEqual([{ TagKey: 'team', Status: 'Active' }, { TagKey: 'cost-center', Status: 'Inactive' }]);
  });

  test('changes nothing on delete by default', () => {
    expect(planTagActivation(event({ RequestType: 'Delete', PhysicalResourceId: 'existing-id' }))).toEqual({
      physicalResourceId: 'existing-id',
      updates: [],
      failOnErrors: false,
    });
  });

  test('deactivates every tag on delete when opted in, without failing on per-tag errors', () => {
    const plan = planTagActivation(event({
      RequestType: 'Delete',
      PhysicalResourceId: 'existing-id',
      ResourceProperties: { TagKeys: ['team', 'cost-center'], DeactivateOnDelete: 'true' },
    }));
    expect(plan.updates).toEqual([{ TagKey: 'team', Status: 'Inactive' }, { TagKey: 'cost-center', Status: 'Inactive' }]);
    expect(plan.failOnErrors).toBe(false);
  });
});

describe('batchesOf', () => {
  test('splits 45 updates into calls of 20, 20 and 5, in order', () => {
    const keys = Array.from({ length: 45 }, (_, index) => `tag-${index}`);
    const batches = batchesOf(keys);
    expect(TAGS_PER_CALL).toBe(20);
    expect(batches.map((batch) => batch.length)).toEqual([20, 20, 5]);
    expect(batches.flat()).toEqual(keys);
  });

  test('makes no call for no updates', () => {
    expect(batchesOf([])).toEqual([]);
  });
});

describe('describeTagErrors', () => {
  test('names every failing tag with its code and message', () => {
    expect(describeTagErrors(updateErrors.Errors)).toBe(
      'Cost allocation tag status update failed for 1 tag(s): cost-center: TagKeysNotFoundException Failed to update tag status. The tag key cost-center was not found.',
    );
  });

  test('is undefined when every tag was updated', () => {
    expect(describeTagErrors([])).toBeUndefined();
  });
});

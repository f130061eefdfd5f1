import { CostExplorerClient, UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { batchesOf, describeTagErrors, planTagActivation, TagActivationEvent, TagStatusError } from '../runtime/cost-categories/tag-activation';

let costExplorer: CostExplorerClient | undefined;

/**
 * The onEvent handler of the cost allocation tag activation provider: activates the tags on
 * create and update, deactivates them on delete when opted in. Calls are batched by 20 tags;
 * the SDK retries throttling. Per-tag errors of the response fail a create or update with every
 * failing tag named, and are logged on delete.
 */
export async function handler(event: TagActivationEvent): Promise<{ PhysicalResourceId: string; Data: { UpdatedTags: number } }> {
  const plan = planTagActivation(event);
  costExplorer ??= new CostExplorerClient({});
  const errors: TagStatusError[] = [];
  for (const batch of batchesOf(plan.updates)) {
    const response = await costExplorer.send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: batch }));
    errors.push(...(response.Errors ?? []));
  }
  const failure = describeTagErrors(errors);
  if (failure && plan.failOnErrors) {
    throw new Error(failure);
  }
  if (failure) {
    console.warn({ requestType: event.RequestType, failure });
  }
  console.log({ requestType: event.RequestType, updates: plan.updates });
  return { PhysicalResourceId: plan.physicalResourceId, Data: { UpdatedTags: plan.updates.length - errors.length } };
}

/**
 * Decisions of the cost allocation tag activation custom resource: which tags to activate or
 * deactivate for a CloudFormation event, in batches the API accepts, and how to report per-tag errors.
 */

/** UpdateCostAllocationTagsStatus takes at most 20 tags per call (API_UpdateCostAllocationTagsStatus.html). */
export const TAGS_PER_CALL = 20;

export type TagStatus = 'Active' | 'Inactive';

/** One entry of the UpdateCostAllocationTagsStatus request. */
export interface TagStatusEntry {
  readonly TagKey: string;
  readonly Status: TagStatus;
}

/** One entry of the response's `Errors` list. */
export interface TagStatusError {
  readonly TagKey?: string;
  readonly Code?: string;
  readonly Message?: string;
}

/** The resource properties the construct sets (CloudFormation passes every value as a string). */
export interface TagActivationProperties {
  readonly TagKeys?: string[];
  readonly DeactivateOnDelete?: string;
}

/** The part of a CloudFormation custom resource event the handler reads. */
export interface TagActivationEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: TagActivationProperties;
  readonly OldResourceProperties?: TagActivationProperties;
}

/** What to do for an event: the status updates, and whether per-tag errors fail the deployment. */
export interface TagActivationPlan {
  readonly physicalResourceId: string;
  readonly updates: TagStatusEntry[];
  /** False on Delete: a tag that cannot be deactivated must not block deleting the stack. */
  readonly failOnErrors: boolean;
}

/**
 * Create: activate every tag. Update: activate every tag, and deactivate the tags no longer listed
 * when deactivation is opted in. Delete: deactivate every tag only when opted in.
 */
export function planTagActivation(event: TagActivationEvent): TagActivationPlan {
  const tagKeys = uniqueKeys(event.ResourceProperties.TagKeys);
  const deactivates = event.ResourceProperties.DeactivateOnDelete === 'true';
  // A stable physical ID: a new one would make CloudFormation delete (deactivate) the old resource.
  const physicalResourceId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-cost-allocation-tags`;
  switch (event.RequestType) {
    case 'Create':
      return { physicalResourceId, updates: withStatus(tagKeys, 'Active'), failOnErrors: true };
    case 'Update': {
      const dropped = uniqueKeys(event.OldResourceProperties?.TagKeys).filter((key) => !tagKeys.includes(key));
      const deactivations = deactivates ? withStatus(dropped, 'Inactive') : [];
      return { physicalResourceId, updates: [...withStatus(tagKeys, 'Active'), ...deactivations], failOnErrors: true };
    }
    case 'Delete':
      return { physicalResourceId, updates: deactivates ? withStatus(tagKeys, 'Inactive') : [], failOnErrors: false };
  }
}

/** The updates in calls of at most {@link TAGS_PER_CALL} entries, in order. */
export function batchesOf<T>(entries: readonly T[], size: number = TAGS_PER_CALL): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < entries.length; start += size) {
    batches.push(entries.slice(start, start + size));
  }
  return batches;
}

/** One line naming every tag that failed, with its code and message; undefined when none did. */
export function describeTagErrors(errors: readonly TagStatusError[]): string | undefined {
  if (errors.length === 0) {
    return undefined;
  }
  const details = errors.map((error) => `${error.TagKey ?? '(unknown tag)'}: ${error.Code ?? 'Error'} ${error.Message ?? ''}`.trim());
  return `Cost allocation tag status update failed for ${errors.length} tag(s): ${details.join('; ')}`;
}

function withStatus(tagKeys: readonly string[], status: TagStatus): TagStatusEntry[] {
  return tagKeys.map((TagKey) => ({ TagKey, Status: status }));
}

function uniqueKeys(tagKeys: readonly string[] | undefined): string[] {
  return [...new Set(tagKeys ?? [])];
}

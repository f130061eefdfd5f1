/**
 * aws-local-stepfunctions runs a Distributed Map as an inline Map: it implements neither
 * `ItemReader` nor `ResultWriter`. This rewrites exactly those two fields into their inline
 * equivalents, and keeps everything else of the synthesized definition:
 *
 * - `ItemReader` becomes a Task state inserted before the Map (`<Map> ItemReader`), whose
 *   Parameters are the reader's own (Bucket, `Key.$`) plus the state input; its local handler reads
 *   the JSON array from the test's S3 store and puts it in the input, where the Map's new
 *   `ItemsPath` finds it.
 * - `ResultWriter` becomes a Task state inserted after the Map (`<Map> ResultWriter`): its local
 *   handler writes the collected child outputs to the store as the ResultWriter would
 *   (`<prefix>/<run>/manifest.json` and `SUCCEEDED_0.json`, Output as JSON text) and replaces the
 *   Map's result with `{ MapRunArn, ResultWriterDetails: { Bucket, Key } }`.
 *
 * Every other field (ItemSelector, ItemProcessor with its Retry and Catch, MaxConcurrency,
 * ResultPath, the states before and after) runs as synthesized.
 */
const ITEMS_FIELD = '__distributedMapItems';

/** Objects by `bucket/key`, shared with the loopback S3 of the test. */
export type ObjectStore = Map<string, string>;

export type LocalTaskHandler = (input: any) => Promise<any>;

export interface InlinedDistributedMaps {
  readonly definition: any;
  /** Local handlers of the inserted states, to add to `taskResourceLocalHandlers`. */
  readonly handlers: Record<string, LocalTaskHandler>;
}

export function inlineDistributedMaps(definition: any, store: ObjectStore): InlinedDistributedMaps {
  const rewritten = JSON.parse(JSON.stringify(definition));
  const handlers: Record<string, LocalTaskHandler> = {};
  for (const [name, state] of Object.entries<any>({ ...rewritten.States })) {
    if (state.Type !== 'Map' || state.ItemReader === undefined) continue;
    const readerName = `${name} ItemReader`;
    const writerName = `${name} ResultWriter`;
    const resultField = /^\$\.([A-Za-z0-9_]+)$/.exec(state.ResultPath ?? '')?.[1];
    if (resultField === undefined) throw new Error(`distributed-map test support handles a ResultPath "$.<field>" only; ${name} has ${state.ResultPath}`);

    redirectTransitions(rewritten, name, readerName);
    rewritten.States[readerName] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::test-support:itemReader',
      Parameters: { ...state.ItemReader.Parameters, 'input.$': '$' },
      Next: name,
    };
    handlers[readerName] = async ({ Bucket, Key, input }) => ({ ...input, [ITEMS_FIELD]: JSON.parse(readObject(store, Bucket, Key)) });

    const writer = state.ResultWriter;
    rewritten.States[writerName] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::test-support:resultWriter',
      Parameters: { 'input.$': '$' },
      ...(state.End ? { End: true } : { Next: state.Next }),
    };
    handlers[writerName] = async ({ input }) => {
      const { [ITEMS_FIELD]: items, ...rest } = input;
      const outputs: unknown[] = rest[resultField];
      const run = `local-${Date.now()}`;
      const prefix = `${writer.Parameters.Prefix}/${run}`;
      const resultsKey = `${prefix}/SUCCEEDED_0.json`;
      store.set(`${writer.Parameters.Bucket}/${resultsKey}`, JSON.stringify(outputs.map((output, index) => ({
        ExecutionArn: `arn:aws:states:us-east-1:111122223333:execution:local/${run}:${index}`,
        Input: JSON.stringify(items[index]),
        Output: JSON.stringify(output),
        Status: 'SUCCEEDED',
      }))));
      const manifestKey = `${prefix}/manifest.json`;
      store.set(`${writer.Parameters.Bucket}/${manifestKey}`, JSON.stringify({
        DestinationBucket: writer.Parameters.Bucket,
        MapRunArn: `arn:aws:states:us-east-1:111122223333:mapRun:local/${name}:${run}`,
        ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: resultsKey, Size: 0 }] },
      }));
      return { ...rest, [resultField]: { MapRunArn: `local/${run}`, ResultWriterDetails: { Bucket: writer.Parameters.Bucket, Key: manifestKey } } };
    };

    delete state.ItemReader;
    delete state.ResultWriter;
    state.ItemsPath = `$.${ITEMS_FIELD}`;
    delete state.End;
    state.Next = writerName;
  }
  return { definition: rewritten, handlers };
}

function redirectTransitions(definition: any, from: string, to: string): void {
  if (definition.StartAt === from) definition.StartAt = to;
  for (const state of Object.values<any>(definition.States)) {
    if (state.Next === from) state.Next = to;
    for (const choice of state.Choices ?? []) if (choice.Next === from) choice.Next = to;
    if (state.Default === from) state.Default = to;
    for (const caught of state.Catch ?? []) if (caught.Next === from) caught.Next = to;
  }
}

function readObject(store: ObjectStore, bucket: string, key: string): string {
  const body = store.get(`${bucket}/${key}`);
  if (body === undefined) throw new Error(`The test's S3 store has no s3://${bucket}/${key}`);
  return body;
}

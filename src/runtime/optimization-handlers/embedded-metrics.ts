import type { MetricDatum } from '@aws-sdk/client-cloudwatch';

/**
 * CloudWatch embedded metric format (EMF): a log event that is one JSON object whose `_aws` member
 * tells CloudWatch Logs which of its members are metrics.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html:
 * "The CloudWatch embedded metric format is a JSON specification used to instruct CloudWatch Logs
 * to automatically extract metric values embedded in structured log events"; the document "MUST
 * contain the following top-level member on the root node. This is a Metadata object object:
 * { "_aws": { "CloudWatchMetrics": [ ... ] } }", with `Timestamp`, "A number representing the time
 * stamp used for metrics extracted from the event. Values MUST be expressed as the number of
 * milliseconds after Jan 1, 1970 00:00:00 UTC".
 *
 * A document's dimension values are members of its root, so one document holds one value per
 * dimension: data points are grouped by their dimensions (and timestamp), one document per group.
 *
 * Why not Powertools for AWS Lambda (TypeScript) Metrics (2.36, a build dependency): its `Metrics`
 * adds a `service` default dimension to every metric (`setOptions`: `{ service: resolvedServiceName,
 * ...defaultDimensions }`), which would change the identity of the metrics the pipeline's alarms and
 * dashboard read (`Optimizer` alone, or with `OpportunityType`); it keeps one dimension set per
 * flush, so the per-type data points would need this grouping anyway; and Logger with Metrics adds
 * 34,775 bytes to a minified bundle (an optimizer bundle is about 80,000). Measured cold start was
 * not the reason: requiring it before the rightsizing or approval-decision bundle added no CPU time
 * measurable at 10 ms (7 alternating runs each). This writer adds about 760 bytes.
 */
export interface EmbeddedMetricDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: ReadonlyArray<{
      readonly Namespace: string;
      readonly Dimensions: ReadonlyArray<readonly string[]>;
      readonly Metrics: ReadonlyArray<{ readonly Name: string; readonly Unit: string }>;
    }>;
  };
  readonly [member: string]: unknown;
}

/**
 * The specification's limits on a MetricDirective: "Metrics— An array of MetricDefinition object
 * objects. This array MUST NOT contain more than 100 MetricDefinition objects" (the page above, as
 * kept in awsdocs/amazon-cloudwatch-user-guide, doc_source/CloudWatch_Embedded_Metric_Format_Specification.md).
 * That archived copy caps a DimensionSet at 9 keys; CloudWatch has since raised it to 30, which is
 * what Powertools for AWS Lambda (TypeScript) 2.36 checks (`MAX_DIMENSION_COUNT`, "EMF 30 dimension
 * cap"). The optimizers use at most 2 (Optimizer, OpportunityType).
 */
export const MAX_METRICS_PER_DOCUMENT = 100;
export const MAX_DIMENSIONS_PER_SET = 30;

/**
 * Turns data points into EMF documents under `namespace`: one document per dimension values and
 * timestamp, split so that none holds more than 100 metrics or the same metric name twice (a name
 * is one member of the root). Order follows the data points' first appearance.
 */
export function embeddedMetricDocuments(namespace: string, data: readonly MetricDatum[]): EmbeddedMetricDocument[] {
  const groups = new Map<string, MetricDatum[][]>();
  for (const datum of data) {
    const key = groupKey(datum);
    const documents = groups.get(key) ?? [];
    const last = documents[documents.length - 1];
    if (last === undefined || last.length === MAX_METRICS_PER_DOCUMENT || last.some((other) => other.MetricName === datum.MetricName)) {
      documents.push([datum]);
    } else {
      last.push(datum);
    }
    groups.set(key, documents);
  }
  return [...groups.values()].flat().map((points) => documentOf(namespace, points));
}

function groupKey(datum: MetricDatum): string {
  if (datum.MetricName === undefined || datum.Value === undefined || datum.Timestamp === undefined) {
    throw new Error(`A metric data point needs a name, a value and a timestamp: ${JSON.stringify(datum)}`);
  }
  const dimensions = datum.Dimensions ?? [];
  if (dimensions.length > MAX_DIMENSIONS_PER_SET) {
    throw new Error(`The metric ${datum.MetricName} has ${dimensions.length} dimensions; an embedded metric document takes at most ${MAX_DIMENSIONS_PER_SET}`);
  }
  return JSON.stringify([new Date(datum.Timestamp).getTime(), dimensions.map((dimension) => [dimension.Name, dimension.Value])]);
}

/** One document: the group's dimension values and metric values as root members, described by `_aws`. */
function documentOf(namespace: string, points: readonly MetricDatum[]): EmbeddedMetricDocument {
  const [first] = points;
  const dimensions = first.Dimensions ?? [];
  return {
    _aws: {
      Timestamp: new Date(first.Timestamp!).getTime(),
      CloudWatchMetrics: [{
        Namespace: namespace,
        Dimensions: [dimensions.map((dimension) => dimension.Name!)],
        Metrics: points.map((point) => ({ Name: point.MetricName!, Unit: point.Unit ?? 'None' })),
      }],
    },
    ...Object.fromEntries(dimensions.map((dimension) => [dimension.Name!, dimension.Value!])),
    ...Object.fromEntries(points.map((point) => [point.MetricName!, point.Value!])),
  };
}

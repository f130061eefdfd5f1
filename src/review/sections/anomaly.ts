import { describeThreshold } from '../../anomaly/private/threshold-expression';
import { describeExpression } from '../../core/private/expression';
import { ReviewItem } from '../item';
import { conditionFact, onlyWhen, readable, SynthesizedStack, TemplateResource } from '../template';
import { describeSubscribers } from './subscribers';

/** The review of every AWS::CE::AnomalyMonitor and AWS::CE::AnomalySubscription of a stack. */
export function reviewAnomalyDetection(stack: SynthesizedStack): string[] {
  const monitors = stack.resources.filter((resource) => resource.type === 'AWS::CE::AnomalyMonitor');
  const subscriptions = stack.resources.filter((resource) => resource.type === 'AWS::CE::AnomalySubscription');
  if (monitors.length === 0 && subscriptions.length === 0) {
    return [];
  }
  return [
    `### Anomaly monitors (${monitors.length})`,
    '',
    ...monitors.map(describeMonitor),
    '',
    `### Anomaly subscriptions (${subscriptions.length})`,
    '',
    ...subscriptions.map((subscription) => describeSubscription(stack, subscription)),
    '',
  ];
}

/** Every anomaly monitor (what it watches) and subscription (frequency, threshold, monitors, subscribers) of a stack as facts. */
export function anomalyItems(stack: SynthesizedStack): ReviewItem[] {
  const items = (section: string, type: string, facts: (resource: TemplateResource) => ReviewItem['facts'], name: string) =>
    stack.resources.filter((resource) => resource.type === type).map((resource) => ({
      section,
      stackName: stack.stackName,
      path: resource.path,
      name: readable(resource.properties[name] ?? resource.logicalId),
      facts: { ...conditionFact(resource), ...facts(resource) },
    }));
  return [
    ...items('Anomaly monitors', 'AWS::CE::AnomalyMonitor', (monitor) => ({ watches: [monitorScope(monitor)] }), 'MonitorName'),
    ...items('Anomaly subscriptions', 'AWS::CE::AnomalySubscription', (subscription) => ({
      frequency: [readable(subscription.properties.Frequency)],
      threshold: [subscriptionThreshold(subscription)],
      monitors: describeMonitors(stack, subscription.properties.MonitorArnList),
      subscribers: describeSubscribers(stack, subscription.properties.Subscribers),
    }), 'SubscriptionName'),
  ];
}

function monitorScope(monitor: TemplateResource): string {
  const { MonitorType, MonitorDimension, MonitorSpecification } = monitor.properties;
  return MonitorType === 'DIMENSIONAL'
    ? `each ${MonitorDimension === 'SERVICE' ? 'AWS service' : readable(MonitorDimension)} on its own`
    : typeof MonitorSpecification === 'string'
      ? describeExpression(JSON.parse(MonitorSpecification))
      : readable(MonitorSpecification);
}

function subscriptionThreshold(subscription: TemplateResource): string {
  const { ThresholdExpression, Threshold } = subscription.properties;
  if (ThresholdExpression === undefined && Threshold !== undefined) {
    return `impact >= ${readable(Threshold)} USD`;
  }
  return typeof ThresholdExpression === 'string' ? describeThreshold(JSON.parse(ThresholdExpression)) : readable(ThresholdExpression);
}

function describeMonitor(monitor: TemplateResource): string {
  return `- **${readable(monitor.properties.MonitorName ?? monitor.logicalId)}** (${readable(monitor.properties.MonitorType)}): ${monitorScope(monitor)} \`${monitor.path}\`${onlyWhen(monitor)}`;
}

function describeSubscription(stack: SynthesizedStack, subscription: TemplateResource): string {
  const { SubscriptionName, Frequency, Subscribers, MonitorArnList } = subscription.properties;
  return `- **${readable(SubscriptionName ?? subscription.logicalId)}** (${readable(Frequency)}, ${subscriptionThreshold(subscription)}) ` +
    `watching ${describeMonitors(stack, MonitorArnList).join(', ')} → ${describeSubscribers(stack, Subscribers).join(', ')} \`${subscription.path}\`${onlyWhen(subscription)}`;
}

function describeMonitors(stack: SynthesizedStack, monitorArns: unknown = []): string[] {
  if (!Array.isArray(monitorArns)) {
    return [readable(monitorArns)];
  }
  return monitorArns.map((arn) => {
    const logicalId = (arn as any)?.['Fn::GetAtt']?.[0] ?? (arn as any)?.Ref;
    const monitor = stack.resources.find((resource) => resource.logicalId === logicalId);
    return monitor ? readable(monitor.properties.MonitorName ?? monitor.logicalId) : readable(arn);
  });
}

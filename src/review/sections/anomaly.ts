import { describeThreshold } from '../../anomaly/private/threshold-expression';
import { describeExpression } from '../../core/private/expression';
import { readable, referencedResource, SynthesizedStack, TemplateResource } from '../template';

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

function describeMonitor(monitor: TemplateResource): string {
  const { MonitorName, MonitorType, MonitorDimension, MonitorSpecification } = monitor.properties;
  const scope = MonitorType === 'DIMENSIONAL'
    ? `each ${MonitorDimension === 'SERVICE' ? 'AWS service' : MonitorDimension} on its own`
    : typeof MonitorSpecification === 'string'
      ? describeExpression(JSON.parse(MonitorSpecification))
      : readable(MonitorSpecification);
  return `- **${readable(MonitorName ?? monitor.logicalId)}** (${MonitorType}): ${scope}`;
}

function describeSubscription(stack: SynthesizedStack, subscription: TemplateResource): string {
  const { SubscriptionName, Frequency, ThresholdExpression, Subscribers, MonitorArnList } = subscription.properties;
  const threshold = typeof ThresholdExpression === 'string' ? describeThreshold(JSON.parse(ThresholdExpression)) : readable(ThresholdExpression);
  return `- **${readable(SubscriptionName ?? subscription.logicalId)}** (${Frequency}, ${threshold}) ` +
    `watching ${describeMonitors(stack, MonitorArnList)} → ${describeSubscribers(stack, Subscribers)}`;
}

function describeMonitors(stack: SynthesizedStack, monitorArns: unknown[] = []): string {
  return monitorArns
    .map((arn) => {
      const logicalId = (arn as any)?.['Fn::GetAtt']?.[0] ?? (arn as any)?.Ref;
      const monitor = stack.resources.find((resource) => resource.logicalId === logicalId);
      return monitor ? readable(monitor.properties.MonitorName ?? monitor.logicalId) : readable(arn);
    })
    .join(', ');
}

function describeSubscribers(stack: SynthesizedStack, subscribers: any[] = []): string {
  return subscribers
    .map((subscriber) => {
      const topic = referencedResource(stack, subscriber.Address);
      return subscriber.Type === 'SNS' ? `SNS ${topic ? topic.logicalId : readable(subscriber.Address)}` : `email ${readable(subscriber.Address)}`;
    })
    .join(', ');
}

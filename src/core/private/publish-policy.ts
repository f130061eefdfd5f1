import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import type { AlertPublisher } from '../alert-topic';

/**
 * Adds a topic policy statement that lets the publisher's service publish for this account's
 * resources only. A warning is recorded when the topic's policy cannot be changed (imported topic).
 */
export function allowServiceToPublish(scope: IConstruct, topic: sns.ITopic, publisher: AlertPublisher): void {
  // Many budgets share one topic: the statement is the same for every scope of the same account,
  // so it is built once, instead of once per budget only for the policy to drop the copies at synth.
  const environment = environmentKey(scope);
  const granted = grantedPublishers.get(topic) ?? new Map<AlertPublisher, Set<string>>();
  const grantedEnvironments = granted.get(publisher) ?? new Set<string>();
  if (grantedEnvironments.has(environment)) {
    return;
  }
  const statement = new iam.PolicyStatement({
    sid: `Allow${sidOf(publisher)}ToPublish`,
    principals: [new iam.ServicePrincipal(publisher.servicePrincipal)],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: sourceConditions(scope, publisher),
  });
  if (topic.addToResourcePolicy(statement).statementAdded) {
    grantedPublishers.set(topic, granted.set(publisher, grantedEnvironments.add(environment)));
  } else {
    Annotations.of(scope).addWarningV2(
      '@finops-as-code/cdk-finops:importedTopicPolicy',
      `The policy of the imported topic ${topic.topicArn} cannot be changed here: allow ${publisher.servicePrincipal} to sns:Publish to it yourself.`,
    );
  }
}

/** The publish grants already in each topic's policy: by publisher, the environments granted. */
const grantedPublishers = new WeakMap<sns.ITopic, Map<AlertPublisher, Set<string>>>();

/** Besides topic and publisher, the statement depends only on the scope's partition, account and region. */
function environmentKey(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return `${stack.partition}|${stack.account}|${stack.region}`;
}

/**
 * The conditions of the publisher's topic and key policy statements: this account, and this
 * account's publishing resources when the publisher's documentation scopes them by ARN.
 */
export function sourceConditions(scope: IConstruct, publisher: AlertPublisher): Record<string, Record<string, string>> {
  const sourceArn = publisher.sourceArnPattern(scope);
  return {
    StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    ...(sourceArn !== undefined ? { ArnLike: { 'aws:SourceArn': sourceArn } } : {}),
  };
}

export function sidOf(publisher: AlertPublisher): string {
  const service = publisher.servicePrincipal.split('.')[0];
  return service.charAt(0).toUpperCase() + service.slice(1).replace(/[^A-Za-z0-9]/g, '');
}

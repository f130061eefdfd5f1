import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { allowServiceToPublish } from './publish-policy';
import { AlertPublisher, AlertTopic } from '../alert-topic';
import { fail } from '../validation';

/** The AWS-managed SNS key: its key policy cannot be changed, so no AWS service publisher may use it. */
const AWS_MANAGED_SNS_KEY_ALIAS = 'alias/aws/sns';

/**
 * The topic a construct publishes alerts to: the user's topic (its policy extended for the publisher
 * when it belongs to this app) or a new {@link AlertTopic}. A topic of this app encrypted with the
 * AWS-managed `alias/aws/sns` key is refused: AWS Budgets and Cost Anomaly Detection could not publish to it.
 */
export function resolveAlertTopic(scope: Construct, id: string, publisher: AlertPublisher, existing?: sns.ITopic): sns.ITopic {
  if (existing) {
    const cfnTopic = existing.node.defaultChild instanceof sns.CfnTopic ? existing.node.defaultChild : undefined;
    refuseAwsManagedKey(scope, [cfnTopic?.kmsMasterKeyId, existing.masterKey?.keyArn, aliasOf(existing.masterKey)], 'alertTopic');
    allowServiceToPublish(scope, existing, publisher);
    return existing;
  }
  return new AlertTopic(scope, id, { publishers: [publisher] }).topic;
}

/**
 * The topic's ARN as a resource of `scope` names it. For a topic of this app in the same account and
 * Region that is its `Ref`, which is what `topic.topicArn` resolves to there, one token fewer to
 * resolve for each of the thousands of subscribers that name a shared topic; elsewhere `topicArn`,
 * which knows how to name a topic across environments.
 */
export function topicArnFor(scope: IConstruct, topic: sns.ITopic): string {
  const cfnTopic = topic.node.defaultChild;
  if (topic instanceof sns.Topic && cfnTopic instanceof sns.CfnTopic) {
    const consumer = Stack.of(scope);
    const owner = Stack.of(cfnTopic);
    if (consumer.account === owner.account && consumer.region === owner.region) {
      return cfnTopic.ref;
    }
  }
  return topic.topicArn;
}

/** The alias name of a key given as an alias (`kms.Alias.fromAliasName`), if any. */
export function aliasOf(key: kms.IKey | undefined): string | undefined {
  return (key as Partial<kms.IAlias> | undefined)?.aliasName;
}

/**
 * Fails when any of the ways a key is written (key ID property, key ARN, alias name) names the
 * AWS-managed SNS key, as its alias or its alias ARN. A topic imported by ARN alone carries no key: it is not checked.
 */
export function refuseAwsManagedKey(scope: IConstruct, keyReferences: Array<string | undefined>, property: string): void {
  const namesManagedKey = (reference: string | undefined) =>
    typeof reference === 'string' && (reference === AWS_MANAGED_SNS_KEY_ALIAS || reference.endsWith(`:${AWS_MANAGED_SNS_KEY_ALIAS}`));
  if (keyReferences.some(namesManagedKey)) {
    fail(scope, {
      value: `${property} encrypted with ${AWS_MANAGED_SNS_KEY_ALIAS}`,
      rule: `an alert topic's key must let ${['budgets.amazonaws.com', 'costalerts.amazonaws.com'].join(' and ')} use it, and the policy of the AWS-managed key ${AWS_MANAGED_SNS_KEY_ALIAS} cannot be changed`,
      fix: 'encrypt the topic with a customer-managed KMS key (or omit the topic: a new one gets such a key)',
    });
  }
}

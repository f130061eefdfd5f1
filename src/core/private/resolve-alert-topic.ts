import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowServiceToPublish } from './publish-policy';
import { AlertPublisher, AlertTopic } from '../alert-topic';

/**
 * The topic a construct publishes alerts to: the user's topic (its policy extended for the publisher
 * when it belongs to this app) or a new {@link AlertTopic}.
 */
export function resolveAlertTopic(scope: Construct, id: string, publisher: AlertPublisher, existing?: sns.ITopic): sns.ITopic {
  if (existing) {
    allowServiceToPublish(scope, existing, publisher);
    return existing;
  }
  return new AlertTopic(scope, id, { publishers: [publisher] }).topic;
}


import { Annotations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { isListToken, listTokenSlotsOf } from './deploy-time';
import { EMAIL_LIST_TOKEN_SLOTS } from '../limits/optimization';

/**
 * Subscribes every address to the topic: one subscription per address known at synth or given as
 * a string token, and for each list token a fixed number of subscriptions, each created only
 * when the list has an address at its position (a list's length is unknown until deploy).
 */
export function subscribeEmails(scope: Construct, id: string, topic: sns.ITopic, emails: string[]): void {
  emails.forEach((email, index) => {
    if (isListToken([email])) {
      subscribeEmailList(scope, `${id}List${index}`, topic, [email]);
    } else {
      topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  });
}

function subscribeEmailList(scope: Construct, id: string, topic: sns.ITopic, list: string[]): void {
  Annotations.of(scope).addWarningV2(
    '@finops-as-code/cdk-finops:emailListToken',
    `An email list known only at deploy time is subscribed to ${topic.node.path} up to its first ${EMAIL_LIST_TOKEN_SLOTS} addresses; `
      + 'addresses past them are not subscribed (list them at synth, or subscribe them to the topic yourself)',
  );
  listTokenSlotsOf(scope, list, EMAIL_LIST_TOKEN_SLOTS).forEach(({ value, present }, slot) => {
    const subscription = new sns.Subscription(scope, `${id}Address${slot}`, { topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: value });
    (subscription.node.defaultChild as sns.CfnSubscription).cfnOptions.condition = present;
  });
}
